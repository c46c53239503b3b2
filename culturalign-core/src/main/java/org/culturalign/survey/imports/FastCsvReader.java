package org.culturalign.survey.imports;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.culturalign.InvalidInputException;

/**
 * A streaming RFC 4180 reader for large, wide survey files (the WVS-7 release: ~97,000 rows x ~600 columns), with
 * the same input rules as {@link CsvSource} (strict UTF-8, BOM skipped, LF or CRLF, quoted or unquoted fields,
 * {@code ""} inside quotes, delimiter detected, header names case-insensitive).
 *
 * <p>Why not commons-csv here: it materialises every field as a String (58 million for the full release) and
 * spends ~100 ns per field; the importer reads half of the fields and needs only their integer value. This reader
 * keeps the current record in one char array with field offsets, so a field costs a few nanoseconds and allocates
 * nothing. {@link CsvSource} (commons-csv) is used for the small GlobalOpinionQA file.
 */
final class FastCsvReader implements Closeable {
    private final Path file;
    private final char delimiter;
    private final DigestInputStream digest;
    private final Reader reader;
    private final CsvHeader header;
    private final char[] in = new char[1 << 16];
    private int inPos;
    private int inLen;
    private boolean eof;
    private char[] rec = new char[1 << 12];
    private int recLen;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private int fields;
    private long nextLine = 1;
    private long line;
    private int badField = -1;

    private FastCsvReader(Path file, char delimiter, DigestInputStream digest, Reader reader) {
        this.file = file;
        this.delimiter = delimiter;
        this.digest = digest;
        this.reader = reader;
        if (!readRecord()) {
            throw new InvalidInputException(file + " is empty: expected a header line with column names");
        }
        if (badField >= 0) {
            throw CsvSource.notUtf8(file, line, "#" + (badField + 1) + " of the header");
        }
        List<String> names = new ArrayList<>(fields);
        for (int i = 0; i < fields; i++) {
            names.add(field(i));
        }
        this.header = new CsvHeader(file, names);
    }

    /**
     * Opens a CSV file and reads its header line.
     *
     * @throws InvalidInputException as {@link CsvSource#open}
     */
    static FastCsvReader open(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such file; expected a CSV file");
        }
        char delimiter = CsvSource.sniffDelimiter(file);
        DigestInputStream digest = CsvSource.hashingStream(file);
        try {
            return new FastCsvReader(file, delimiter, digest, CsvSource.utf8Reader(digest));
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    Path file() {
        return file;
    }

    char delimiter() {
        return delimiter;
    }

    CsvHeader header() {
        return header;
    }

    /**
     * Reads the next data record.
     *
     * @return false at the end of the file
     * @throws InvalidInputException for another field count than the header's, broken quoting or invalid UTF-8
     */
    boolean next() {
        if (!readRecord()) {
            return false;
        }
        if (badField >= 0) {
            throw CsvSource.notUtf8(file, line, badField < header.names().size() ? header.names().get(badField)
                    : "#" + (badField + 1));
        }
        if (fields != header.names().size()) {
            throw new InvalidInputException(file + ":" + line + ": " + fields + " fields, the header has "
                    + header.names().size() + "; expected one '" + delimiter + "'-separated field per header column");
        }
        return true;
    }

    /** Line (1-based) where the current record starts. */
    long line() {
        return line;
    }

    /** The field as a String (allocates; for messages and rarely read fields). */
    String field(int i) {
        return new String(rec, starts[i], ends[i] - starts[i]);
    }

    /** Whether the field is empty or spaces only. */
    boolean blank(int i) {
        for (int k = starts[i]; k < ends[i]; k++) {
            if (rec[k] != ' ') {
                return false;
            }
        }
        return true;
    }

    /**
     * The field as an integer of at most 9 digits with an optional minus sign and surrounding spaces.
     *
     * @return the value, or {@link Integer#MIN_VALUE} when the field is not such an integer (the caller decides)
     */
    int integer(int i) {
        int k = starts[i];
        int end = ends[i];
        while (k < end && rec[k] == ' ') {
            k++;
        }
        while (end > k && rec[end - 1] == ' ') {
            end--;
        }
        boolean negative = k < end && rec[k] == '-';
        if (negative) {
            k++;
        }
        if (k == end || end - k > 9) {
            return Integer.MIN_VALUE;
        }
        int value = 0;
        for (; k < end; k++) {
            char c = rec[k];
            if (c < '0' || c > '9') {
                return Integer.MIN_VALUE;
            }
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }

    /** Hex SHA-256 of the whole file. */
    String sha256() {
        return CsvSource.finishDigest(digest);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one record into rec/starts/ends, skipping empty lines. */
    private boolean readRecord() {
        while (true) {
            int c = peekChar();
            if (c < 0) {
                return false;
            }
            if (c == '\n' || c == '\r') {
                consumeEol();
                continue;
            }
            break;
        }
        line = nextLine;
        recLen = 0;
        fields = 0;
        while (true) {
            int start = recLen;
            int c = peekChar();
            if (c == '"') {
                inPos++;
                readQuoted();
                c = peekChar();
                if (c >= 0 && c != delimiter && c != '\n' && c != '\r') {
                    throw CsvSource.readError(file, nextLine, delimiter, new IOException("character '" + (char) c
                            + "' after the closing quote of field " + (fields + 1) + " (line " + nextLine + ")"));
                }
            } else {
                while (c >= 0 && c != delimiter && c != '\n' && c != '\r') {
                    if (c == '\uFFFD' && badField < 0) {
                        badField = fields;
                    }
                    append((char) c);
                    inPos++;
                    c = peekChar();
                }
            }
            addField(start, recLen);
            if (c == delimiter) {
                inPos++;
                continue;
            }
            if (c >= 0) {
                consumeEol();
            }
            return true;
        }
    }

    private void readQuoted() {
        long opened = nextLine;
        while (true) {
            int c = peekChar();
            if (c < 0) {
                throw CsvSource.readError(file, opened, delimiter, new IOException("end of file inside a quoted field "
                        + "opened on line " + opened));
            }
            inPos++;
            if (c == '"') {
                if (peekChar() == '"') {
                    inPos++;
                    append('"');
                    continue;
                }
                return;
            }
            if (c == '\n') {
                nextLine++;
            } else if (c == '\uFFFD' && badField < 0) {
                badField = fields;
            }
            append((char) c);
        }
    }

    private void consumeEol() {
        int c = peekChar();
        inPos++;
        if (c == '\r' && peekChar() == '\n') {
            inPos++;
        }
        nextLine++;
    }

    private void append(char c) {
        if (recLen == rec.length) {
            rec = Arrays.copyOf(rec, rec.length * 2);
        }
        rec[recLen++] = c;
    }

    private void addField(int start, int end) {
        if (fields == starts.length) {
            starts = Arrays.copyOf(starts, fields * 2);
            ends = Arrays.copyOf(ends, fields * 2);
        }
        starts[fields] = start;
        ends[fields] = end;
        fields++;
    }

    private int peekChar() {
        if (inPos < inLen) {
            return in[inPos];
        }
        if (eof) {
            return -1;
        }
        try {
            inLen = reader.read(in, 0, in.length);
        } catch (IOException e) {
            throw CsvSource.readError(file, nextLine, delimiter, e);
        }
        inPos = 0;
        if (inLen <= 0) {
            inLen = 0;
            eof = true;
            return -1;
        }
        return in[0];
    }
}
