package org.culturalign.cli;

import org.culturalign.InvalidInputException;
import org.culturalign.model.ModelException;
import picocli.CommandLine;

/** Documented exit codes: 0 ok, 1 failure, 2 usage or input error (the JBang / kcctl convention). */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** A failure that is not the user's input (a backend error, an I/O failure, a bug). */
    public static final int FAILURE = 1;
    /** Usage or input error: bad flags, unknown names, unreadable or malformed files. */
    public static final int INVALID_INPUT = 2;

    private ExitCodes() {
    }

    /** Maps an exception that escaped a command to its exit code. */
    public static int of(Throwable t) {
        if (t instanceof InvalidInputException || t instanceof CommandLine.ParameterException) {
            return INVALID_INPUT;
        }
        return FAILURE;
    }

    /**
     * Prints one clear line for input errors and backend failures ({@link ModelException}: its message, exit 1), and
     * for anything else (a bug) the exception with its stack trace behind {@code CULTURALIGN_DEBUG}.
     */
    static final class ExceptionHandler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
            if (ex instanceof InvalidInputException) {
                cl.getErr().println("culturalign: " + ex.getMessage());
                return INVALID_INPUT;
            }
            if (ex instanceof ModelException) {
                // a backend failure the backend has explained (unreachable server, refused request): its message is
                // the whole story; no Java class name
                cl.getErr().println("culturalign: " + ex.getMessage());
                if (System.getenv("CULTURALIGN_DEBUG") != null) {
                    ex.printStackTrace(cl.getErr());
                }
                return FAILURE;
            }
            cl.getErr().println("culturalign: failed: " + ex);
            if (System.getenv("CULTURALIGN_DEBUG") != null) {
                ex.printStackTrace(cl.getErr());
            } else {
                cl.getErr().println("(set CULTURALIGN_DEBUG=1 for the stack trace)");
            }
            return FAILURE;
        }
    }
}
