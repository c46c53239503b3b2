package org.culturalign.survey;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A survey item: its id (e.g. WVS {@code Q46}), thematic category (the WVS-7 questionnaire section), answer scale,
 * texts per language (BCP 47 tag, e.g. {@code en}, {@code de}, {@code zh}), and the recodes applied when raw survey
 * codes are read (from the WVS-7 answer adjustment list: a raw code mapped to another, or dropped as not an answer).
 *
 * @param id       stable id, unique within a {@link SurveyData}
 * @param category WVS thematic category, or empty string when the source has none
 * @param scale    the answer options
 * @param texts    wording per language; every text has exactly one label per option
 * @param recodes  raw survey code to its recode; a raw code whose recode {@link Recode#drop() drops} it is not an answer
 * @param battery  id of the battery the item belongs to (items asked as one block, e.g. "Q1-Q6"), or empty
 * @param source   where the item comes from, e.g. "WVS-7" or "GAS"
 */
public record Question(String id, String category, AnswerScale scale, Map<String, QuestionText> texts,
                       Map<Integer, Recode> recodes, String battery, String source) {

    /** @throws IllegalArgumentException when ids are blank or a text's label count differs from the scale */
    public Question {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("question id must not be blank");
        }
        if (scale == null) {
            throw new IllegalArgumentException("question " + id + " has no answer scale");
        }
        category = category == null ? "" : category;
        battery = battery == null ? "" : battery;
        source = source == null ? "" : source;
        texts = Collections.unmodifiableMap(new LinkedHashMap<>(texts == null ? Map.of() : texts));
        for (Map.Entry<String, QuestionText> e : texts.entrySet()) {
            if (e.getValue().optionLabels().size() != scale.size()) {
                throw new IllegalArgumentException("question " + id + " [" + e.getKey() + "] has "
                        + e.getValue().optionLabels().size() + " option labels, its scale has " + scale.size());
            }
        }
        recodes = Map.copyOf(recodes == null ? Map.of() : recodes);
    }

    /** The wording in a language, if the question has one. */
    public Optional<QuestionText> text(String language) {
        return Optional.ofNullable(texts.get(language));
    }

    /** Languages this question has a text in. */
    public Set<String> languages() {
        return texts.keySet();
    }

    /**
     * Maps a raw survey code to this question's scale code, applying recodes.
     *
     * @return the scale code, or empty when the raw code is not an answer (a missing code, dropped by a recode,
     *         or not on the scale)
     */
    public Optional<Integer> scaleCode(int rawCode) {
        Recode recode = recodes.get(rawCode);
        int code = rawCode;
        if (recode != null) {
            if (recode.drop()) {
                return Optional.empty();
            }
            code = recode.to();
        }
        return scale.positionOf(code) >= 0 ? Optional.of(code) : Optional.empty();
    }

    /**
     * One recode of a raw answer code.
     *
     * @param to   the code it becomes (ignored when {@code drop})
     * @param drop true when the raw code is not a valid answer (e.g. WVS-7 Q254 code 5, "I am not [nationality]")
     */
    public record Recode(int to, boolean drop) {
        /** A recode to another code. */
        public static Recode to(int code) {
            return new Recode(code, false);
        }

        /** A raw code that is not an answer. */
        public static Recode dropped() {
            return new Recode(-1, true);
        }
    }
}
