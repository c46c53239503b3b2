package org.culturalign.icl;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.culturalign.survey.Question;

/**
 * {@code category}: k candidates drawn at random from the test item's WVS category (the paper's category selector).
 * When the category has fewer than k candidates (or the test item has no category), all of them are taken and the
 * rest is filled with a random draw from the other candidates; the selection then says {@code fellBack} and why.
 * Shown order: the in-category draws first, then the fill-up.
 */
public final class CategorySelector implements DemonstrationSelector {
    /** The name on the command line. */
    public static final String NAME = "category";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Selection select(SelectionRequest request) {
        List<Question> candidates = Candidates.prepare(request);
        String category = request.test().category();
        List<Question> same = new ArrayList<>();
        List<Question> other = new ArrayList<>();
        for (Question q : candidates) {
            (!category.isEmpty() && category.equals(q.category()) ? same : other).add(q);
        }
        Random random = Candidates.random(request, NAME);
        if (same.size() >= request.k()) {
            return Selection.of(Candidates.ids(Candidates.draw(same, request.k(), random)));
        }
        List<String> ids = new ArrayList<>(Candidates.ids(Candidates.draw(same, same.size(), random)));
        int fill = request.k() - same.size();
        ids.addAll(Candidates.ids(Candidates.draw(other, fill, random)));
        String note = (category.isEmpty() ? request.test().id() + " has no category"
                : "only " + same.size() + " candidates in category '" + category + "'")
                + " for " + request.country() + "/" + request.language() + "; filled " + fill + " at random";
        return new Selection(ids, true, note);
    }
}
