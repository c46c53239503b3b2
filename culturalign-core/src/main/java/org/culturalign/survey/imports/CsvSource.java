package org.culturalign.survey.imports;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.culturalign.InvalidInputException;
import org.culturalign.io.Sha256;

/**
 * A survey CSV file opened for streaming: strict UTF-8 (an invalid byte sequence is an error, not a silent
 * replacement character), an optional byte-order mark skipped, LF or CRLF line ends, quoted or unquoted fields, the
 * delimiter ({@code ,} or {@code ;}) detected from the header line, and columns looked up by header name
 * case-insensitively. The SHA-256 of the bytes read is computed on the way, for provenance.
 *
 * <p>Every problem is an {@link InvalidInputException} whose one-line message names the file, the line and the
 * field and says what was expected.
 */
public final class CsvSource implements Closeable {
    private static final int SNIFF_BYTES = 8192;

    private final Path file;
    private final char delimiter;
    private final CsvHeader header;
    private final DigestInputStream digest;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private long recordLine;

    private CsvSource(Path file, char delimiter, DigestInputStream digest, CSVParser parser) {
        this.file = file;
        this.delimiter = delimiter;
        this.digest = digest;
        this.parser = parser;
        this.records = parser.iterator();
        CSVRecord head = nextRaw().orElseThrow(() -> new InvalidInputException(file + " is empty: expected a header "
                + "line with column names"));
        for (int i = 0; i < head.size(); i++) {
            if (head.get(i).indexOf('\uFFFD') >= 0) {
                throw notUtf8(file, 1, "#" + (i + 1) + " of the header");
            }
        }
        this.header = new CsvHeader(file, head.toList());
    }

    /**
     * Opens a CSV file and reads its header line.
     *
     * @param file a UTF-8 CSV file with a header line
     * @throws InvalidInputException when the file is missing, empty, binary, not valid UTF-8, or its header has no
     *                               {@code ,} or {@code ;} separator
     */
    public static CsvSource open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such file; expected a CSV file");
        }
        char delimiter = sniffDelimiter(file);
        DigestInputStream in = hashingStream(file);
        try {
            Reader reader = utf8Reader(in);
            CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
            return new CsvSource(file, delimiter, in, CSVParser.parse(reader, format));
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The file's bytes through a SHA-256 digest. */
    static DigestInputStream hashingStream(Path file) {
        try {
            return new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16),
                    Sha256.digest());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Strict UTF-8 text without a leading byte-order mark. */
    static Reader utf8Reader(InputStream in) throws IOException {
        return withoutBom(new BufferedReader(strictUtf8(in), 1 << 16));
    }

    /** Reads the rest of the stream and returns the hex digest of everything it delivered. */
    static String finishDigest(DigestInputStream digest) {
        try {
            byte[] buffer = new byte[1 << 16];
            while (digest.read(buffer) >= 0) {
                // bytes not consumed by the parser still count towards the file's hash
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Sha256.hex(digest.getMessageDigest());
    }

    /** The file being read. */
    public Path file() {
        return file;
    }

    /** The detected field delimiter, {@code ','} or {@code ';'}. */
    public char delimiter() {
        return delimiter;
    }

    /** Column names as written in the header (blanks stripped), in file order. */
    public List<String> header() {
        return header.names();
    }

    /** The 0-based field index of a column, found case-insensitively, or empty when the file has no such column. */
    public Optional<Integer> column(String name) {
        return header.column(name);
    }

    /**
     * The 0-based field index of a required column.
     *
     * @param purpose why it is needed, for the message (e.g. "the country code")
     * @throws InvalidInputException naming the file, the column and the closest header names
     */
    public int requireColumn(String name, String purpose) {
        return header.require(name, purpose);
    }

    /**
     * The next data record, with every field present: a record with another field count than the header is an
     * error (a shifted row would silently mix columns up).
     *
     * @return the record, or empty at the end of the file
     * @throws InvalidInputException for a malformed quote, invalid UTF-8, or a wrong number of fields
     */
    public Optional<CSVRecord> next() {
        Optional<CSVRecord> record = nextRaw();
        record.ifPresent(r -> {
            checkEncoding(r);
            if (r.size() != header.names().size()) {
                throw new InvalidInputException(file + ":" + recordLine + ": " + r.size() + " fields, the header has "
                        + header.names().size() + "; expected one '" + delimiter + "'-separated field per header column");
            }
        });
        return record;
    }

    /**
     * The next data record whatever its field count, for importers that report a short or long row and go on.
     *
     * @return the record, or empty at the end of the file
     * @throws InvalidInputException for a malformed quote or invalid UTF-8 (the parser cannot go on after those)
     */
    public Optional<CSVRecord> nextAnyWidth() {
        Optional<CSVRecord> record = nextRaw();
        record.ifPresent(this::checkEncoding);
        return record;
    }

    private void checkEncoding(CSVRecord r) {
        for (int i = 0; i < r.size(); i++) {
            if (r.get(i).indexOf('\uFFFD') >= 0) {
                throw notUtf8(file, recordLine, i < header.names().size() ? header.names().get(i) : "#" + (i + 1));
            }
        }
    }

    /** The one-line message for invalid UTF-8 in a field. */
    static InvalidInputException notUtf8(Path file, long line, String field) {
        return new InvalidInputException(file + ":" + line + ": field " + field + " is not valid UTF-8 text; "
                + "expected a UTF-8 encoded CSV file (re-save it as UTF-8)");
    }

    /** Line number (1-based) where the record last returned by {@link #next()} starts. */
    public long line() {
        return recordLine;
    }

    /** Hex SHA-256 of the whole file; reads to the end first if the caller stopped early. */
    public String sha256() {
        return finishDigest(digest);
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<CSVRecord> nextRaw() {
        recordLine = parser.getCurrentLineNumber() + 1;
        try {
            if (!records.hasNext()) {
                return Optional.empty();
            }
            return Optional.of(records.next());
        } catch (UncheckedIOException e) {
            throw translate(e.getCause());
        } catch (IllegalStateException e) {
            // commons-csv reports malformed quoting as IllegalStateException wrapping an IOException
            throw translate(e.getCause() instanceof IOException io ? io : new IOException(e.getMessage()));
        }
    }

    private InvalidInputException translate(IOException e) {
        return readError(file, Math.max(recordLine, parser.getCurrentLineNumber()), delimiter, e);
    }

    /** The one-line message for a read failure: invalid UTF-8 or malformed CSV. */
    static InvalidInputException readError(Path file, long line, char delimiter, IOException e) {
        if (e instanceof CharacterCodingException) {
            return new InvalidInputException(file + ":" + line + ": not valid UTF-8 text (" + e
                    + "); expected a UTF-8 encoded CSV file (re-save it as UTF-8)", e);
        }
        return new InvalidInputException(file + ":" + line + ": malformed CSV (" + e.getMessage()
                + "); expected '" + delimiter + "'-separated fields, quoted with '\"' where needed", e);
    }

    /** Reads the first bytes: rejects empty and binary files, and finds the delimiter of the header line. */
    static char sniffDelimiter(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file; expected a CSV file");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        int start = head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB
                && (head[2] & 0xff) == 0xBF ? 3 : 0;
        if (new String(head, start, head.length - start, StandardCharsets.ISO_8859_1).isBlank()) {
            throw new InvalidInputException(file + " is empty: expected a header line with column names");
        }
        String kind = binaryKind(head);
        if (kind != null) {
            throw new InvalidInputException(file + ":1: not a CSV file (" + kind + "); expected comma- or "
                    + "semicolon-separated UTF-8 text with a header line");
        }
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = start; i < head.length; i++) {
            char c = (char) (head[i] & 0xff);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        if (commas == 0 && semicolons == 0) {
            throw new InvalidInputException(file + ":1: not a CSV file: the first line has no ',' or ';' separator; "
                    + "expected a header line of column names separated by ',' or ';'");
        }
        return semicolons > commas ? ';' : ',';
    }

    private static String binaryKind(byte[] head) {
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return "a ZIP archive: unzip it first";
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return "a gzip archive: gunzip it first";
        }
        for (byte b : head) {
            if (b == 0) {
                return "binary data: it contains NUL bytes";
            }
        }
        return null;
    }

    /**
     * Invalid byte sequences become U+FFFD, which the readers then report with the line and field where it occurs
     * (a decoder that throws reports the position of its read-ahead buffer, not of the bad bytes).
     */
    private static Reader strictUtf8(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    private static Reader withoutBom(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }
}
