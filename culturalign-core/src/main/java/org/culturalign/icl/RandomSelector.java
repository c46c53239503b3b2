package org.culturalign.icl;

import java.util.List;
import org.culturalign.survey.Question;

/** {@code random}: k candidates drawn uniformly without replacement (the paper's fully random selector). */
public final class RandomSelector implements DemonstrationSelector {
    /** The name on the command line. */
    public static final String NAME = "random";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Selection select(SelectionRequest request) {
        List<Question> candidates = Candidates.prepare(request);
        return Selection.of(Candidates.ids(Candidates.draw(candidates, request.k(),
                Candidates.random(request, NAME))));
    }

    /** k candidates drawn uniformly, seeded by (seed, country, language, text, k): the same text draws the same. */
    @Override
    public Selection selectForText(TextSelectionRequest request) {
        List<Question> candidates = Candidates.forText(request);
        return Selection.of(Candidates.ids(Candidates.draw(candidates, request.k(),
                Candidates.random(request, NAME))));
    }
}
