package org.culturalign.icl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.culturalign.InvalidInputException;
import org.culturalign.NearestNames;
import org.culturalign.survey.Question;

/**
 * {@code fixed:Q1,Q2,...}: the demonstrations the user pinned, in the given order; the first k are used. Each id must
 * be a question of the data, not the test question, with data for the country and a text in the language (and a
 * binary form for binary probes). The battery setting does not apply: pinned ids are the user's explicit choice.
 */
public final class FixedSelector implements DemonstrationSelector {
    /** The name prefix on the command line. */
    public static final String PREFIX = "fixed:";

    private final List<String> ids;

    /**
     * @param ids the pinned question ids, at least one, distinct
     * @throws InvalidInputException for an empty list or a repeated id
     */
    public FixedSelector(List<String> ids) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String id : ids) {
            String t = id.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (!distinct.add(t)) {
                throw new InvalidInputException("selector " + PREFIX + String.join(",", ids) + ": " + t
                        + " is listed twice");
            }
        }
        if (distinct.isEmpty()) {
            throw new InvalidInputException("selector fixed needs question ids, e.g. fixed:Q1,Q2,Q3");
        }
        this.ids = List.copyOf(distinct);
    }

    /** Parses {@code fixed:Q1,Q2,...}. */
    static FixedSelector parse(String name) {
        return new FixedSelector(List.of(name.substring(PREFIX.length()).split(",", -1)));
    }

    /** The pinned ids, in order. */
    public List<String> ids() {
        return ids;
    }

    @Override
    public String name() {
        return PREFIX + String.join(",", ids);
    }

    @Override
    public Selection select(SelectionRequest request) {
        if (request.k() > ids.size()) {
            throw new InvalidInputException(request.k() + " demonstrations asked but selector " + name()
                    + " pins only " + ids.size());
        }
        SelectionRequest noBattery = new SelectionRequest(request.data(), request.test(), request.country(),
                request.language(), request.k(), request.seed(), false, request.format());
        List<String> chosen = new ArrayList<>();
        for (String id : ids.subList(0, request.k())) {
            Question q = request.data().question(id).orElseThrow(() -> new InvalidInputException("selector "
                    + name() + ": no question " + id + " in " + request.data().source().name()
                    + NearestNames.didYouMean(id, request.data().questions().stream()
                    .map(Question::id).toList(), 3)));
            if (q.id().equals(request.test().id())) {
                throw new InvalidInputException("selector " + name() + ": " + id
                        + " is the test question itself; a question cannot demonstrate itself");
            }
            if (!Candidates.isCandidate(noBattery, q)) {
                throw new InvalidInputException("selector " + name() + ": " + id + " cannot be a demonstration for "
                        + request.country() + " in " + request.language() + " (needs the country's data, a text in "
                        + "the language" + (request.format() == org.culturalign.probe.ProbeFormat.BINARY
                        ? " and an ordinal scale for binary probes" : "") + ")");
            }
            chosen.add(id);
        }
        return Selection.of(chosen);
    }

    /** The first k pinned ids; each must have the country's data and a text in the language. */
    @Override
    public Selection selectForText(TextSelectionRequest request) {
        if (request.k() > ids.size()) {
            throw new InvalidInputException(request.k() + " demonstrations asked but selector " + name()
                    + " pins only " + ids.size());
        }
        List<String> chosen = new ArrayList<>();
        for (String id : ids.subList(0, request.k())) {
            Question q = request.data().question(id).orElseThrow(() -> new InvalidInputException("selector "
                    + name() + ": no question " + id + " in " + request.data().source().name()));
            if (!Candidates.isCandidateForText(request, q)) {
                throw new InvalidInputException("selector " + name() + ": " + id + " cannot be a demonstration for "
                        + request.country() + " in " + request.language()
                        + " (needs the country's data and a text in the language)");
            }
            chosen.add(id);
        }
        return Selection.of(chosen);
    }
}
