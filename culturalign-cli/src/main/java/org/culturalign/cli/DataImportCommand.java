package org.culturalign.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.culturalign.InvalidInputException;
import org.culturalign.survey.BundledSample;
import org.culturalign.survey.Countries;
import org.culturalign.survey.SurveyData;
import org.culturalign.survey.SurveyJson;
import org.culturalign.survey.imports.GlobalOpinionImporter;
import org.culturalign.survey.imports.ImportResult;
import org.culturalign.survey.imports.WeightScheme;
import org.culturalign.survey.imports.WvsImportOptions;
import org.culturalign.survey.imports.WvsImporter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code culturalign data import}: derives per-country answer distributions from the official WVS-7 respondent file
 * or from GlobalOpinionQA and writes them in the project's survey format, for {@code --data FILE}.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import survey data into a culturalign survey file (culturalign.survey/1) for --data FILE.",
                "--wvs: the official World Values Survey wave 7 CSV (cross-national or per-country file): weighted "
                        + "shares per country and item over valid answers, with the bundled catalog's scales and "
                        + "recodes.",
                "--goqa: GlobalOpinionQA's global_opinions.csv: its questions (English) and country shares."},
        footer = {"", "Examples:",
                "  culturalign data import --wvs WVS_Cross-National_Wave_7_csv_v6_0.csv --out wvs7.json",
                "  culturalign data import --wvs wvs7.csv --weight none --countries DEU,NGA --questions Q1,Q46 "
                        + "--out two.json",
                "  culturalign data import --goqa global_opinions.csv --out goqa.json",
                "  culturalign data countries --data wvs7.json"})
public final class DataImportCommand implements Runnable {
    static final class Source {
        @Option(names = "--wvs", paramLabel = "FILE", required = true,
                description = "WVS wave 7 respondent-level CSV (',' or ';' separated, UTF-8).")
        Path wvs;

        @Option(names = "--goqa", paramLabel = "FILE", required = true,
                description = "GlobalOpinionQA global_opinions.csv (columns question, selections, options, source).")
        Path goqa;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--weight", paramLabel = "W", defaultValue = "W_WEIGHT",
            description = "WVS respondent weight: W_WEIGHT (default), S018, W_WEIGHTxS018 or none.")
    String weight;

    @Option(names = "--countries", paramLabel = "ISO3", split = ",",
            description = "WVS: import only these countries (ISO 3166-1 alpha-3 codes or English names, "
                    + "comma-separated).")
    List<String> countries = List.of();

    @Option(names = "--questions", paramLabel = "ID", split = ",",
            description = "WVS: import only these item columns (e.g. Q1,Q46,Q33_3).")
    List<String> questions = List.of();

    @Option(names = "--no-subgroups", negatable = false,
            description = "WVS: do not compute shares per demographic subgroup (sex Q260, age band from Q262, "
                    + "education Q275R/Q275, urban/rural H_URBRURAL); by default they are kept, each with its n, "
                    + "for eval --countries DEU/female.")
    boolean noSubgroups;

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "Survey file to write (written atomically; not written at all on an error).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        Path in = source.wvs != null ? source.wvs : source.goqa;
        if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new InvalidInputException("--out " + out + ": is the input file; expected a new .json file");
        }
        checkWritable(out);
        ImportResult result = source.wvs != null ? importWvs() : importGoqa();
        try {
            SurveyJson.write(result.data(), out);
        } catch (UncheckedIOException e) {
            throw new InvalidInputException("--out " + out + ": cannot write: " + reason(e.getCause()), e);
        }
        PrintWriter pw = spec.commandLine().getOut();
        pw.println("imported " + in + " -> " + out);
        result.summary().lines(30).forEach(l -> pw.println("  " + l));
        SurveyData data = result.data();
        pw.println("wrote " + out + ": " + data.countries().size() + " countries, " + data.questions().size()
                + " questions (use it with --data " + out + ")");
        pw.flush();
    }

    /** Refuses an output path that cannot become a file before the (possibly long) import reads anything. */
    private static void checkWritable(Path out) {
        if (Files.isDirectory(out)) {
            throw new InvalidInputException("--out " + out + " is a directory; expected a file path");
        }
        Path parent = out.toAbsolutePath().getParent();
        for (Path p = parent; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new InvalidInputException("--out " + out + ": " + p + " is a file, not a folder");
                }
                if (!Files.isWritable(p)) {
                    throw new InvalidInputException("--out " + out + ": the folder " + p + " is not writable");
                }
                return;
            }
        }
    }

    /** The operating system's reason (e.g. "No space left on device") without the path repeated. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private ImportResult importWvs() {
        WeightScheme scheme = WeightScheme.parse(weight);
        Set<String> codes = new LinkedHashSet<>();
        for (String c : countries) {
            try {
                codes.add(Countries.resolve(c).code());
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--countries " + e.getMessage());
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        questions.forEach(q -> ids.add(q.strip().toUpperCase(Locale.ROOT)));
        return WvsImporter.importFile(source.wvs, new WvsImportOptions(scheme, codes, ids, !noSubgroups),
                BundledSample.load().questions());
    }

    private ImportResult importGoqa() {
        boolean wvsOnly = !countries.isEmpty() || !questions.isEmpty()
                || spec.commandLine().getParseResult().hasMatchedOption("--weight");
        if (wvsOnly) {
            throw new InvalidInputException("--weight, --countries and --questions apply to --wvs only");
        }
        return GlobalOpinionImporter.importFile(source.goqa);
    }
}
