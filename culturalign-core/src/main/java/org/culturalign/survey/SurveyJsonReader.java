package org.culturalign.survey;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.culturalign.InvalidInputException;

/**
 * Validating reader of the {@value SurveyJson#SCHEMA} tree. Every error names the document and the JSON path
 * ({@code countries.NGA.Q182}); unknown fields are errors, so that a typo ("share") is not silently ignored.
 */
final class SurveyJsonReader {
    private static final Set<String> ROOT_FIELDS = Set.of("schema", "source", "languages", "questions",
            "country_names", "countries", "subgroups");
    private static final Set<String> SOURCE_FIELDS = Set.of("name", "version", "notice");
    private static final Set<String> QUESTION_FIELDS = Set.of("id", "category", "scale", "recodes", "battery",
            "source", "texts");
    private static final Set<String> SCALE_FIELDS = Set.of("type", "codes");
    private static final Set<String> TEXT_FIELDS = Set.of("question", "options", "instruction");
    private static final Set<String> CELL_FIELDS = Set.of("shares", "n", "weight_sum");

    private final String document;

    SurveyJsonReader(String document) {
        this.document = document;
    }

    SurveyData read(JsonNode root, String sha256) {
        requireObject(root, "(root)", "a JSON object with \"schema\": \"" + SurveyJson.SCHEMA + "\"");
        checkFields(root, ROOT_FIELDS, "(root)");
        JsonNode schema = root.get("schema");
        if (schema == null || !schema.isTextual() || !schema.asText().equals(SurveyJson.SCHEMA)) {
            throw error("schema", "found " + (schema == null ? "no schema" : schema.toString())
                    + ", expected \"" + SurveyJson.SCHEMA + "\"");
        }
        DataSource source = source(root.get("source"), sha256);
        List<Question> questions = questions(root.get("questions"));
        Map<String, Question> byId = new LinkedHashMap<>();
        questions.forEach(q -> byId.put(q.id(), q));
        Map<Country, Map<String, HumanDistribution>> cells = countries(root.get("countries"), byId);
        Map<Country, Map<String, HumanDistribution>> subgroups = subgroups(root.get("subgroups"), byId);
        Map<Country, String> names = new LinkedHashMap<>();
        for (Country c : cells.keySet()) {
            names.put(c, Countries.name(c));
        }
        JsonNode given = root.get("country_names");
        if (given != null) {
            requireObject(given, "country_names", "an object of ISO 3166-1 alpha-3 code to name");
            for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                names.put(country(e.getKey(), "country_names." + e.getKey()),
                        text(e.getValue(), "country_names." + e.getKey(), true));
            }
        }
        try {
            return new SurveyData(source, questions, cells, subgroups, names);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(document + ": " + e.getMessage(), e);
        }
    }

    DataSource source(JsonNode node, String sha256) {
        requireObject(node, "source", "an object with name, version and notice");
        checkFields(node, SOURCE_FIELDS, "source");
        return new DataSource(text(node.get("name"), "source.name", true),
                optionalText(node.get("version"), "source.version"), sha256,
                optionalText(node.get("notice"), "source.notice"));
    }

    List<Question> questions(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw error("questions", "expected a non-empty array of questions");
        }
        List<Question> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            Question q = question(node.get(i), "questions[" + i + "]");
            if (!seen.add(q.id())) {
                throw error("questions[" + i + "].id", "duplicate question id " + q.id());
            }
            out.add(q);
        }
        return out;
    }

    Question question(JsonNode node, String indexPath) {
        requireObject(node, indexPath, "a question object");
        String id = text(node.get("id"), indexPath + ".id", true);
        String path = "questions." + id;
        checkFields(node, QUESTION_FIELDS, path);
        AnswerScale scale = scale(node.get("scale"), path + ".scale");
        Map<Integer, Question.Recode> recodes = recodes(node.get("recodes"), path + ".recodes");
        Map<String, QuestionText> texts = new LinkedHashMap<>();
        JsonNode textsNode = node.get("texts");
        if (textsNode != null) {
            requireObject(textsNode, path + ".texts", "an object of language tag to text");
            for (Iterator<Map.Entry<String, JsonNode>> it = textsNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                texts.put(e.getKey(), questionText(e.getValue(), path + ".texts." + e.getKey(), scale.size()));
            }
        }
        try {
            return new Question(id, optionalText(node.get("category"), path + ".category"), scale, texts, recodes,
                    optionalText(node.get("battery"), path + ".battery"),
                    optionalText(node.get("source"), path + ".source"));
        } catch (IllegalArgumentException e) {
            throw error(path, e.getMessage());
        }
    }

    /** A text of a question whose scale has {@code options} options. */
    QuestionText questionText(JsonNode node, String path, int options) {
        requireObject(node, path, "an object with question, options and optional instruction");
        checkFields(node, TEXT_FIELDS, path);
        String question = text(node.get("question"), path + ".question", true);
        JsonNode labels = node.get("options");
        if (labels == null || !labels.isArray()) {
            throw error(path + ".options", "expected an array of " + options + " option labels");
        }
        if (labels.size() != options) {
            throw error(path + ".options", labels.size() + " labels, the scale has " + options + " options");
        }
        List<String> list = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            list.add(text(labels.get(i), path + ".options[" + i + "]", true));
        }
        return new QuestionText(question, list, optionalText(node.get("instruction"), path + ".instruction"));
    }

    private AnswerScale scale(JsonNode node, String path) {
        requireObject(node, path, "an object with type (ordinal or nominal) and codes");
        checkFields(node, SCALE_FIELDS, path);
        String type = text(node.get("type"), path + ".type", true);
        ScaleType scaleType;
        try {
            scaleType = ScaleType.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw error(path + ".type", "found \"" + type + "\", expected \"ordinal\" or \"nominal\"");
        }
        JsonNode codes = node.get("codes");
        if (codes == null || !codes.isArray()) {
            throw error(path + ".codes", "expected an array of at least two distinct non-negative integer codes");
        }
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            JsonNode c = codes.get(i);
            if (!c.isInt() || c.asInt() < 0) {
                throw error(path + ".codes[" + i + "]", "found " + c + ", expected a non-negative integer code");
            }
            list.add(c.asInt());
        }
        try {
            return new AnswerScale(list, scaleType);
        } catch (IllegalArgumentException e) {
            throw error(path + ".codes", e.getMessage());
        }
    }

    private Map<Integer, Question.Recode> recodes(JsonNode node, String path) {
        Map<Integer, Question.Recode> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        requireObject(node, path, "an object of raw code to new code or \"drop\"");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int raw = code(e.getKey(), path);
            JsonNode to = e.getValue();
            if (to.isTextual() && to.asText().equals("drop")) {
                out.put(raw, Question.Recode.dropped());
            } else if (to.isInt()) {
                out.put(raw, Question.Recode.to(to.asInt()));
            } else {
                throw error(path + "." + e.getKey(), "found " + to + ", expected an integer code or \"drop\"");
            }
        }
        return out;
    }

    Map<Country, Map<String, HumanDistribution>> countries(JsonNode node, Map<String, Question> questions) {
        Map<Country, Map<String, HumanDistribution>> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        requireObject(node, "countries", "an object of ISO 3166-1 alpha-3 code to answer shares per question");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "countries." + e.getKey();
            Country country = country(e.getKey(), path);
            requireObject(e.getValue(), path, "an object of question id to answer shares");
            out.put(country, cells(e.getValue(), path, questions));
        }
        return out;
    }

    /** {@code subgroups: {DEU: {female: {Q182: {shares, n, weight_sum}}}}}: cells as in {@code countries}. */
    Map<Country, Map<String, HumanDistribution>> subgroups(JsonNode node, Map<String, Question> questions) {
        Map<Country, Map<String, HumanDistribution>> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        requireObject(node, "subgroups", "an object of ISO 3166-1 alpha-3 code to subgroups");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "subgroups." + e.getKey();
            Country country = country(e.getKey(), path);
            requireObject(e.getValue(), path, "an object of subgroup id (" + String.join(", ", Subgroup.ids())
                    + ") to answer shares per question");
            for (Iterator<Map.Entry<String, JsonNode>> groups = e.getValue().fields(); groups.hasNext(); ) {
                Map.Entry<String, JsonNode> g = groups.next();
                String groupPath = path + "." + g.getKey();
                Subgroup subgroup = Subgroup.byId(g.getKey()).filter(x -> x.id().equals(g.getKey()))
                        .orElseThrow(() -> error(groupPath, "unknown subgroup \"" + g.getKey() + "\"; subgroups: "
                                + String.join(", ", Subgroup.ids())));
                requireObject(g.getValue(), groupPath, "an object of question id to answer shares");
                out.put(country.in(subgroup), cells(g.getValue(), groupPath, questions));
            }
        }
        return out;
    }

    private Map<String, HumanDistribution> cells(JsonNode node, String path, Map<String, Question> questions) {
        Map<String, HumanDistribution> row = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> cells = node.fields(); cells.hasNext(); ) {
            Map.Entry<String, JsonNode> cell = cells.next();
            String cellPath = path + "." + cell.getKey();
            Question q = questions.get(cell.getKey());
            if (q == null) {
                throw error(cellPath, cell.getKey() + " is not a question of this file (nearest: "
                        + org.culturalign.NearestNames.nearestList(cell.getKey(), questions.keySet(), 3) + ")");
            }
            row.put(q.id(), distribution(cell.getValue(), cellPath, q));
        }
        return row;
    }

    HumanDistribution distribution(JsonNode node, String path, Question q) {
        requireObject(node, path, "an object with shares and optional n, weight_sum");
        checkFields(node, CELL_FIELDS, path);
        JsonNode shares = node.get("shares");
        requireObject(shares, path + ".shares", "an object of answer code to share");
        Map<Integer, Double> byCode = new LinkedHashMap<>();
        double sum = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = shares.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int code = code(e.getKey(), path + ".shares");
            if (q.scale().positionOf(code) < 0) {
                throw error(path + ".shares." + e.getKey(), "code " + code + " is not an option of " + q.id()
                        + " (codes " + q.scale().codes() + ")");
            }
            JsonNode v = e.getValue();
            if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < 0 || v.asDouble() > 1) {
                throw error(path + ".shares." + e.getKey(), "found " + v + ", expected a share in [0, 1]");
            }
            byCode.put(code, v.asDouble());
            sum += v.asDouble();
        }
        if (Math.abs(sum - 1) > HumanDistribution.SUM_TOLERANCE) {
            throw error(path, "shares sum to " + format(sum) + ", expected 1 within "
                    + HumanDistribution.SUM_TOLERANCE);
        }
        OptionalLong n = OptionalLong.empty();
        JsonNode nNode = node.get("n");
        if (nNode != null) {
            if (!nNode.canConvertToLong() || !nNode.isIntegralNumber() || nNode.asLong() < 0) {
                throw error(path + ".n", "found " + nNode + ", expected a non-negative respondent count");
            }
            n = OptionalLong.of(nNode.asLong());
        }
        OptionalDouble weightSum = OptionalDouble.empty();
        JsonNode w = node.get("weight_sum");
        if (w != null) {
            if (!w.isNumber() || !(w.asDouble() > 0) || !Double.isFinite(w.asDouble())) {
                throw error(path + ".weight_sum", "found " + w + ", expected a positive sum of weights");
            }
            weightSum = OptionalDouble.of(w.asDouble());
        }
        try {
            return HumanDistribution.of(q.scale(), byCode, n, weightSum, path);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(document + ": " + e.getMessage(), e);
        }
    }

    private Country country(String code, String path) {
        try {
            return new Country(code);
        } catch (IllegalArgumentException e) {
            throw error(path, "\"" + code + "\" is not an ISO 3166-1 alpha-3 code (three upper-case letters, e.g. DEU)");
        }
    }

    private int code(String key, String path) {
        try {
            int c = Integer.parseInt(key);
            if (c < 0) {
                throw new NumberFormatException();
            }
            return c;
        } catch (NumberFormatException e) {
            throw error(path + "." + key, "\"" + key + "\" is not an answer code (a non-negative integer)");
        }
    }

    private String text(JsonNode node, String path, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                throw error(path, "missing, expected a string");
            }
            return "";
        }
        if (!node.isTextual() || (required && node.asText().isBlank())) {
            throw error(path, "found " + node + ", expected a non-blank string");
        }
        return node.asText();
    }

    private String optionalText(JsonNode node, String path) {
        return text(node, path, false);
    }

    private void requireObject(JsonNode node, String path, String expected) {
        if (node == null || !node.isObject()) {
            throw error(path, (node == null ? "missing" : "found " + node.getNodeType().name().toLowerCase(Locale.ROOT))
                    + ", expected " + expected);
        }
    }

    private void checkFields(JsonNode node, Set<String> allowed, String path) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw error(path + "." + field, "unknown field (expected one of " + new java.util.TreeSet<>(allowed)
                        + ")");
            }
        }
    }

    InvalidInputException error(String path, String message) {
        return new InvalidInputException(document + ": " + path + ": " + message);
    }

    static String format(double x) {
        return new BigDecimal(x).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
