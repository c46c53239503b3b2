package org.culturalign.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders a small run's report in real headless Chromium (Debian's {@code /usr/bin/chromium}). The screenshot is kept
 * as a build artifact: {@code culturalign-run/target/report-screenshot.png}.
 */
class ReportInChromiumTest {
    static final Path SCREENSHOT = Paths.get("target", "report-screenshot.png");

    static Path smallRun() throws URISyntaxException {
        return Paths.get(ReportInChromiumTest.class.getResource("small-run/results.json").toURI()).getParent();
    }

    static Path chromium() {
        for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Paths.get(p))) {
                return Paths.get(p);
            }
        }
        return null;
    }

    @Test
    void theReportRendersInHeadlessChromiumWithItsSectionsAndAVisibleNonBlankPage(@TempDir Path tmp)
            throws Exception {
        Path browser = chromium();
        if (browser == null) {
            assertThat("true".equals(System.getenv("CI")))
                    .as("chromium is missing in CI (.ci/run installs Debian's chromium package)").isFalse();
            org.junit.jupiter.api.Assumptions.abort("skipped: /usr/bin/chromium not installed (apt-get install chromium)");
        }
        Path run = tmp.resolve("run");
        Files.createDirectories(run);
        for (String f : List.of("results.json", "samples.jsonl")) {
            Files.copy(smallRun().resolve(f), run.resolve(f));
        }
        Path report = Reporter.write(run);
        assertThat(report).isEqualTo(run.resolve("report.html"));

        Path shot = tmp.resolve("shot.png");
        Result screenshot = chromium(browser, tmp, "--screenshot=" + shot, "--window-size=1280,2000",
                "--enable-logging=stderr", "--v=0", report.toUri().toString());
        assertThat(screenshot.exit).as("chromium exit code; stderr:\n" + screenshot.stderr).isZero();
        assertThat(screenshot.stderr).as("console errors").doesNotContain("Uncaught")
                .doesNotContainPattern("CONSOLE\\(\\d+\\)\\].*[Ee]rror");
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(shot, SCREENSHOT, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        BufferedImage img = ImageIO.read(shot.toFile());
        assertThat(img.getWidth()).isEqualTo(1280);
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                if (rgb != 0xFFFFFF && rgb != 0xFAFAFA) {
                    nonWhite++;
                }
            }
        }
        assertThat(colours.size()).as("distinct colours in the screenshot").isGreaterThan(50);
        assertThat(nonWhite).as("non-background pixels sampled").isGreaterThan(20_000);

        Result dom = chromium(browser, tmp, "--dump-dom", report.toUri().toString());
        assertThat(dom.exit).isZero();
        assertThat(dom.stdout).contains("<section id=\"headline\"", "<section id=\"whose-opinions\"",
                "<section id=\"icl-gain\"", "<section id=\"shots\"", "<section id=\"languages\"",
                "<section id=\"heatmap\"", "<section id=\"robustness\"", "<section id=\"cultural-map\"",
                "<section id=\"paper-table\"", "<section id=\"drill-down\"", "<section id=\"provenance\"",
                "class=\"banner\"").contains("<svg");
    }

    record Result(int exit, String stdout, String stderr) {
    }

    static Result chromium(Path browser, Path tmp, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(tmp, "profile");
        List<String> cmd = new java.util.ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("chromium-out-" + System.nanoTime());
        Path err = tmp.resolve("chromium-err-" + System.nanoTime());
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
