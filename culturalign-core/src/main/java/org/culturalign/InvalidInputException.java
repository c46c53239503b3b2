package org.culturalign;

/**
 * Bad user input: an unreadable or malformed file, an unknown name, an impossible configuration. The command line
 * maps it to exit code 2. The message is one line that names the file / line / field or the option and what was
 * expected (and, for names, the nearest valid ones).
 */
public class InvalidInputException extends RuntimeException {
    /** @param message one line: where, what was found, what was expected */
    public InvalidInputException(String message) {
        super(message);
    }

    /** Same, with a cause. */
    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
