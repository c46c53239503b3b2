package org.culturalign.survey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.culturalign.io.Sha256;

/**
 * The embedded default data: a sample of World Values Survey wave 7 value items with the project's own texts in
 * several languages and per-country answer shares derived from published WVS-7 figures (unweighted, renormalised
 * over valid answers). Citation and derivation rules: {@code NOTICE.md} next to the resources.
 *
 * <p>Resources under {@value #RESOURCE_DIR}: {@code questions.json} (the catalog: categories, scales, recodes,
 * batteries, languages), {@code texts/<language>.json} (one file per language, so that translators work per
 * language) and {@code shares.json} (the figures, re-derived by {@code tools/derive_wvs7_sample.py}).
 */
public final class BundledSample {
    /** Class-path folder of the sample's resources. */
    public static final String RESOURCE_DIR = "/org/culturalign/survey/wvs7/";
    /** What the sample is called in messages and provenance. */
    public static final String NAME = "bundled WVS-7 sample";

    private BundledSample() {
    }

    /**
     * The bundled sample, loaded and validated once, then cached.
     *
     * @throws IllegalStateException when the bundled resources are broken (a build defect, not user input)
     */
    public static SurveyData load() {
        return Holder.DATA;
    }

    private static final class Holder {
        static final SurveyData DATA = read();
    }

    private static SurveyData read() {
        try {
            return assemble();
        } catch (org.culturalign.InvalidInputException e) {
            throw new IllegalStateException("the bundled sample is broken: " + e.getMessage(), e);
        }
    }

    private static SurveyData assemble() {
        byte[] catalogBytes = resource("questions.json");
        byte[] sharesBytes = resource("shares.json");
        List<byte[]> all = new ArrayList<>(List.of(catalogBytes, sharesBytes));
        ObjectNode catalog = (ObjectNode) SurveyJson.tree(NAME + " questions.json", catalogBytes);
        for (JsonNode lang : catalog.path("languages")) {
            String language = lang.asText();
            String file = "texts/" + language + ".json";
            byte[] bytes = resource(file);
            all.add(bytes);
            mergeTexts(catalog, language, file, SurveyJson.tree(NAME + " " + file, bytes));
        }
        catalog.set("countries", SurveyJson.tree(NAME + " shares.json", sharesBytes).path("countries"));
        String sha = Sha256.hex(all.toArray(new byte[0][]));
        return new SurveyJsonReader(NAME).read(catalog, sha);
    }

    /** Puts each text of a language file into its question's {@code texts} object. */
    private static void mergeTexts(ObjectNode catalog, String language, String file, JsonNode texts) {
        if (!language.equals(texts.path("language").asText())) {
            throw new IllegalStateException(NAME + " " + file + ": language is '" + texts.path("language").asText()
                    + "', expected '" + language + "'");
        }
        Map<String, ObjectNode> byId = new java.util.HashMap<>();
        for (JsonNode q : catalog.path("questions")) {
            byId.put(q.path("id").asText(), (ObjectNode) q);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = texts.path("texts").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ObjectNode q = byId.get(e.getKey());
            if (q == null) {
                throw new IllegalStateException(NAME + " " + file + ": texts." + e.getKey()
                        + " is not a question of questions.json");
            }
            ObjectNode qTexts = q.has("texts") ? (ObjectNode) q.get("texts") : q.putObject("texts");
            qTexts.set(language, e.getValue());
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = BundledSample.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled resource " + RESOURCE_DIR + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
