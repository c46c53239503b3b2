package org.culturalign.survey.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.culturalign.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commons-csv reader used for GlobalOpinionQA: the same input rules and messages as the WVS reader. */
class CsvSourceTest {
    @TempDir
    Path dir;

    @Test
    void invalidUtf8InAGoqaRowIsReportedAtItsLineAndColumn() throws IOException {
        String text = "question,selections,options,source\nFine?,\"{'Britain': [1.0, 0.0]}\",\"['A', 'B']\",GAS\n"
                + "Caf\u00e9?,\"{'Britain': [1.0, 0.0]}\",\"['A', 'B']\",GAS\n";
        Path file = Files.write(dir.resolve("latin1.csv"), text.getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> GlobalOpinionImporter.importFile(file)).isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ":3: field question is not valid UTF-8 text; expected a UTF-8 encoded CSV file "
                        + "(re-save it as UTF-8)");
    }

    @Test
    void unclosedQuoteInAGoqaFileIsMalformedCsv() throws IOException {
        Path file = Files.writeString(dir.resolve("broken.csv"), "question,selections,options,source\n"
                + "Fine?,\"{'Britain': [1.0, 0.0]},\"['A', 'B']\",GAS\n");
        assertThatThrownBy(() -> GlobalOpinionImporter.importFile(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ":2: malformed CSV (")
                .hasMessageEndingWith("); expected ','-separated fields, quoted with '\"' where needed");
    }

    @Test
    void semicolonHeaderWithBomIsDetectedAndLookedUpCaseInsensitively() throws IOException {
        byte[] body = "\"Question\";Selections;OPTIONS;source\r\nA?;\"{}\";\"[]\";GAS\r\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Path file = Files.write(dir.resolve("semi.csv"), bytes);
        try (CsvSource csv = CsvSource.open(file)) {
            assertThat(csv.delimiter()).isEqualTo(';');
            assertThat(csv.header()).containsExactly("Question", "Selections", "OPTIONS", "source");
            assertThat(csv.column("options")).hasValue(2);
            assertThat(csv.next().orElseThrow().get(1)).isEqualTo("{}");
            assertThat(csv.line()).isEqualTo(2);
            assertThat(csv.next()).isEmpty();
        }
    }
}
