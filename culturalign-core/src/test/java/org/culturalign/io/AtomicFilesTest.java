package org.culturalign.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aStringIsWrittenAsUtf8IntoNewParentFoldersAndReplacesTheOldFile() throws IOException {
        Path target = dir.resolve("a").resolve("b.txt");
        AtomicFiles.writeString(target, "old");
        AtomicFiles.writeString(target, "Grüße");

        assertThat(Files.readAllBytes(target)).containsExactly('G', 'r', 0xC3 - 256, 0xBC - 256, 0xC3 - 256,
                0x9F - 256, 'e');
        assertThat(names(target.getParent())).containsExactly("b.txt");
    }

    @Test
    void bytesAndStreamsAreWrittenWhole() throws IOException {
        AtomicFiles.writeBytes(dir.resolve("x.bin"), new byte[] {1, 2, 3});
        AtomicFiles.write(dir.resolve("y.bin"), out -> {
            out.write(4);
            out.write(new byte[] {5, 6});
        });

        assertThat(Files.readAllBytes(dir.resolve("x.bin"))).containsExactly(1, 2, 3);
        assertThat(Files.readAllBytes(dir.resolve("y.bin"))).containsExactly(4, 5, 6);
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("results.json");
        AtomicFiles.writeString(target, "complete");

        assertThatThrownBy(() -> AtomicFiles.writeText(target, w -> {
            w.write("half");
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");

        assertThat(Files.readString(target)).isEqualTo("complete");
        assertThat(names(dir)).containsExactly("results.json");
    }

    @Test
    void textWithAnUnpairedSurrogateFailsInsteadOfBeingWrittenAsQuestionMarks() throws IOException {
        Path target = dir.resolve("t.txt");

        assertThatThrownBy(() -> AtomicFiles.writeString(target, "a\uD800b"))
                .isInstanceOf(MalformedInputException.class);
        assertThat(names(dir)).isEmpty();
    }

    @Test
    void theWrittenFileIsReadableByOthersLikeAPlainOutputFile() throws IOException {
        Path target = dir.resolve("shared.txt");
        AtomicFiles.writeString(target, "x");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
    }

    @Test
    void moveIntoReplacesTheTargetWithTheFinishedFile() throws IOException {
        Path target = dir.resolve("model.gguf");
        Files.writeString(target, "old");
        Path fresh = Files.writeString(dir.resolve("fresh.new"), "new");

        AtomicFiles.moveInto(fresh, target);

        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(names(dir)).containsExactly("model.gguf");
    }

    private static java.util.List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
