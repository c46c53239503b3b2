package org.culturalign.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Pattern;

/**
 * One-line messages for JSON a user gave us that Jackson could not parse: {@code "file: line L, column C: what"},
 * without Jackson's internal text (its {@code [Source: REDACTED (StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION
 * disabled); line: 1, column: 49]} location markers, which leak into the messages of e.g. an unclosed array).
 */
public final class JsonErrors {
    /** A location marker Jackson embeds in an original message ("start marker at [Source: ...; line: 1, column: 2]"). */
    private static final Pattern MARKER = Pattern.compile("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]");

    private JsonErrors() {
    }

    /**
     * The message for a parse failure.
     *
     * @param file what to call the document (a file name or path)
     * @param e    Jackson's exception
     * @return {@code file: line L, column C: not valid JSON: what} (1-based line and column), or without the
     *         location when Jackson gives none; one line
     */
    public static String describe(String file, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : "line " + at.getLineNr() + ", column "
                + at.getColumnNr() + ": ";
        return file + ": " + where + "not valid JSON: " + what(e);
    }

    /** Jackson's original message with embedded location markers as "line L, column C", on one line. */
    static String what(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        return MARKER.matcher(original).replaceAll("line $1, column $2").replaceAll("\\s+", " ").strip();
    }
}
