package org.culturalign.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.culturalign.InvalidInputException;
import org.culturalign.io.AtomicFiles;
import org.culturalign.model.BatchFormat;
import org.culturalign.model.BatchRequest;
import org.culturalign.model.FailedRequestException;
import org.culturalign.model.LanguageModel;
import org.culturalign.model.ModelException;
import org.culturalign.model.ModelIdentity;
import org.culturalign.model.ModelProviders;
import org.culturalign.model.RetryObserver;
import org.culturalign.model.UnsupportedCapabilityException;
import org.culturalign.model.ScoringRequest;
import org.culturalign.survey.BundledSample;
import org.culturalign.survey.HumanDistribution;
import org.culturalign.survey.Question;
import org.culturalign.survey.SurveyData;
import org.culturalign.survey.SurveyJson;

/**
 * One {@code culturalign eval}: validated up front ({@link #open}), then either described ({@link #dryRun}) or run
 * ({@link #run}). Validation touches nothing on disk: a bad config leaves no folder and no partial results.
 * A run folder is identified by its config hash: the same config resumes (only missing probes are computed), a
 * different one is refused unless {@link RunOptions#overwrite()}.
 */
public final class EvalSession implements AutoCloseable {
    /** Console and results.json wording for the demo model. */
    public static final String DEMO_WARNING = "demo model: a tiny generated model with random weights; its numbers "
            + "are meaningless and only show that the pipeline works. Pass a real model with --model "
            + "llamacpp:PATH.gguf, hf:OWNER/REPO/FILE.gguf or openai:URL#MODEL";
    /** Output files of a run folder (removed by --overwrite). */
    static final List<String> OUTPUT_FILES = List.of("config.json", "results.json", "samples.jsonl", "cells.csv",
            "icl_gains.csv", "significance.csv", "skips.csv", "human_ceilings.csv", "paper_table.md",
            "paper_table.csv", "failures.csv", "samples.parquet", "cells.parquet", RunStore.FILE_NAME,
            RunStore.FILE_NAME + "-wal",
            RunStore.FILE_NAME + "-shm");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH_SIZE = 8;

    private final EvalConfig config;
    private final RunOptions options;
    private final EvalPlan plan;
    private final PlanStats stats;
    private final Map<String, LanguageModel> models;
    private final String toolVersion;
    private final String configHash;
    private final boolean resume;
    private AnalysisOptions analysis = AnalysisOptions.DEFAULT;
    /** The batch output files an {@link #importBatch} reads; null for a live run. */
    private List<Path> importing;

    private EvalSession(EvalConfig config, RunOptions options, EvalPlan plan, PlanStats stats,
                        Map<String, LanguageModel> models, String toolVersion, boolean resume) {
        this.config = config;
        this.options = options;
        this.plan = plan;
        this.stats = stats;
        this.models = models;
        this.toolVersion = toolVersion;
        this.configHash = ConfigHash.of(config);
        this.resume = resume;
    }

    /** Validates with models opened by their providers ({@link ModelProviders#open}). */
    public static EvalSession open(EvalConfig config, RunOptions options, String toolVersion) {
        return open(config, options, toolVersion, spec -> ModelProviders.open(spec, config.modelArgsMap()));
    }

    /**
     * Validates everything before anything is written: the data, every name, the run folder (same config or
     * {@code --overwrite}), every probe of the grid (a selector that cannot find k demonstrations fails here), and
     * the models (an unreadable model file fails here).
     *
     * @param modelOpener opens a model spec (tests pass doubles)
     * @throws InvalidInputException for any bad input, with one clear line
     */
    public static EvalSession open(EvalConfig config, RunOptions options, String toolVersion,
                                   Function<String, LanguageModel> modelOpener) {
        SurveyData data = config.data() == null ? BundledSample.load() : SurveyJson.read(Path.of(config.data()));
        config = config.resolveCountries(data);
        EvalPlan plan = new EvalPlan(config, data);
        checkCreatable(options.outputPath());
        boolean resume = checkFolder(config, options);
        PlanStats stats = PlanStats.of(plan);
        if (stats.probes() == 0) {
            throw new InvalidInputException("nothing to score: all " + plan.size() + " probes of the grid are skipped ("
                    + reasons(stats.skipped()) + "); choose other countries, languages, questions or formats");
        }
        Map<String, LanguageModel> models = new LinkedHashMap<>();
        try {
            for (String spec : config.models()) {
                models.put(spec, modelOpener.apply(spec));
            }
            if (!"completion".equals(config.template())) {
                for (Map.Entry<String, LanguageModel> m : models.entrySet()) {
                    if (!m.getValue().capabilities().contains(org.culturalign.model.Capability.CHAT_LOGLIKELIHOOD)) {
                        throw new InvalidInputException("--template " + config.template() + ": model " + m.getKey()
                                + " cannot score chat prompts (" + chatTemplateReason(m.getValue()) + "); for a GGUF "
                                + "without one "
                                + "name a llama.cpp built-in template with --model-args chat_template=NAME (e.g. "
                                + "gemma, chatml, llama3), or use --template completion");
                    }
                }
            }
        } catch (RuntimeException e) {
            models.values().forEach(LanguageModel::close);
            throw e;
        }
        return new EvalSession(config, options, plan, stats, models, toolVersion, resume);
    }

    private static String chatTemplateReason(LanguageModel model) {
        String t = model.identity().details().get("chat_template");
        return t == null ? "no chat template" : t.equals("none") ? "its file has no tokenizer.chat_template"
                : "chat template " + t;
    }

    private static String reasons(Map<String, Long> skipped) {
        List<String> out = new ArrayList<>();
        skipped.forEach((reason, n) -> out.add(reason + ": " + n));
        return String.join(", ", out);
    }

    /**
     * The run folder must be creatable: its nearest existing ancestor a writable folder. Checked up front so that a
     * bad {@code --output-path} is one line and exit code 2, not an I/O failure after the planning pass.
     */
    private static void checkCreatable(Path dir) {
        Path p = dir.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return;
        }
        if (!Files.isDirectory(p)) {
            throw new InvalidInputException("--output-path " + dir + ": cannot create the run folder: " + p
                    + (p.equals(dir.toAbsolutePath().normalize()) ? " exists and" : "") + " is a file, not a folder");
        }
        if (!Files.isWritable(p)) {
            throw new InvalidInputException("--output-path " + dir + ": cannot create the run folder: " + p
                    + " is not writable");
        }
    }

    /** @return true when the folder holds this config's run (resume) */
    private static boolean checkFolder(EvalConfig config, RunOptions options) {
        Path dir = options.outputPath();
        if (!Files.exists(dir)) {
            return false;
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("--output-path " + dir + ": exists and is not a folder");
        }
        var recorded = RunStore.recordedConfigHash(dir);
        String hash = ConfigHash.of(config);
        if (recorded.isPresent()) {
            if (recorded.get().equals(hash)) {
                return true;
            }
            if (!options.overwrite()) {
                throw new InvalidInputException("--output-path " + dir + " holds a run with a different configuration"
                        + changedKeys(dir, config) + "; use another --output-path, or --overwrite to replace it");
            }
            return false;
        }
        try (var entries = Files.list(dir)) {
            if (entries.anyMatch(f -> !f.getFileName().toString().equals(RunLock.FILE_NAME))
                    && !options.overwrite()) {
                throw new InvalidInputException("--output-path " + dir + ": folder exists, is not empty and holds no "
                        + "culturalign run; use another --output-path, or --overwrite to write into it");
            }
        } catch (IOException e) {
            throw new InvalidInputException("--output-path " + dir + ": cannot read the folder (" + e.getMessage() + ")");
        }
        return false;
    }

    private static String changedKeys(Path dir, EvalConfig config) {
        try (RunStore store = RunStore.open(dir)) {
            JsonNode old = JSON.readTree(store.runRecord().orElseThrow().configJson());
            JsonNode now = JSON.readTree(ConfigFiles.canonicalJson(config));
            List<String> changed = new ArrayList<>();
            now.properties().forEach(e -> {
                if (!e.getValue().equals(old.get(e.getKey()))) {
                    changed.add(e.getKey() + " " + old.get(e.getKey()) + " -> " + e.getValue());
                }
            });
            return changed.isEmpty() ? "" : " (" + String.join("; ", changed) + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * Sets how the stored probes are analysed (human ceiling, FDR); {@link AnalysisOptions#DEFAULT} unless set. Not
     * part of the config hash: a finished run rerun with other analysis options only rewrites its outputs.
     *
     * @return this session
     */
    public EvalSession analysis(AnalysisOptions options) {
        this.analysis = java.util.Objects.requireNonNull(options, "analysis options");
        return this;
    }

    /** The validated plan. */
    public EvalPlan plan() {
        return plan;
    }

    /** Counts from the planning pass. */
    public PlanStats stats() {
        return stats;
    }

    /** Whether any model is the demo model. */
    public boolean demoModel() {
        return models.entrySet().stream().anyMatch(e -> Provenance.isDemo(e.getKey(), e.getValue().identity()));
    }

    /** Prints the grid, the number of probes and requests and a prompt-token estimate; writes nothing. */
    public void dryRun(PrintStream out) {
        out.println("dry run: nothing is scored or written");
        out.println("grid: models " + config.models() + " x countries " + config.countries() + " x languages "
                + config.languages() + " x shots " + config.shots() + " x selectors " + config.selectors()
                + " (0 shots: none) x formats " + config.formats() + " x persona " + config.persona()
                + (config.languagePairing() == null ? ""
                        : "; languages paired " + config.languagePairing() + ": English and each country's own"));
        out.println("questions: " + plan.questions().size() + " (" + plan.data().source().name() + ")");
        out.println("cells: " + plan.cells().size());
        stats.print(out);
        out.println("output: " + options.outputPath() + (resume ? " (exists with this config: would resume)" : ""));
        if (demoModel()) {
            out.println("note: " + DEMO_WARNING);
        }
    }

    /**
     * What a run did.
     *
     * @param alreadyDone probes (scored or skipped) found done in the folder when the run started
     * @param scoredNow   probes scored by this process (skips not counted)
     * @param failedNow   probes this process recorded as failed (a batch reply with an error, an unusable reply)
     * @param pending     probes neither scored, skipped nor failed when the process ended (an import whose
     *                    batch output lacked their replies); 0 after a live run
     */
    public record Outcome(Path folder, ResultsDocument results, long modelRequests, long cacheHits, boolean resumed,
                          long alreadyDone, long scoredNow, long failedNow, long pending) {
    }

    /**
     * What {@link #exportBatch} wrote.
     *
     * @param requests    lines written (HTTP requests)
     * @param probes      probes they score (the pending probes of the grid)
     * @param alreadyDone probes found done in the run folder
     * @param skipped     probes of the grid that need no model (no human data, ...)
     */
    public record BatchExport(Path file, long requests, long probes, long alreadyDone, long skipped) {
    }

    /**
     * Writes every pending request of the grid to {@code file} in the OpenAI Batch API input format
     * ({@link BatchFiles}, {@code docs/batch.md}), exactly the bodies the live model would send, and starts the run
     * folder (config.json and the run record, so that {@link #importBatch} checks the same configuration and model).
     * Probes already done are left out. The file is written to a temp file and moved into place.
     *
     * @throws InvalidInputException when the grid has more than one model, or its model has no batch format (only
     *                               {@code openai:} models have one)
     */
    public BatchExport exportBatch(Path file, PrintStream out) {
        Map.Entry<String, LanguageModel> model = batchModel("--export-batch");
        BatchFormat format = model.getValue().batchFormat().orElseThrow();
        checkCreatable(file.toAbsolutePath().getParent() == null ? file : file.toAbsolutePath().getParent());
        Path dir = options.outputPath();
        createFolder(dir);
        try (RunLock lock = RunLock.acquire(dir)) {
            if (!resume) {
                for (String f : OUTPUT_FILES) {
                    Files.deleteIfExists(dir.resolve(f));
                }
            }
            try (RunStore store = RunStore.open(dir)) {
                recordStart(store, dir);
                Set<String> done = store.doneKeys();
                String runId = BatchFiles.runId(configHash);
                long[] counts = new long[3];
                List<GridCell> cells = plan.cells();
                List<Question> questions = plan.questions();
                AtomicFiles.writeText(file, w -> {
                    for (int ci = 0; ci < cells.size(); ci++) {
                        GridCell cell = cells.get(ci);
                        for (Question q : questions) {
                            if (done.contains(RunStore.key(cell.key(), q.id()))) {
                                continue;
                            }
                            EvalPlan.Prepared p = plan.prepare(cell, q);
                            if (p.skipped()) {
                                counts[2]++;
                                continue;
                            }
                            List<BatchRequest> requests = format.requests(new ScoringRequest(
                                    p.probe().prompt(), p.probe().continuations()));
                            for (int k = 0; k < requests.size(); k++) {
                                w.write(BatchFiles.inputLine(BatchFiles.customId(runId, ci, cell, q.id(), k),
                                        requests.get(k)));
                                w.write('\n');
                            }
                            counts[0] += requests.size();
                            counts[1]++;
                        }
                    }
                });
                out.println("culturalign: wrote " + counts[0] + " requests for " + counts[1] + " pending probes of "
                        + dir + " to " + file + (done.isEmpty() ? "" : " (" + done.size() + " probes were done "
                        + "before)") + "; run them (OpenAI batch endpoint, vLLM run_batch), then import the output "
                        + "with the same options and --import-batch OUTPUT.jsonl");
                if (counts[0] > 50_000) {
                    out.println("note: OpenAI's batch endpoint takes at most 50,000 requests per file: split it "
                            + "(split -l 50000), and import the outputs together (--import-batch A.jsonl,B.jsonl)");
                }
                return new BatchExport(file, counts[0], counts[1], done.size(), counts[2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads batch output files (OpenAI Batch API output format, {@link BatchFiles}) into the run store and finishes
     * the run as {@link #run} does: every pending probe whose replies are all present is scored from them with the
     * model's own reply parser (the response cache is read and written as in a live run), a probe whose reply carries
     * an error or cannot be read is recorded as failed (counted, listed in {@code failures.csv}, never scored), probes
     * without replies stay pending; then the output files are written. Every line is checked before anything is
     * stored.
     *
     * @throws InvalidInputException for a line that is not a batch output object, a custom_id of another run or
     *                               grid, an id twice in one file (naming file and line); for a grid whose model
     *                               has no batch format
     */
    public Outcome importBatch(List<Path> outputs, PrintStream out) {
        batchModel("--import-batch");
        String runId = BatchFiles.runId(configHash);
        Set<String> questionIds = questionIds();
        long replies = 0;
        long errors = 0;
        for (Path f : outputs) {
            if (!Files.isRegularFile(f)) {
                throw new InvalidInputException("--import-batch " + f + ": no such file");
            }
            try (BatchFiles.Lines lines = BatchFiles.read(f, runId, plan.cells().size(), questionIds)) {
                while (lines.hasNext()) {
                    lines.next();
                }
                replies += lines.replies();
                errors += lines.failed();
            }
        }
        if (replies == 0) {
            throw new InvalidInputException("--import-batch " + outputs + ": no replies in the file(s)");
        }
        out.println("culturalign: " + replies + " batch replies (" + errors + " with errors) in " + outputs);
        importing = outputs;
        return run(out);
    }

    private Set<String> questionIds() {
        Set<String> ids = new java.util.HashSet<>();
        plan.questions().forEach(q -> ids.add(q.id()));
        return ids;
    }

    private Map.Entry<String, LanguageModel> batchModel(String option) {
        if (models.size() != 1) {
            throw new InvalidInputException(option + ": a batch file holds the requests of one model; the grid has "
                    + models.size() + " (" + String.join(", ", models.keySet()) + "): export one model at a time");
        }
        Map.Entry<String, LanguageModel> m = models.entrySet().iterator().next();
        if (m.getValue().batchFormat().isEmpty()) {
            throw new InvalidInputException(option + ": model " + m.getKey() + " (" + m.getValue().identity()
                    .backend() + ") has no batch request format; batch files are for served models "
                    + "(--model openai:URL#MODEL)");
        }
        return m;
    }

    private static void createFolder(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            // e.g. /proc/foo: the parent is a writable-looking folder of a file system that refuses new entries
            String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e instanceof java.nio.file.NoSuchFileException ? "the file system does not allow a folder there"
                    : "the file system refused it";
            throw new InvalidInputException("--output-path " + dir + ": cannot create the run folder (" + why + ")");
        }
    }

    /**
     * Writes config.json (first start) and the run record, and checks that the models are those the run started
     * with; returns the stored provenance.
     */
    private JsonNode recordStart(RunStore store, Path dir) throws IOException {
        String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, ModelIdentity> identities = new LinkedHashMap<>();
        models.forEach((spec, m) -> identities.put(spec, m.identity()));
        ObjectNode provenance = Provenance.capture(config, identities, plan.data().source(), toolVersion);
        Path configFile = dir.resolve("config.json");
        if (!Files.exists(configFile)) {
            AtomicFiles.writeString(configFile, ConfigFiles.prettyJson(config));
        }
        store.recordRun(new RunStore.RunRecord(configHash, ConfigFiles.canonicalJson(config), provenance.toString(),
                startedAt));
        JsonNode stored = JSON.readTree(store.runRecord().orElseThrow().provenanceJson());
        checkSameModels(stored, provenance, dir);
        return stored;
    }

    /**
     * Runs the grid: creates the folder, scores what is missing (bounded concurrency, one transaction per batch),
     * then writes the output files from the committed rows and calls the {@link RunCompletionHook}s.
     */
    public Outcome run(PrintStream out) {
        Path dir = options.outputPath();
        createFolder(dir);
        try (RunLock lock = RunLock.acquire(dir)) {
            if (!resume) {
                for (String f : OUTPUT_FILES) {
                    Files.deleteIfExists(dir.resolve(f));
                }
            }
            return runLocked(dir, out);
        } catch (IOException e) {
            throw new UncheckedIOException("run folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private Outcome runLocked(Path dir, PrintStream out) {
        if (demoModel()) {
            out.println("culturalign: " + DEMO_WARNING);
        }
        ResponseCache cache = options.cachePath() == null ? null : ResponseCache.open(options.cachePath());
        try (RunStore store = RunStore.open(dir)) {
            JsonNode storedProvenance = recordStart(store, dir);
            RunStore.RunRecord record = store.runRecord().orElseThrow();
            BatchReplay replay = null;
            if (importing != null) {
                LanguageModel m = models.values().iterator().next();
                String runId = BatchFiles.runId(configHash);
                replay = new BatchReplay(store, m.batchFormat().orElseThrow(), m.identity(), cache, runId);
                // each file again, now into the store (one transaction each): importBatch checked every line
                for (Path f : importing) {
                    try (BatchFiles.Lines lines = BatchFiles.read(f, runId, plan.cells().size(), questionIds())) {
                        store.putBatchReplies(lines);
                    }
                }
            }
            Set<String> done = store.doneKeys();
            long total = plan.size();
            long skippedTotal = stats.skipped().values().stream().mapToLong(Long::longValue).sum();
            if (done.isEmpty()) {
                out.println("culturalign: running " + total + " probes (" + stats.probes() + " to score, "
                        + skippedTotal + " skipped) in " + plan.cells().size() + " cells into " + dir);
            } else if (done.size() >= total) {
                out.println("culturalign: " + dir + " holds this run with all " + total + " probes done; nothing to "
                        + "compute, rewriting its outputs");
            } else {
                out.println("culturalign: resuming " + dir + ": " + done.size() + " of " + total + " probes done, "
                        + (total - done.size()) + " left (" + plan.cells().size() + " cells)");
            }
            long before = done.size();
            Map<String, CachingLanguageModel> cached = new LinkedHashMap<>();
            models.forEach((spec, m) -> cached.put(spec, new CachingLanguageModel(m, cache)));
            AtomicLong saved = new AtomicLong(before);
            AtomicLong scoredNow = new AtomicLong();
            Counters counters = new Counters(saved, scoredNow, new AtomicLong(), new AtomicLong(),
                    new java.util.concurrent.atomic.AtomicInteger());
            Thread interruptHook = new Thread(() -> System.err.println("culturalign: interrupted: " + saved.get() + " of "
                    + total + " probes saved in " + dir + "; rerun the same command to resume"),
                    "culturalign-interrupted");
            Runtime.getRuntime().addShutdownHook(interruptHook);
            RetryCounts retries = new RetryCounts();
            try {
                score(store, done, cached, counters, retries, replay, out);
            } catch (UnsupportedCapabilityException e) {
                throw e;
            } catch (ModelException e) {
                // a backend stopped the run (e.g. a server asking to wait longer than max_retry_wait_s): what it
                // said, and that nothing finished is lost
                throw new ModelException(e.getMessage() + "; " + saved.get() + " of " + total + " probes are saved in "
                        + dir + ": rerun the same command to resume", e.isRetriable(), e);
            } finally {
                // kept even when the run stops, so that the resumed run's provenance counts these retries too
                store.addRetries(retries.snapshot());
                try {
                    Runtime.getRuntime().removeShutdownHook(interruptHook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is exiting: the hook reports how far the run got
                }
            }
            long requests = replay != null ? replay.repliesRead()
                    : cached.values().stream().mapToLong(CachingLanguageModel::requestsSent).sum();
            long hits = replay != null ? replay.cacheHits()
                    : cached.values().stream().mapToLong(CachingLanguageModel::cacheHits).sum();
            List<String> warnings = new ArrayList<>();
            long pending = counters.pending().get();
            if (pending > 0) {
                warnings.add(pending + " probe(s) have no reply in the batch output(s) and are not scored yet: "
                        + "export the batch again (--export-batch) to get their requests, run them and import the "
                        + "output");
            }
            if (demoModel()) {
                warnings.add(DEMO_WARNING);
            }
            ObjectNode provenanceNow = ((ObjectNode) storedProvenance).deepCopy();
            provenanceNow.set("retries", RetryCounts.toJson(store.retryCounts()));
            provenanceNow.putObject("analysis").put("ceilingSplits", analysis.ceilingSplits())
                    .put("fdrQ", analysis.fdrQ());
            HumanCeilings ceilings = HumanCeilings.compute(plan, analysis.ceilingSplits());
            ResultsDocument doc = ResultsWriter.write(dir, store, config, provenanceNow,
                    new ResultsWriter.RunFacts(configHash, dir, record.startedAt(),
                            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), requests, hits, demoModel(),
                            warnings), analysis, ceilings);
            for (String w : doc.warnings()) {
                if (!w.equals(DEMO_WARNING)) {
                    out.println("warning: " + w);
                }
            }
            Outcome outcome = new Outcome(dir, doc, requests, hits, before > 0, before, scoredNow.get(),
                    counters.failedNow().get(), pending);
            for (RunCompletionHook hook : ServiceLoader.load(RunCompletionHook.class)) {
                hook.runFinished(dir, out);
            }
            return outcome;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (cache != null) {
                cache.close();
            }
        }
    }

    private static void checkSameModels(JsonNode stored, JsonNode now, Path dir) {
        if (!stored.path("models").equals(now.path("models"))) {
            throw new InvalidInputException("--output-path " + dir + ": the run was started with model(s) "
                    + digests(stored) + " but the same spec now opens " + digests(now) + " (the model file changed); "
                    + "use another --output-path, or --overwrite");
        }
    }

    private static String digests(JsonNode p) {
        List<String> out = new ArrayList<>();
        p.path("models").forEach(m -> out.add(m.path("spec").asText() + "=" + m.path("digest").asText()));
        return out.toString();
    }

    /**
     * What the scoring threads count: probes saved (incl. skips), scored, failed and left pending by this process, and
     * the probes failed since the last one scored.
     */
    private record Counters(AtomicLong saved, AtomicLong scoredNow, AtomicLong failedNow, AtomicLong pending,
                            java.util.concurrent.atomic.AtomicInteger failedInARow) {
    }

    /** A live run stops after this many failed probes in a row: the backend, not a probe, is broken. */
    static final int MAX_FAILED_IN_A_ROW = 20;

    /**
     * Scores a batch live. A {@link FailedRequestException} (one request's reply was unusable) fails only its probe:
     * the batch is scored again probe by probe to find which; any other failure stops the run.
     */
    private static List<BatchReplay.Answer> live(CachingLanguageModel model, List<ScoringRequest> requests) {
        try {
            return model.score(requests).stream().map(BatchReplay.Answer::scored).toList();
        } catch (FailedRequestException e) {
            if (requests.size() == 1) {
                return List.of(new BatchReplay.Answer(null, e.getMessage()));
            }
            List<BatchReplay.Answer> out = new ArrayList<>(requests.size());
            for (ScoringRequest r : requests) {
                try {
                    out.add(BatchReplay.Answer.scored(model.score(List.of(r)).get(0)));
                } catch (FailedRequestException one) {
                    out.add(new BatchReplay.Answer(null, one.getMessage()));
                }
            }
            return out;
        }
    }

    private void score(RunStore store, Set<String> done, Map<String, CachingLanguageModel> cached, Counters counters,
                       RetryCounts retries, BatchReplay replay, PrintStream out) {
        AtomicLong saved = counters.saved();
        int threads = options.concurrency();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "culturalign-eval");
            t.setDaemon(true);
            return t;
        });
        Semaphore inFlight = new Semaphore(threads * 2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Question> questions = plan.questions();
        try (ProgressReporter progress = ProgressReporter.create(options.progress(), plan.size(), done.size(), out)) {
            RetryObserver observer = RetryObserver.all(retries, progress);
            cached.values().forEach(m -> m.observeRetries(observer));
            List<GridCell> cells = plan.cells();
            for (int ci = 0; ci < cells.size() && failure.get() == null; ci++) {
                GridCell cell = cells.get(ci);
                CachingLanguageModel model = cached.get(cell.model());
                List<Pending> batch = new ArrayList<>(BATCH_SIZE);
                List<RunStore.SkipRow> skips = new ArrayList<>();
                for (int qi = 0; qi < questions.size() && failure.get() == null; qi++) {
                    Question q = questions.get(qi);
                    if (done.contains(RunStore.key(cell.key(), q.id()))) {
                        continue;
                    }
                    EvalPlan.Prepared p = plan.prepare(cell, q);
                    if (p.skipped()) {
                        skips.add(new RunStore.SkipRow(cell.key(), q.id(), ci, qi, p.skipReason()));
                        continue;
                    }
                    batch.add(new Pending(cell, ci, q, qi, p));
                    if (batch.size() == BATCH_SIZE) {
                        submit(pool, inFlight, failure, store, model, replay, batch, progress, counters);
                        batch = new ArrayList<>(BATCH_SIZE);
                    }
                }
                if (!batch.isEmpty()) {
                    submit(pool, inFlight, failure, store, model, replay, batch, progress, counters);
                }
                if (!skips.isEmpty()) {
                    store.commit(List.of(), skips);
                    saved.addAndGet(skips.size());
                    progress.step(skips.size());
                }
            }
            pool.shutdown();
            if (!pool.awaitTermination(365, TimeUnit.DAYS)) {
                throw new IllegalStateException("scoring did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
            cached.values().forEach(m -> m.observeRetries(RetryObserver.NONE));
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    private record Pending(GridCell cell, int cellIndex, Question question, int questionIndex,
                           EvalPlan.Prepared prepared) {
    }

    private void submit(ExecutorService pool, Semaphore inFlight, AtomicReference<Throwable> failure, RunStore store,
                        CachingLanguageModel model, BatchReplay replay, List<Pending> batch, ProgressReporter progress,
                        Counters counters) throws InterruptedException {
        inFlight.acquire();
        pool.execute(() -> {
            try {
                if (failure.get() != null) {
                    return;
                }
                List<ScoringRequest> requests = new ArrayList<>(batch.size());
                for (Pending p : batch) {
                    requests.add(new ScoringRequest(p.prepared().probe().prompt(),
                            p.prepared().probe().continuations()));
                }
                List<BatchReplay.Answer> answers;
                if (replay == null) {
                    answers = live(model, requests);
                } else {
                    answers = new ArrayList<>(batch.size());
                    for (int i = 0; i < batch.size(); i++) {
                        Pending p = batch.get(i);
                        answers.add(replay.answer(p.cellIndex(), p.cell(), p.question().id(), requests.get(i)));
                    }
                }
                List<RunStore.ProbeRow> rows = new ArrayList<>(batch.size());
                List<RunStore.FailureRow> failures = new ArrayList<>();
                long missing = 0;
                for (int i = 0; i < batch.size(); i++) {
                    Pending p = batch.get(i);
                    BatchReplay.Answer a = answers.get(i);
                    if (a.scored() != null) {
                        List<HumanDistribution> others = plan.otherCountries(p.question(), p.cell().country());
                        rows.add(ProbeRecorder.record(p.cell(), p.cellIndex(), p.question(), p.questionIndex(),
                                p.prepared(), others, a.scored().result(), a.scored().cached()));
                    } else if (a.failure() != null) {
                        failures.add(new RunStore.FailureRow(p.cell().key(), p.question().id(), p.cellIndex(),
                                p.questionIndex(), a.failure()));
                    } else {
                        missing++;
                    }
                }
                store.commit(rows, List.of());
                store.recordFailures(failures);
                counters.saved().addAndGet(rows.size());
                counters.scoredNow().addAndGet(rows.size());
                counters.failedNow().addAndGet(failures.size());
                counters.pending().addAndGet(missing);
                progress.step(batch.size());
                if (replay == null) {
                    int inARow = rows.isEmpty() ? counters.failedInARow().addAndGet(failures.size())
                            : counters.failedInARow().updateAndGet(n -> failures.isEmpty() ? 0 : failures.size());
                    if (inARow >= MAX_FAILED_IN_A_ROW) {
                        throw new ModelException("stopped: " + inARow + " probes in a row failed, the backend's "
                                + "replies are unusable (the last: " + failures.get(failures.size() - 1).reason()
                                + ")", false);
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                inFlight.release();
            }
        });
    }

    @Override
    public void close() {
        models.values().forEach(LanguageModel::close);
    }
}
