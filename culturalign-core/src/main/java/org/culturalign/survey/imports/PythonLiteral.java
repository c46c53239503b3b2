package org.culturalign.survey.imports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict parser for the Python literals that GlobalOpinionQA prints into its CSV cells (no Python runtime):
 * strings in single or double quotes with backslash escapes ({@code \\ \' \" \n \r \t \xhh \\uXXXX \UXXXXXXXX}),
 * integers and floats (with exponent, {@code nan}, {@code inf}), {@code None}, {@code True}, {@code False}, lists,
 * tuples, dicts, and the printed {@code defaultdict(<class 'list'>, {...})}. Anything else is a syntax error; the
 * whole input must be one literal.
 *
 * <p>Values map to Java as: str to {@link String}, int to {@link Long}, float to {@link Double}, list and tuple to an
 * unmodifiable {@link List}, dict and defaultdict to an unmodifiable insertion-ordered {@link Map}, None to
 * {@code null}, bools to {@link Boolean}.
 */
public final class PythonLiteral {
    /** A syntax error: the message gives the character position (1-based) and what was expected. */
    public static final class SyntaxError extends IllegalArgumentException {
        SyntaxError(String message) {
            super(message);
        }
    }

    private final String text;
    private int pos;

    private PythonLiteral(String text) {
        this.text = text;
    }

    /**
     * Parses one literal.
     *
     * @throws SyntaxError when the text is not exactly one supported literal
     */
    public static Object parse(String text) {
        PythonLiteral p = new PythonLiteral(text);
        Object value = p.value();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("end of input");
        }
        return value;
    }

    private Object value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("a value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '\'', '"' -> {
                return string();
            }
            case '[' -> {
                return sequence('[', ']');
            }
            case '(' -> {
                return sequence('(', ')');
            }
            case '{' -> {
                return dict();
            }
            default -> {
                if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) {
                    return number();
                }
                if (Character.isLetter(c)) {
                    return name();
                }
                throw error("a value");
            }
        }
    }

    private Object name() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        String word = text.substring(start, pos);
        switch (word) {
            case "None":
                return null;
            case "True":
                return Boolean.TRUE;
            case "False":
                return Boolean.FALSE;
            case "nan":
                return Double.NaN;
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "defaultdict":
                return defaultdict();
            default:
                pos = start;
                throw error("a value (a string, number, list, dict, None, True or False)");
        }
    }

    /** {@code defaultdict(<class 'list'>, {...})}: the factory is checked, the dict is the value. */
    private Object defaultdict() {
        expect('(');
        skipSpace();
        expect('<');
        int close = text.indexOf('>', pos);
        if (close < 0 || !text.substring(pos, close).matches("class '[A-Za-z_.]+'")) {
            throw error("<class 'list'>");
        }
        pos = close + 1;
        skipSpace();
        expect(',');
        skipSpace();
        if (pos >= text.length() || text.charAt(pos) != '{') {
            throw error("'{'");
        }
        Object dict = dict();
        skipSpace();
        expect(')');
        return dict;
    }

    private List<Object> sequence(char open, char close) {
        expect(open);
        List<Object> items = new ArrayList<>();
        skipSpace();
        if (peek(close)) {
            pos++;
            return Collections.unmodifiableList(items);
        }
        while (true) {
            items.add(value());
            skipSpace();
            if (peek(',')) {
                pos++;
                skipSpace();
                if (peek(close)) {
                    pos++;
                    return Collections.unmodifiableList(items);
                }
                continue;
            }
            if (peek(close)) {
                pos++;
                return Collections.unmodifiableList(items);
            }
            throw error("',' or '" + close + "'");
        }
    }

    private Map<Object, Object> dict() {
        expect('{');
        Map<Object, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (peek('}')) {
            pos++;
            return Collections.unmodifiableMap(map);
        }
        while (true) {
            int keyAt = pos;
            Object key = value();
            if (key instanceof List || key instanceof Map) {
                pos = keyAt;
                throw error("a string or number as dict key");
            }
            skipSpace();
            expect(':');
            Object value = value();
            if (map.containsKey(key)) {
                pos = keyAt;
                throw error("a key not seen before in this dict (duplicate " + key + ")");
            }
            map.put(key, value);
            skipSpace();
            if (peek(',')) {
                pos++;
                skipSpace();
                if (peek('}')) {
                    pos++;
                    return Collections.unmodifiableMap(map);
                }
                continue;
            }
            if (peek('}')) {
                pos++;
                return Collections.unmodifiableMap(map);
            }
            throw error("',' or '}'");
        }
    }

    private Object number() {
        int start = pos;
        if (peek('-') || peek('+')) {
            pos++;
        }
        if (text.startsWith("nan", pos) || text.startsWith("inf", pos)) {
            boolean negative = text.charAt(start) == '-';
            boolean nan = text.startsWith("nan", pos);
            pos += 3;
            return nan ? Double.NaN : negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        int digits = digits();
        boolean isFloat = false;
        if (peek('.')) {
            pos++;
            isFloat = true;
            digits += digits();
        }
        if (digits == 0) {
            pos = start;
            throw error("a number");
        }
        if (peek('e') || peek('E')) {
            pos++;
            isFloat = true;
            if (peek('-') || peek('+')) {
                pos++;
            }
            if (digits() == 0) {
                throw error("exponent digits");
            }
        }
        String s = text.substring(start, pos);
        try {
            return isFloat ? (Object) Double.parseDouble(s) : (Object) Long.parseLong(s.startsWith("+")
                    ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            pos = start;
            throw error("a number that fits (got " + s + ")");
        }
    }

    private int digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos - start;
    }

    private String string() {
        char quote = text.charAt(pos++);
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("closing " + quote + " of the string");
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\n') {
                pos--;
                throw error("closing " + quote + " before the line end");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("an escaped character");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '\\', '\'', '"' -> sb.append(e);
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'x' -> sb.appendCodePoint(hex(2));
                case 'u' -> sb.appendCodePoint(hex(4));
                case 'U' -> sb.appendCodePoint(hex(8));
                default -> {
                    pos -= 2;
                    throw error("a known escape (\\\\ \\' \\\" \\n \\r \\t \\x \\u \\U)");
                }
            }
        }
    }

    private int hex(int n) {
        if (pos + n > text.length()) {
            throw error(n + " hex digits");
        }
        try {
            int cp = Integer.parseInt(text.substring(pos, pos + n), 16);
            if (!Character.isValidCodePoint(cp)) {
                throw error("a valid code point");
            }
            pos += n;
            return cp;
        } catch (NumberFormatException e) {
            throw error(n + " hex digits");
        }
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("'" + c + "'");
        }
        pos++;
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private SyntaxError error(String expected) {
        String found = pos >= text.length() ? "the end" : "'" + text.substring(pos, Math.min(text.length(), pos + 12))
                .replace("\n", "\\n") + "'";
        return new SyntaxError("at character " + (pos + 1) + ": expected " + expected + ", found " + found);
    }
}
