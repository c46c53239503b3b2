package org.culturalign.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Usage errors in one line plus a pointer to the help, instead of picocli's message followed by the whole usage text.
 * A value of the wrong type is reported under the option name the user typed (picocli's own message names the
 * option's longest alias, which may not be the one used) with what was expected: {@code culturalign eval: invalid
 * value 'abc' for option '--shots': expected a comma-separated list of integers}. Exit code 2.
 */
final class ParameterErrors implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String command = cl.getCommandSpec().qualifiedName();
        ArgSpec arg = ex.getArgSpec();
        if (arg != null && ex.getValue() != null && String.valueOf(ex.getMessage()).startsWith("Invalid value")) {
            String name = arg instanceof OptionSpec o ? "option '" + typedName(o, args) + "'"
                    : "parameter " + arg.paramLabel();
            err.println(command + ": invalid value '" + ex.getValue() + "' for " + name + ": expected "
                    + expected(arg));
        } else {
            err.println(ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        }
        err.println("(see " + command + " --help)");
        err.flush();
        return ExitCodes.INVALID_INPUT;
    }

    /** The name of the option as typed on the command line, else its longest kebab-case name. */
    static String typedName(OptionSpec option, String[] args) {
        List<String> names = Arrays.asList(option.names());
        for (String a : args) {
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (names.contains(name)) {
                return name;
            }
        }
        return names.stream().filter(n -> !n.contains("_")).max(Comparator.comparingInt(String::length))
                .orElse(option.longestName());
    }

    /** What a value of the option's type looks like, e.g. "an integer", "a comma-separated list of numbers". */
    static String expected(ArgSpec arg) {
        Class<?> type = arg.isMultiValue() && arg.auxiliaryTypes().length > 0 ? arg.auxiliaryTypes()[0] : arg.type();
        if (type.isEnum()) {
            String values = String.join(", ", Arrays.stream(type.getEnumConstants())
                    .map(e -> e.toString().toLowerCase(Locale.ROOT)).toList());
            return arg.isMultiValue() ? "a comma-separated list of " + values : "one of " + values;
        }
        String[] kind = kind(type);
        if (arg.isMultiValue()) {
            return (arg.splitRegex().isEmpty() ? "one or more " : "a comma-separated list of ") + kind[1];
        }
        return kind[0];
    }

    /** {singular with article, plural}. */
    private static String[] kind(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return new String[] {"an integer", "integers"};
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return new String[] {"a number", "numbers"};
        }
        if (type == boolean.class || type == Boolean.class) {
            return new String[] {"true or false", "true/false values"};
        }
        if (Path.class.isAssignableFrom(type) || type == java.io.File.class) {
            return new String[] {"a file path", "file paths"};
        }
        String simple = type.getSimpleName().toLowerCase(Locale.ROOT);
        return new String[] {"a " + simple, simple + " values"};
    }
}
