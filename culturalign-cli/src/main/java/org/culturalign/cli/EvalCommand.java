package org.culturalign.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.culturalign.InvalidInputException;
import org.culturalign.icl.ShuffledOrder;
import org.culturalign.run.AnalysisOptions;
import org.culturalign.run.ConfigFiles;
import org.culturalign.run.ConfigHash;
import org.culturalign.run.ConfigValues;
import org.culturalign.run.EvalConfig;
import org.culturalign.run.EvalSession;
import org.culturalign.run.Presets;
import org.culturalign.run.ResultsDocument;
import org.culturalign.run.RunOptions;
import org.culturalign.run.RunStore;
import org.culturalign.survey.BundledSample;
import org.culturalign.survey.SurveyData;
import org.culturalign.survey.SurveyJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code culturalign eval}: runs an evaluation grid and writes results.json, samples.jsonl and CSV tables. Thin: the
 * logic is {@link EvalSession}; this class maps flags (kebab-case, with lm-evaluation-harness aliases) onto an
 * {@link EvalConfig} and {@link RunOptions}.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate cultural alignment over a grid: models x countries x languages x shots x selectors x "
                + "formats x persona, over the survey questions.",
                "With no arguments: the embedded default (bundled WVS-7 sample, USA DEU NGA CHN BRA IND, en + de, "
                        + "0 and 5 shots, chrf and category selectors, the demo model on 28 questions spread over the "
                        + "WVS-7 categories), offline; --limit N then takes the first N of those 28 (still spread "
                        + "over the categories). A real --model or --data FILE gets every question of the data "
                        + "unless --questions, --category or --limit is given.",
                "Rerunning the same command with the same --output-path resumes; a finished grid costs no model "
                        + "calls. Use `culturalign prompt` with the same settings to see the exact prompt scored."},
        footer = {"", "Examples:",
                "  culturalign eval",
                "  culturalign eval --model llamacpp:/models/qwen2.5-1.5b-instruct-q4_k_m.gguf --countries DEU,NGA,BRA "
                        + "--languages en,de --shots 0,5 --selectors chrf,category",
                "  culturalign eval --model openai:http://localhost:8000/v1#Qwen/Qwen2.5-7B-Instruct --limit 50 "
                        + "--dry-run",
                "  culturalign eval --config grid.yaml --output-path runs/my-grid",
                "  culturalign eval --preset choenni-shutova-2024 --model gemma-3-270m --countries DEU,MEX",
                "", "Exit codes: 0 ok, 1 failure, 2 usage or input error (nothing written)."})
public final class EvalCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON config (keys as in a run's "
            + "config.json); flags given on the command line override it")
    Path configFile;

    @Option(names = "--preset", paramLabel = "NAME", description = "a named setup as the base that the other flags "
            + "override: choenni-shutova-2024 (binary probes; selectors random, category, chrf; shots 0,5; each "
            + "country in English and its own language; docs/presets.md). Not with --config")
    String preset;

    @Option(names = "--language-pairing", paramLabel = "all|english-and-own", description = "which (country, "
            + "language) pairs to run: all (default) or English plus each country's own language (the preset's)")
    String languagePairing;

    @Option(names = {"-m", "--model", "--models"}, split = ",", paramLabel = "SPEC",
            description = "model(s): demo, llamacpp:PATH.gguf, hf:OWNER/REPO/FILE.gguf, openai:URL#MODEL, "
                    + "or a short name such as gemma-3-270m (default: demo)")
    List<String> models;

    @Option(names = {"--model-args", "--model_args"}, paramLabel = "K=V,...",
            description = "backend settings, e.g. n_ctx=2048,n_threads=2")
    String modelArgs;

    @Option(names = "--data", paramLabel = "FILE", description = "survey data (culturalign.survey/1 JSON from "
            + "`culturalign data import`) instead of the bundled WVS-7 sample")
    String data;

    @Option(names = {"--countries", "--country"}, split = ",", paramLabel = "ISO3", description = "countries")
    List<String> countries;

    @Option(names = {"--languages", "--language"}, split = ",", paramLabel = "LANG", description = "probe languages")
    List<String> languages;

    @Option(names = {"--shots", "--num-fewshot", "--num_fewshot"}, split = ",", paramLabel = "K",
            description = "numbers of demonstrations, e.g. 0,5")
    List<Integer> shots;

    @Option(names = {"--selectors", "--selector"}, paramLabel = "NAME,...",
            description = "demonstration selectors, comma-separated: random, category, chrf, embedding, fixed:ID,ID,.. "
                    + "(pinned demonstrations; the ids after fixed: run up to the next selector name, e.g. "
                    + "chrf,fixed:Q46,Q57,random; fixed:Q46+Q57 also works). 0 shots use none")
    List<String> selectors;

    @Option(names = "--order-seeds", paramLabel = "N", description = "also run each selector's demonstrations in N "
            + "seeded random orders (selectors NAME@order1..NAME@orderN: the same questions, shuffled), to measure "
            + "order sensitivity; the report shows the spread")
    Integer orderSeeds;

    @Option(names = {"--formats", "--format"}, split = ",", paramLabel = "NAME",
            description = "probe formats: full, binary, reversed, shuffled, numeric")
    List<String> formats;

    @Option(names = "--persona", paramLabel = "off|on|both", description = "persona framing (default off)")
    String persona;

    @Option(names = "--category", description = "only questions of this WVS category")
    String category;

    @Option(names = "--questions", split = ",", paramLabel = "ID", description = "only these questions, e.g. Q46,Q57")
    List<String> questions;

    @Option(names = "--limit", paramLabel = "N|X", description = "at most N questions (after --questions/--category; "
            + "with the embedded default, the first N of its 28), or a fraction 0 < X < 1 of them, rounded up "
            + "(as lm-evaluation-harness)")
    String limit;

    @Option(names = "--seed", description = "run seed (demonstrations, sampled answers, shuffles, bootstrap)")
    Long seed;

    @Option(names = "--answer-mode", paramLabel = "majority|sampled", description = "demonstration answers")
    String answerMode;

    @Option(names = "--template", paramLabel = "NAME", description = "completion, chat-one-turn, chat-multi-turn")
    String template;

    @Option(names = "--target", paramLabel = "labels|texts|texts-norm", description = "score option labels, option "
            + "texts (summed log-probabilities: favours short options), or option texts with each log-probability "
            + "divided by the option's length in characters (lm-evaluation-harness acc_norm)")
    String target;

    @Option(names = "--exclude-battery", description = "keep items of the test item's battery out of the "
            + "demonstrations (the default, as in `culturalign prompt`)")
    boolean excludeBattery;

    @Option(names = "--include-battery", description = "let items of the test item's battery be demonstrations")
    boolean includeBattery;

    @Option(names = "--bootstrap-resamples", paramLabel = "N", description = "bootstrap resamples, >= 1000 "
            + "(default 1000)")
    Integer bootstrapResamples;

    @Option(names = "--ceiling-splits", paramLabel = "N", description = "random split-halves of each country's "
            + "respondents per question for the human ceiling (seeded; 0: none; default 200); not part of the config "
            + "hash: a finished run rerun with another value only rewrites its outputs")
    Integer ceilingSplits;

    @Option(names = "--fdr-q", paramLabel = "Q", description = "false discovery rate of the Benjamini-Hochberg "
            + "procedure over the run's ICL gains (0 < Q < 1, default 0.05); not part of the config hash")
    Double fdrQ;

    @Option(names = {"-o", "--output-path", "--output_path"}, paramLabel = "DIR",
            description = "run folder (default runs/<timestamp>-<description>; an unfinished run of the same config "
                    + "there is resumed)")
    Path outputPath;

    @Option(names = "--cache", paramLabel = "FILE", description = "response cache (default "
            + "$CULTURALIGN_CACHE/cache.db or ~/.cache/culturalign/cache.db)")
    Path cache;

    @Option(names = "--no-cache", description = "do not read or write the response cache")
    boolean noCache;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "1",
            description = "batches scored in parallel (for HTTP backends; default ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--overwrite", description = "replace a run folder that holds a different configuration")
    boolean overwrite;

    @Option(names = "--dry-run", description = "print the grid, probes, model requests and a token estimate; "
            + "write nothing")
    boolean dryRun;

    @Option(names = "--export-batch", paramLabel = "FILE.jsonl", description = "write every pending request of the "
            + "grid to FILE in the OpenAI Batch API input format (for OpenAI's batch endpoint or vLLM's run_batch; "
            + "openai: models only) instead of sending it; see docs/batch.md")
    Path exportBatch;

    @Option(names = "--import-batch", split = ",", paramLabel = "OUTPUT.jsonl", description = "read batch output "
            + "file(s) (OpenAI Batch API output format) into the run folder and finish the run from them: metrics, "
            + "tables, report; replies carrying errors are recorded as failed probes (failures.csv)")
    List<Path> importBatch;

    @Option(names = "--progress", paramLabel = "auto|log|quiet", defaultValue = "auto",
            description = "progress bar on a terminal (auto), log lines, or nothing")
    String progress;

    @Override
    public Integer call() {
        EvalConfig config = resolveConfig();
        AnalysisOptions analysis = new AnalysisOptions(
                ceilingSplits != null ? ceilingSplits : AnalysisOptions.DEFAULT_CEILING_SPLITS,
                fdrQ != null ? fdrQ : AnalysisOptions.DEFAULT_FDR_Q);
        PrintStream out = System.out;
        Path dir = outputPath != null ? outputPath : defaultFolder(config);
        RunOptions.ProgressMode mode = switch (progress.toLowerCase(Locale.ROOT)) {
            case "auto" -> RunOptions.ProgressMode.AUTO;
            case "log" -> RunOptions.ProgressMode.LOG;
            case "quiet" -> RunOptions.ProgressMode.QUIET;
            default -> throw new InvalidInputException("--progress: expected auto, log or quiet, got '" + progress + "'");
        };
        RunOptions options = new RunOptions(dir, noCache ? null : (cache != null ? cache : RunOptions.defaultCachePath()),
                concurrency, overwrite, mode);
        if (exportBatch != null && (importBatch != null || dryRun)) {
            throw new InvalidInputException("--export-batch: give it alone, not with " + (dryRun ? "--dry-run"
                    : "--import-batch") + " (export, run the batch, then import with the same options)");
        }
        if (importBatch != null && dryRun) {
            throw new InvalidInputException("--import-batch: give it without --dry-run");
        }
        try (EvalSession session = EvalSession.open(config, options, ToolVersion.get()).analysis(analysis)) {
            if (dryRun) {
                session.dryRun(out);
                return ExitCodes.OK;
            }
            if (exportBatch != null) {
                session.exportBatch(exportBatch, out);
                return ExitCodes.OK;
            }
            EvalSession.Outcome outcome = importBatch != null ? session.importBatch(importBatch, out)
                    : session.run(out);
            summarise(outcome, out);
        }
        return ExitCodes.OK;
    }

    EvalConfig resolveConfig() {
        if (preset != null && configFile != null) {
            throw new InvalidInputException("--preset and --config: give one of them (flags override either)");
        }
        EvalConfig base = preset != null ? Presets.base(preset)
                : configFile != null ? ConfigFiles.read(configFile) : EvalConfig.embeddedDefault();
        List<Boolean> personaValues = base.persona();
        if (persona != null) {
            try {
                personaValues = ConfigValues.persona(persona);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--persona: " + e.getMessage());
            }
        }
        if (excludeBattery && includeBattery) {
            throw new InvalidInputException("--exclude-battery and --include-battery: give one of them");
        }
        Boolean battery = excludeBattery ? Boolean.TRUE : includeBattery ? Boolean.FALSE : base.excludeBattery();
        List<String> selectorNames = null;
        if (selectors != null) {
            selectorNames = new ArrayList<>();
            for (String s : selectors) {
                selectorNames.addAll(ConfigValues.splitSelectors(s));
            }
        }
        if (orderSeeds != null) {
            if (orderSeeds < 0 || orderSeeds > 20) {
                throw new InvalidInputException("--order-seeds: expected 0 to 20 shuffled orders, got " + orderSeeds);
            }
            List<String> expanded = new ArrayList<>();
            for (String s : selectorNames != null ? selectorNames : base.selectors()) {
                expanded.add(s);
                for (int i = 1; i <= orderSeeds; i++) {
                    expanded.add(s + ShuffledOrder.SUFFIX + i);
                }
            }
            selectorNames = expanded;
        }
        Double limitValue = base.limit();
        if (limit != null) {
            try {
                limitValue = Double.valueOf(limit.strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--limit: expected a whole number of questions >= 1 or a fraction "
                        + "between 0 and 1, got '" + limit + "'");
            }
        }
        List<String> questionIds = or(questions, base.questions());
        EvalConfig resolved = new EvalConfig(or(models, base.models()),
                modelArgs != null ? parseArgs(modelArgs) : base.modelArgs(),
                data != null ? data : base.data(), or(countries, base.countries()), or(languages, base.languages()),
                or(shots, base.shots()), or(selectorNames, base.selectors()), or(formats, base.formats()),
                personaValues, category != null ? category : base.category(), questionIds, limitValue,
                seed != null ? seed : base.seed(), answerMode != null ? answerMode : base.answerMode(),
                template != null ? template : base.template(), target != null ? target : base.target(),
                bootstrapResamples != null ? bootstrapResamples : base.bootstrapResamples(), battery,
                languagePairing != null ? languagePairing : base.languagePairing())
                .resolveDefaultQuestions(questions != null);
        return preset != null && languages == null ? presetLanguages(resolved) : resolved;
    }

    /**
     * A preset's languages follow its countries (which flags may have changed): English and each country's own
     * language that the data has texts in.
     */
    private static EvalConfig presetLanguages(EvalConfig config) {
        SurveyData data = config.data() == null ? BundledSample.load() : SurveyJson.read(Path.of(config.data()));
        EvalConfig resolved = config.resolveCountries(data);
        List<String> langs = Presets.languagesFor(resolved.countries(), data.languages());
        return new EvalConfig(resolved.models(), resolved.modelArgs(), resolved.data(), resolved.countries(), langs,
                resolved.shots(), resolved.selectors(), resolved.formats(), resolved.persona(), resolved.category(),
                resolved.questions(), resolved.limit(), resolved.seed(), resolved.answerMode(), resolved.template(),
                resolved.target(), resolved.bootstrapResamples(), resolved.excludeBattery(),
                resolved.languagePairing());
    }

    private static <T> List<T> or(List<T> flag, List<T> base) {
        return flag != null ? flag : base;
    }

    static Map<String, String> parseArgs(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("--model-args: expected key=value pairs separated by commas, got '"
                        + part.strip() + "'");
            }
            out.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
        }
        return out;
    }

    /**
     * {@code runs/<yyyy-MM-dd'T'HH-mm-ss>-<description>}, or the newest unfinished run folder of the same config
     * under {@code runs/} (so rerunning a killed command resumes it).
     */
    static Path defaultFolder(EvalConfig config) {
        Path runs = Path.of("runs");
        String suffix = "-" + config.shortDescription();
        String hash = ConfigHash.of(config);
        if (Files.isDirectory(runs)) {
            try (Stream<Path> dirs = Files.list(runs)) {
                List<Path> candidates = dirs.filter(d -> d.getFileName().toString().endsWith(suffix))
                        .filter(d -> !Files.exists(d.resolve("results.json")))
                        .sorted(Comparator.comparing(Path::toString).reversed()).toList();
                for (Path d : candidates) {
                    if (RunStore.recordedConfigHash(d).filter(hash::equals).isPresent()) {
                        return d;
                    }
                }
            } catch (IOException e) {
                // no resumable folder: start a new one
            }
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss"));
        return runs.resolve(stamp + suffix);
    }

    private static void summarise(EvalSession.Outcome outcome, PrintStream out) {
        ResultsDocument doc = outcome.results();
        long skipped = doc.counts().skipped().values().stream().mapToLong(Long::longValue).sum();
        out.printf(Locale.ROOT, "culturalign: %d probes scored, %d skipped; this run scored %d (%d model requests, "
                        + "%d answers from the response cache)%s%n", doc.counts().probesScored(), skipped,
                outcome.scoredNow(), outcome.modelRequests(), outcome.cacheHits(),
                outcome.resumed() ? ", the rest were done before" : "");
        if (!doc.counts().skipped().isEmpty()) {
            out.println("  skipped: " + doc.counts().skipped());
        }
        if (doc.counts().probesFailed() > 0) {
            out.println("  failed: " + doc.counts().probesFailed() + " probes, not scored (listed in failures.csv); "
                    + "rerun the same command with --output-path " + outcome.folder() + " to try them again");
        }
        if (outcome.pending() > 0) {
            out.println("  pending: " + outcome.pending() + " probes have no reply in the batch output(s) yet");
        }
        Map<String, List<ResultsDocument.IclGain>> byGroup = new LinkedHashMap<>();
        for (ResultsDocument.IclGain g : doc.iclGains()) {
            byGroup.computeIfAbsent(g.model() + " " + g.language() + " " + g.shots() + "-shot " + g.selector()
                    + (g.persona() ? " persona" : "") + " " + g.format(), k -> new ArrayList<>()).add(g);
        }
        if (!byGroup.isEmpty()) {
            out.println("  similarity (1 - JS distance), 0 shots -> k shots, mean over countries:");
            byGroup.forEach((k, gs) -> out.printf(Locale.ROOT, "    %-40s %.3f -> %.3f  (gain %+.3f, %d countries)%n", k,
                    gs.stream().mapToDouble(ResultsDocument.IclGain::zeroShot).average().orElse(Double.NaN),
                    gs.stream().mapToDouble(ResultsDocument.IclGain::kShot).average().orElse(Double.NaN),
                    gs.stream().mapToDouble(ResultsDocument.IclGain::estimate).average().orElse(Double.NaN),
                    gs.size()));
        }
        ResultsDocument.Analysis a = doc.analysis();
        if (a != null && a.gainsTested() > 0) {
            out.printf(Locale.ROOT, "  ICL gains that survive Benjamini-Hochberg at FDR q = %s: %d of %d "
                    + "(icl_gains.csv: p_value, p_adjusted, survives_fdr)%n", a.fdrQ(), a.gainsSurviving(),
                    a.gainsTested());
        }
        out.println("  wrote " + String.join(", ", Arrays.asList("results.json", "samples.jsonl", "cells.csv",
                "icl_gains.csv", "significance.csv", "skips.csv", "human_ceilings.csv", "paper_table.md",
                "paper_table.csv", "failures.csv")) + " in " + outcome.folder());
        if (doc.demoModel()) {
            out.println("  note: " + EvalSession.DEMO_WARNING);
        }
    }
}
