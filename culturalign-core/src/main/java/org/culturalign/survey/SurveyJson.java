package org.culturalign.survey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.culturalign.InvalidInputException;
import org.culturalign.io.AtomicFiles;
import org.culturalign.io.JsonErrors;
import org.culturalign.io.Sha256;

/**
 * The project's survey file format, schema {@value #SCHEMA}: a data-source block, the questions (scale, category,
 * recodes, battery, texts per language) and per-country answer shares. Written by the importers, read by
 * {@code --data FILE}; the bundled sample uses the same structures. Specification: {@code docs/schemas/survey-format.md}.
 *
 * <p>Reading validates everything; an error is one line naming the file and the JSON path, e.g.
 * {@code wvs7.json: countries.NGA.Q182: shares sum to 0.93, expected 1 within 0.001}.
 */
public final class SurveyJson {
    /** The schema id this class reads and writes (the {@code "schema"} field). */
    public static final String SCHEMA = "culturalign.survey/1";

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SurveyJson() {
    }

    /**
     * Reads and validates a survey file. The data source's {@code sha256} is the file's hash.
     *
     * @throws InvalidInputException when the file is missing or unreadable, is not JSON, has another schema, or
     *                               breaks a rule of the format; the message names the file and the JSON path
     */
    public static SurveyData read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file (expected a " + SCHEMA + " JSON file)");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(name, bytes);
    }

    /**
     * Parses a survey document held in memory.
     *
     * @param name  what to call the document in messages (a file name)
     * @param bytes UTF-8 JSON
     * @throws InvalidInputException as {@link #read(Path)}
     */
    public static SurveyData parse(String name, byte[] bytes) {
        return new SurveyJsonReader(name).read(tree(name, bytes), Sha256.hex(bytes));
    }

    /**
     * Writes survey data in this format, atomically (a temporary file in the same folder, then a move), so the
     * target is either the old file or the complete new one.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public static void write(SurveyData data, Path file) {
        try {
            AtomicFiles.writeBytes(file, toBytes(data));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The document {@link #write} would write, as UTF-8 JSON. */
    public static byte[] toBytes(SurveyData data) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        ObjectNode source = root.putObject("source");
        source.put("name", data.source().name());
        source.put("version", data.source().version());
        source.put("notice", data.source().notice());
        ArrayNode questions = root.putArray("questions");
        for (Question q : data.questions()) {
            questions.add(questionNode(q));
        }
        ObjectNode names = MAPPER.createObjectNode();
        ObjectNode countries = MAPPER.createObjectNode();
        for (Country country : data.countries()) {
            String name = data.countryName(country);
            if (!name.equals(Countries.name(country))) {
                names.put(country.code(), name);
            }
            writeCells(data, country, countries.putObject(country.code()));
        }
        if (!names.isEmpty()) {
            root.set("country_names", names);
        }
        root.set("countries", countries);
        if (!data.subgroupTargets().isEmpty()) {
            ObjectNode subgroups = root.putObject("subgroups");
            for (Country target : data.subgroupTargets()) {
                ObjectNode byGroup = subgroups.has(target.code()) ? (ObjectNode) subgroups.get(target.code())
                        : subgroups.putObject(target.code());
                writeCells(data, target, byGroup.putObject(target.subgroup().id()));
            }
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise survey data", e);
        }
    }

    private static void writeCells(SurveyData data, Country target, ObjectNode row) {
        for (String qid : data.questionIdsWithData(target)) {
            Question q = data.requireQuestion(qid);
            HumanDistribution d = data.distribution(target, qid).orElseThrow();
            ObjectNode cell = row.putObject(qid);
            ObjectNode shares = cell.putObject("shares");
            for (int i = 0; i < d.size(); i++) {
                shares.put(String.valueOf(q.scale().codes().get(i)), d.share(i));
            }
            d.respondents().ifPresent(n -> cell.put("n", n));
            d.weightSum().ifPresent(w -> cell.put("weight_sum", w));
        }
    }

    static ObjectNode questionNode(Question q) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", q.id());
        node.put("category", q.category());
        ObjectNode scale = node.putObject("scale");
        scale.put("type", q.scale().type().name().toLowerCase(java.util.Locale.ROOT));
        ArrayNode codes = scale.putArray("codes");
        q.scale().codes().forEach(codes::add);
        if (!q.recodes().isEmpty()) {
            ObjectNode recodes = node.putObject("recodes");
            q.recodes().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                if (e.getValue().drop()) {
                    recodes.put(String.valueOf(e.getKey()), "drop");
                } else {
                    recodes.put(String.valueOf(e.getKey()), e.getValue().to());
                }
            });
        }
        if (!q.battery().isEmpty()) {
            node.put("battery", q.battery());
        }
        if (!q.source().isEmpty()) {
            node.put("source", q.source());
        }
        ObjectNode texts = node.putObject("texts");
        q.texts().forEach((lang, t) -> {
            ObjectNode text = texts.putObject(lang);
            text.put("question", t.question());
            ArrayNode options = text.putArray("options");
            t.optionLabels().forEach(options::add);
            if (!t.instruction().isEmpty()) {
                text.put("instruction", t.instruction());
            }
        });
        return node;
    }

    static JsonNode tree(String name, byte[] bytes) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new InvalidInputException(name + ": empty file (expected a " + SCHEMA + " JSON object)");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(JsonErrors.describe(name, e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
