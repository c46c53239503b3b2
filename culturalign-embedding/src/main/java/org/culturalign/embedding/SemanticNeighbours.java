package org.culturalign.embedding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.culturalign.survey.Question;
import org.culturalign.survey.QuestionText;

/**
 * Finds the questions closest in meaning to a test question: cosine similarity of sentence embeddings of their
 * English wording. A question is the same question in every language, so one English embedding serves all test
 * languages and the ranking (hence the chosen demonstrations) is identical across languages; all-MiniLM-L6-v2 is
 * English-only (an English/German pair of the same sentence scores ~0.35), which is why the English text is used.
 * A question without an English text is embedded in the test language instead, and counted so callers can say so.
 */
public final class SemanticNeighbours {
    /** The language whose wording is embedded. */
    public static final String EMBEDDING_LANGUAGE = "en";

    private final TextEmbedder embedder;

    /** @param embedder the sentence embedder (usually a {@link CachedEmbedder}) */
    public SemanticNeighbours(TextEmbedder embedder) {
        this.embedder = embedder;
    }

    /**
     * The ranking of some candidates and how many were embedded outside English.
     *
     * @param ranked            at most k candidates, most similar first, ties by id
     * @param nonEnglishTexts   ids (test question included) embedded in the fallback language, in input order
     */
    public record Neighbours(List<SimilarityRanking.Ranked> ranked, List<String> nonEnglishTexts) {
        /** Ids of {@link #ranked()}, in rank order. */
        public List<String> ids() {
            return ranked.stream().map(SimilarityRanking.Ranked::id).toList();
        }
    }

    /**
     * The {@code k} candidates most similar to {@code test}.
     *
     * @param test             the test question
     * @param candidates       the eligible questions (the caller applies the candidate rules); must not contain
     *                         {@code test}
     * @param fallbackLanguage language whose text is embedded when a question has no English text
     * @param k                how many to return (fewer when there are fewer candidates)
     * @throws IllegalArgumentException when a question has neither an English nor a fallback-language text, or the
     *                                  test question is among the candidates
     * @throws EmbeddingException       when the model cannot run
     */
    public Neighbours nearest(Question test, List<Question> candidates, String fallbackLanguage, int k) {
        List<String> nonEnglish = new ArrayList<>();
        List<String> texts = new ArrayList<>(candidates.size() + 1);
        texts.add(textOf(test, fallbackLanguage, nonEnglish));
        for (Question q : candidates) {
            if (q.id().equals(test.id())) {
                throw new IllegalArgumentException("the test question " + test.id() + " cannot be its own candidate");
            }
            texts.add(textOf(q, fallbackLanguage, nonEnglish));
        }
        List<float[]> vectors = embedder.embed(texts);
        Map<String, float[]> byId = new LinkedHashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            byId.put(candidates.get(i).id(), vectors.get(i + 1));
        }
        return new Neighbours(SimilarityRanking.topK(vectors.get(0), byId, k), List.copyOf(nonEnglish));
    }

    /**
     * The {@code k} candidates most similar to free text (e.g. a chat message), embedded as given.
     *
     * @param text             the text (any language; the model is English-only, so other languages rank roughly)
     * @param candidates       the eligible questions
     * @param fallbackLanguage language whose text is embedded when a question has no English text
     * @param k                how many to return (fewer when there are fewer candidates)
     * @throws EmbeddingException when the model cannot run
     */
    public Neighbours nearestToText(String text, List<Question> candidates, String fallbackLanguage, int k) {
        List<String> nonEnglish = new ArrayList<>();
        List<String> texts = new ArrayList<>(candidates.size() + 1);
        texts.add(text);
        for (Question q : candidates) {
            texts.add(textOf(q, fallbackLanguage, nonEnglish));
        }
        List<float[]> vectors = embedder.embed(texts);
        Map<String, float[]> byId = new LinkedHashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            byId.put(candidates.get(i).id(), vectors.get(i + 1));
        }
        return new Neighbours(SimilarityRanking.topK(vectors.get(0), byId, k), List.copyOf(nonEnglish));
    }

    /**
     * The sentence embedded for a question: its English question wording (without option labels or instruction,
     * which are shared by whole batteries and would swamp the topic), else its wording in {@code fallbackLanguage}.
     *
     * @throws IllegalArgumentException when it has neither
     */
    public static String embeddingText(Question q, String fallbackLanguage) {
        return q.text(EMBEDDING_LANGUAGE).or(() -> q.text(fallbackLanguage)).map(QuestionText::question)
                .orElseThrow(() -> new IllegalArgumentException("question " + q.id() + " has no text in "
                        + EMBEDDING_LANGUAGE + " or " + fallbackLanguage));
    }

    private static String textOf(Question q, String fallbackLanguage, List<String> nonEnglish) {
        if (q.text(EMBEDDING_LANGUAGE).isEmpty()) {
            nonEnglish.add(q.id());
        }
        return embeddingText(q, fallbackLanguage);
    }
}
