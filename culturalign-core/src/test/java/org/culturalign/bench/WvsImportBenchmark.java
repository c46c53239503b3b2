package org.culturalign.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.culturalign.survey.AnswerScale;
import org.culturalign.survey.Question;
import org.culturalign.survey.QuestionText;
import org.culturalign.survey.ScaleType;
import org.culturalign.survey.SurveyJson;
import org.culturalign.survey.imports.ImportResult;
import org.culturalign.survey.imports.WvsImportOptions;
import org.culturalign.survey.imports.WvsImporter;

/**
 * Benchmark of {@link WvsImporter} (not run by the build; see {@code bench/wvs-import.sh}): generates a WVS-shaped
 * CSV of 97,000 respondents x 600 columns (seeded: 24 metadata and weight columns, Q1..Q290 with 2-10 point scales,
 * 5% negative missing codes and 2% blanks, 20 variant columns, derived columns to 600) in 66 countries, imports it
 * with W_WEIGHT, writes the survey file, and prints wall time (import + write), peak heap and rows per second. Target: at most 15 s and 1 GB heap (-Xmx1g).
 *
 * <p>Arguments: [folder for the generated file (default: a temp folder, deleted after)] [rows (default 97000)].
 */
public final class WvsImportBenchmark {
    private static final int COLUMNS = 600;
    private static final int ITEMS = 290;
    private static final int[] SCALES = {2, 3, 4, 4, 5, 10};

    private WvsImportBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("wvs-bench");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 97_000;
        Path file = dir.resolve("wvs7-synthetic.csv");
        long g0 = System.nanoTime();
        List<Question> catalog = generate(file, rows, 20260101L);
        System.out.printf(Locale.ROOT, "generated %s: %d rows x %d columns, %.1f MB in %.1f s%n", file, rows, COLUMNS,
                Files.size(file) / 1e6, (System.nanoTime() - g0) / 1e9);
        System.gc();
        resetPeaks();
        long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        ImportResult result = WvsImporter.importFile(file, WvsImportOptions.defaults(), catalog);
        SurveyJson.write(result.data(), dir.resolve("wvs7-synthetic.json"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9;
        System.out.printf(Locale.ROOT, "imported: %d countries, %d items, %d country-item pairs%n",
                result.data().countries().size(), result.data().questions().size(),
                result.summary().count("country-item pairs"));
        System.out.printf(Locale.ROOT, "wall %.2f s (import thread CPU %.2f s; load average %.1f on %d cores), "
                        + "%.0f rows/s, %.1f MB/s, peak heap %.0f MB (max heap %.0f MB)%n",
                seconds, cpu, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors(), rows / seconds, Files.size(file) / 1e6 / seconds, peakHeap() / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6);
        if (args.length == 0) {
            Files.delete(file);
            Files.delete(dir.resolve("wvs7-synthetic.json"));
            Files.delete(dir);
        }
    }

    /** Writes the file and returns a catalog covering the even-numbered items (the odd ones stay uncatalogued). */
    static List<Question> generate(Path file, int rows, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> header = new ArrayList<>(List.of("version", "doi", "A_WAVE", "A_YEAR", "A_STUDY", "B_COUNTRY",
                "B_COUNTRY_ALPHA", "C_COW_NUM", "C_COW_ALPHA", "D_INTERVIEW", "J_INTDATE", "FW_START", "FW_END",
                "K_TIME_START", "K_TIME_END", "K_DURATION", "Q_MODE", "N_REGION_ISO", "N_REGION_WVS", "N_TOWN",
                "H_URBRURAL", "W_WEIGHT", "S018", "PWGHT"));
        int firstItem = header.size();
        int[] k = new int[ITEMS];
        List<Question> catalog = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            header.add("Q" + (i + 1));
            k[i] = SCALES[random.nextInt(SCALES.length)];
            if (i % 2 == 1) {
                List<Integer> codes = new ArrayList<>();
                for (int c = 1; c <= k[i]; c++) {
                    codes.add(c);
                }
                catalog.add(new Question("Q" + (i + 1), "Synthetic", new AnswerScale(codes, ScaleType.ORDINAL),
                        Map.of("en", new QuestionText("Synthetic item " + (i + 1) + "?",
                                codes.stream().map(String::valueOf).toList())), Map.of(), "", "WVS-7"));
            }
        }
        for (int v = 0; v < 20; v++) {
            header.add("Q" + (30 + v) + "_3");
        }
        for (int d = 1; header.size() < COLUMNS; d++) {
            header.add(String.format(Locale.ROOT, "Y%03d", d));
        }
        String[] countries = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3).toArray(String[]::new);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(String.join(",", header));
            w.write('\n');
            StringBuilder line = new StringBuilder(4096);
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                String country = countries[(int) ((long) r * 66 / rows) * 3 % countries.length];
                line.append("6.0,10.14281/18241.24,7,2018,WVS,").append(r % 900).append(',').append(country)
                        .append(",2,ABC,").append(100000 + r).append(",20180101,2018,2019,1,2,30,1,276001,276001,1,1,");
                line.append(String.format(Locale.ROOT, "%.6f", 0.3 + random.nextDouble() * 1.4)).append(",0.5,")
                        .append("1.23");
                for (int i = 0; i < ITEMS; i++) {
                    line.append(',');
                    int roll = random.nextInt(100);
                    if (roll < 2) {
                        continue;
                    }
                    line.append(roll < 7 ? -1 - random.nextInt(5) : 1 + random.nextInt(k[i]));
                }
                for (int c = firstItem + ITEMS; c < COLUMNS; c++) {
                    line.append(',').append(random.nextInt(100_000)); // derived indices: wider cells, ~190 MB in all
                }
                line.append('\n');
                w.append(line);
            }
        }
        return catalog;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
