package org.culturalign.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.culturalign.InvalidInputException;

/**
 * Reads a run folder's {@code results.json} and {@code samples.jsonl} (and nothing else: never the database or the
 * model), so a report can be regenerated at any time.
 */
public final class RunReader {
    /** Sample schema versions this reader understands. */
    public static final List<String> SUPPORTED_SAMPLE_SCHEMAS = List.of("culturalign.samples/1");
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunReader() {
    }

    /**
     * Reads a run folder.
     *
     * @param runDir a folder written by {@code culturalign eval}
     * @return the run's results and samples (all samples; prompt texts kept only for the probes the drill-down
     *         shows, see {@link DrillDown#pick})
     * @throws InvalidInputException when a file is missing, is not valid JSON, has an unknown schema version or
     *         lacks a required field (the message names the file, line and field)
     */
    public static Run read(Path runDir) {
        if (!Files.isDirectory(runDir)) {
            throw new InvalidInputException(runDir + ": not a run folder (expected a folder with results.json and "
                    + "samples.jsonl written by culturalign eval)");
        }
        RunResults results = readResults(runDir.resolve("results.json"), runDir);
        List<Sample> samples = readSamples(runDir.resolve("samples.jsonl"));
        return new Run(results, samples);
    }

    /** Reads {@code results.json}. */
    static RunResults readResults(Path file, Path runDir) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(file + ": missing (has the run finished? culturalign eval writes it "
                    + "once every probe is scored)");
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file + ": line " + e.getLocation().getLineNr() + ": not valid JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Fields f = new Fields(file.toString(), null);
        String schema = f.text(root, "schema");
        if (!RunResults.SUPPORTED_SCHEMAS.contains(schema)) {
            throw new InvalidInputException(file + ": field 'schema': unknown version '" + schema + "' (this "
                    + "culturalign reads " + RunResults.SUPPORTED_SCHEMAS + "; a newer culturalign wrote it?)");
        }
        JsonNode run = root.path("run");
        List<String> warnings = new ArrayList<>();
        root.path("warnings").forEach(w -> warnings.add(w.asText()));
        List<RunResults.Cell> cells = new ArrayList<>();
        int i = 0;
        for (JsonNode c : f.array(root, "cells")) {
            Fields cf = new Fields(file.toString(), "cells[" + i++ + "]");
            Map<String, RunResults.Summary> metrics = new LinkedHashMap<>();
            c.path("metrics").fields().forEachRemaining(e -> {
                JsonNode m = e.getValue();
                if (m.has("mean") && !m.get("mean").isNull()) {
                    metrics.put(e.getKey(), new RunResults.Summary(m.get("mean").asDouble(), dbl(m, "sd"),
                            m.path("n").asInt(cf.integer(c, "n")), dbl(m, "ciLower"), dbl(m, "ciUpper")));
                }
            });
            Map<String, Map<String, Double>> baselines = new LinkedHashMap<>();
            c.path("baselines").fields().forEachRemaining(e -> {
                Map<String, Double> values = new LinkedHashMap<>();
                e.getValue().fields().forEachRemaining(v -> {
                    if (v.getValue().isNumber()) {
                        values.put(v.getKey(), v.getValue().asDouble());
                    }
                });
                baselines.put(e.getKey(), values);
            });
            cells.add(new RunResults.Cell(cf.text(c, "model"), cf.text(c, "country"), cf.text(c, "language"),
                    cf.integer(c, "shots"), cf.text(c, "selector"), cf.text(c, "format"), cf.bool(c, "persona"),
                    cf.integer(c, "n"), metrics, baselines, dbl(c, "meanCoverage"), ceiling(c.path("humanCeiling"))));
        }
        List<RunResults.IclGain> gains = new ArrayList<>();
        i = 0;
        for (JsonNode g : root.path("iclGains")) {
            Fields gf = new Fields(file.toString(), "iclGains[" + i++ + "]");
            gains.add(new RunResults.IclGain(gf.text(g, "model"), gf.text(g, "country"), gf.text(g, "language"),
                    gf.text(g, "selector"), gf.text(g, "format"), gf.bool(g, "persona"), gf.integer(g, "shots"),
                    gf.text(g, "metric"), gf.number(g, "zeroShot"), gf.number(g, "kShot"), gf.number(g, "estimate"),
                    dbl(g, "ciLower"), dbl(g, "ciUpper"), gf.integer(g, "n"), g.path("method").asText(""),
                    dbl(g, "pValue"), dbl(g, "pAdjusted"),
                    g.path("survivesFdr").isBoolean() ? g.get("survivesFdr").asBoolean() : null));
        }
        List<RunResults.Significance> tests = new ArrayList<>();
        i = 0;
        for (JsonNode s : root.path("significance")) {
            Fields sf = new Fields(file.toString(), "significance[" + i++ + "]");
            tests.add(new RunResults.Significance(sf.text(s, "model"), sf.text(s, "language"),
                    sf.text(s, "selector"), sf.text(s, "format"), sf.bool(s, "persona"), sf.integer(s, "shots"),
                    sf.text(s, "metric"), s.path("test").asText(""), dbl(s, "statistic"), dbl(s, "pValue"),
                    s.path("nCountries").asInt(0), dbl(s, "meanGain")));
        }
        JsonNode coverage = root.path("coverage");
        return new RunResults(runDir, run.path("configHash").asText(""), textOrNull(run, "startedAt"),
                textOrNull(run, "finishedAt"), root.path("demoModel").asBoolean(false),
                Collections.unmodifiableList(warnings), root.path("provenance"), root.path("counts"),
                List.copyOf(cells), List.copyOf(gains), List.copyOf(tests), dbl(coverage, "threshold"),
                coverage.path("lowCells").asInt(0), root.path("analysis"));
    }

    private static RunResults.Ceiling ceiling(JsonNode c) {
        if (!c.isObject()) {
            return null;
        }
        return new RunResults.Ceiling(dbl(c, "ceiling"), dbl(c, "modelSimilarity"), dbl(c, "fractionOfCeiling"),
                c.path("questions").asInt(0), c.path("questionsWithout").asInt(0), textOrNull(c, "reason"));
    }

    /**
     * Reads {@code samples.jsonl}. Prompt texts are kept only for the probes the drill-down shows
     * ({@link DrillDown#pick}): the file is read once for every sample without its prompt, then the picked lines are
     * read again with theirs, so memory does not grow with the prompts of a large run.
     */
    static List<Sample> readSamples(Path file) {
        List<Sample> out = new ArrayList<>();
        List<Integer> lineOf = new ArrayList<>();
        forEachLine(file, (lineNo, node) -> {
            out.add(sample(node, new Fields(file.toString(), "line " + lineNo)).withoutPrompt());
            lineOf.add(lineNo);
        });
        Map<Integer, Integer> wanted = new HashMap<>();
        for (int i : DrillDown.pick(out, DrillDown.CAP)) {
            wanted.put(lineOf.get(i), i);
        }
        forEachLine(file, (lineNo, node) -> {
            Integer i = wanted.get(lineNo);
            if (i != null) {
                out.set(i, sample(node, new Fields(file.toString(), "line " + lineNo)));
            }
        });
        return out;
    }

    private interface LineVisitor {
        void accept(int lineNo, JsonNode node);
    }

    private static void forEachLine(Path file, LineVisitor visitor) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new InvalidInputException(file + ": line " + lineNo + ": not valid JSON: "
                            + e.getOriginalMessage());
                }
                visitor.accept(lineNo, node);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(file + ": missing (culturalign eval writes it next to results.json)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Sample sample(JsonNode n, Fields f) {
        String schema = f.text(n, "schema");
        if (!SUPPORTED_SAMPLE_SCHEMAS.contains(schema)) {
            throw new InvalidInputException(f.where("schema") + ": unknown version '" + schema + "' (this "
                    + "culturalign reads " + SUPPORTED_SAMPLE_SCHEMAS + ")");
        }
        List<Sample.Demonstration> demos = new ArrayList<>();
        for (JsonNode d : n.path("demonstrations")) {
            demos.add(new Sample.Demonstration(d.path("questionId").asText(), d.path("answerCode").asInt()));
        }
        List<String> continuations = new ArrayList<>();
        n.path("continuations").forEach(c -> continuations.add(c.asText()));
        int[] codes = f.ints(n, "targetCodes");
        double[] model = f.doubles(n, "modelDistribution");
        double[] human = f.doubles(n, "humanDistribution");
        if (model.length != codes.length || human.length != codes.length) {
            throw new InvalidInputException(f.where("modelDistribution") + ": expected " + codes.length
                    + " values (one per targetCodes entry), got model " + model.length + ", human " + human.length);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        n.path("metrics").fields().forEachRemaining(e -> {
            if (e.getValue().isNumber()) {
                metrics.put(e.getKey(), e.getValue().asDouble());
            }
        });
        return new Sample(f.text(n, "model"), f.text(n, "country"), f.text(n, "language"), f.text(n, "questionId"),
                n.path("category").asText(""), f.integer(n, "shots"), f.text(n, "selector"), f.text(n, "format"),
                f.bool(n, "persona"), n.path("template").asText(""), List.copyOf(demos),
                n.path("demonstrationNote").asText(""), promptText(n.path("prompt")), List.copyOf(continuations),
                codes, model, human, n.path("coverage").asDouble(Double.NaN), metrics);
    }

    private static String promptText(JsonNode prompt) {
        if ("chat".equals(prompt.path("type").asText())) {
            StringBuilder b = new StringBuilder();
            for (JsonNode m : prompt.path("messages")) {
                b.append('[').append(m.path("role").asText()).append("] ").append(m.path("content").asText())
                        .append('\n');
            }
            b.append("[assistant] ").append(prompt.path("assistantPrefix").asText(""));
            return b.toString();
        }
        return prompt.path("text").asText("");
    }

    private static Double dbl(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? v.asDouble() : null;
    }

    private static String textOrNull(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    /** Required-field access with one-line errors naming file, record and field. */
    private record Fields(String file, String record) {
        String where(String field) {
            return file + ": " + (record == null ? "" : record + ": ") + "field '" + field + "'";
        }

        JsonNode require(JsonNode n, String field) {
            JsonNode v = n == null ? MissingNode.getInstance() : n.path(field);
            if (v.isMissingNode() || v.isNull()) {
                throw new InvalidInputException(where(field) + ": missing (see docs/schemas/)");
            }
            return v;
        }

        String text(JsonNode n, String field) {
            JsonNode v = require(n, field);
            if (!v.isTextual()) {
                throw new InvalidInputException(where(field) + ": expected a string, got " + v);
            }
            return v.asText();
        }

        int integer(JsonNode n, String field) {
            JsonNode v = require(n, field);
            if (!v.canConvertToInt() || !v.isIntegralNumber()) {
                throw new InvalidInputException(where(field) + ": expected an integer, got " + v);
            }
            return v.asInt();
        }

        double number(JsonNode n, String field) {
            JsonNode v = require(n, field);
            if (!v.isNumber()) {
                throw new InvalidInputException(where(field) + ": expected a number, got " + v);
            }
            return v.asDouble();
        }

        boolean bool(JsonNode n, String field) {
            JsonNode v = require(n, field);
            if (!v.isBoolean()) {
                throw new InvalidInputException(where(field) + ": expected true or false, got " + v);
            }
            return v.asBoolean();
        }

        JsonNode array(JsonNode n, String field) {
            JsonNode v = require(n, field);
            if (!v.isArray()) {
                throw new InvalidInputException(where(field) + ": expected an array");
            }
            return v;
        }

        int[] ints(JsonNode n, String field) {
            JsonNode a = array(n, field);
            int[] out = new int[a.size()];
            for (int i = 0; i < out.length; i++) {
                if (!a.get(i).isIntegralNumber()) {
                    throw new InvalidInputException(where(field) + "[" + i + "]: expected an integer");
                }
                out[i] = a.get(i).asInt();
            }
            return out;
        }

        double[] doubles(JsonNode n, String field) {
            JsonNode a = array(n, field);
            double[] out = new double[a.size()];
            for (int i = 0; i < out.length; i++) {
                if (!a.get(i).isNumber()) {
                    throw new InvalidInputException(where(field) + "[" + i + "]: expected a number");
                }
                out[i] = a.get(i).asDouble();
            }
            return out;
        }
    }
}
