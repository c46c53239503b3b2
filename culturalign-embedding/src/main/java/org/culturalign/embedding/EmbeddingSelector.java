package org.culturalign.embedding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.culturalign.InvalidInputException;
import org.culturalign.icl.Candidates;
import org.culturalign.icl.DemonstrationSelector;
import org.culturalign.icl.Selection;
import org.culturalign.icl.SelectionRequest;
import org.culturalign.icl.TextSelectionRequest;
import org.culturalign.survey.Question;

/**
 * {@code embedding}: the k candidates closest in meaning to the test item, by cosine similarity of all-MiniLM-L6-v2
 * sentence embeddings of the questions' English wording ({@link SemanticNeighbours}); beyond Choenni &amp; Shutova
 * (2024), whose similarity selector is surface chrF++. Candidates follow the shared rules ({@link Candidates}); ties
 * are broken by question id; no randomness (the seed is unused), so the choice is a pure function of the request
 * and, because the English text is embedded, the same in every probe language.
 *
 * <p>Shown order: ascending similarity, so the most similar demonstration stands right before the test question, as
 * for {@code chrf}. {@link Selection#fellBack()} is true when some question had no English text and was embedded in
 * the probe language (the model is English-only); the note names them.
 *
 * <p>Found by {@link java.util.ServiceLoader} ({@code META-INF/services/org.culturalign.icl.DemonstrationSelector}).
 * The model is loaded on the first selection with k &gt; 0, not when the selector is created.
 */
public final class EmbeddingSelector implements DemonstrationSelector {
    /** The name on the command line. */
    public static final String NAME = "embedding";

    private final TextEmbedder embedder;

    /** The selector with this JVM's shared model and the default on-disk cache (for {@link java.util.ServiceLoader}). */
    public EmbeddingSelector() {
        this(null);
    }

    /** @param embedder the embedder to rank with, or null for this JVM's shared, disk-cached all-MiniLM-L6-v2 */
    public EmbeddingSelector(TextEmbedder embedder) {
        this.embedder = embedder;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * @throws InvalidInputException when fewer candidates than k exist (naming both numbers)
     * @throws EmbeddingException    when the embedding model cannot be loaded or run
     */
    @Override
    public Selection select(SelectionRequest request) {
        List<Question> candidates = Candidates.prepare(request);
        if (request.k() == 0) {
            return Selection.of(List.of());
        }
        SemanticNeighbours.Neighbours nearest = new SemanticNeighbours(embedder())
                .nearest(request.test(), candidates, request.language(), request.k());
        return shownAscending(nearest, request.language());
    }

    /**
     * The k candidates closest in meaning to free text (the text embedded as given, the questions' English wording),
     * shown in ascending similarity. {@link Selection#fellBack()} when some question had no English text.
     *
     * @throws InvalidInputException when fewer candidates than k exist
     * @throws EmbeddingException    when the embedding model cannot be loaded or run
     */
    @Override
    public Selection selectForText(TextSelectionRequest request) {
        List<Question> candidates = Candidates.forText(request);
        if (request.k() == 0) {
            return Selection.of(List.of());
        }
        SemanticNeighbours.Neighbours nearest = new SemanticNeighbours(embedder())
                .nearestToText(request.text(), candidates, request.language(), request.k());
        return shownAscending(nearest, request.language());
    }

    /** The neighbours in ascending similarity (the closest last, next to the test question), flagged when rough. */
    private static Selection shownAscending(SemanticNeighbours.Neighbours nearest, String language) {
        List<String> shown = new ArrayList<>(nearest.ids());
        Collections.reverse(shown);
        if (nearest.nonEnglishTexts().isEmpty()) {
            return Selection.of(shown);
        }
        return new Selection(shown, true, "no English text for " + String.join(", ", nearest.nonEnglishTexts())
                + ": embedded in " + language + " by an English-only model, similarity is rough");
    }

    private TextEmbedder embedder() {
        return embedder != null ? embedder : Shared.EMBEDDER;
    }

    /** One cached embedder per JVM: the in-memory cache then serves every selection of a run. */
    private static final class Shared {
        static final TextEmbedder EMBEDDER = new CachedEmbedder(MiniLmEmbedder.shared(),
                EmbeddingCache.atDefaultLocation());
    }
}
