package org.culturalign.icl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.culturalign.InvalidInputException;
import org.culturalign.probe.ProbeFormat;
import org.culturalign.survey.Question;

/**
 * The questions that may serve as demonstrations for a request, and the seeded draws every selector shares.
 *
 * <p>A candidate: is not the test question; has a distribution for the target country; has a text in the probe
 * language; for binary probes, has a binary form (an ordinal scale); when {@code excludeBattery}, is not in the test
 * item's battery. Candidates are returned sorted by id ({@link String#compareTo}), the canonical order that makes
 * selections independent of catalog order.
 */
public final class Candidates {
    private Candidates() {
    }

    /** The candidate questions of a request, sorted by id. */
    public static List<Question> of(SelectionRequest r) {
        List<Question> out = new ArrayList<>();
        for (Question q : r.data().questions()) {
            if (isCandidate(r, q)) {
                out.add(q);
            }
        }
        out.sort(Comparator.comparing(Question::id));
        return out;
    }

    /** Whether one question may be a demonstration for the request (see the class comment). */
    public static boolean isCandidate(SelectionRequest r, Question q) {
        if (q.id().equals(r.test().id())) {
            return false;
        }
        if (r.data().distribution(r.country(), q.id()).isEmpty() || q.text(r.language()).isEmpty()) {
            return false;
        }
        if (r.format() == ProbeFormat.BINARY && !q.scale().isOrdinal()) {
            return false;
        }
        return !(r.excludeBattery() && !r.test().battery().isEmpty() && r.test().battery().equals(q.battery()));
    }

    /**
     * Draws {@code k} items without replacement by a partial Fisher-Yates shuffle with {@link Random} (its algorithm
     * is specified by the JDK, so draws are identical on every JVM).
     */
    static <T> List<T> draw(List<T> items, int k, Random random) {
        List<T> pool = new ArrayList<>(items);
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(pool.size() - i);
            T tmp = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, tmp);
        }
        return List.copyOf(pool.subList(0, k));
    }

    /** The random stream of one selection: a pure function of (seed, country, language, question, selector, k). */
    static Random random(SelectionRequest r, String selector) {
        return new Random(StableSeed.of("select", r.seed(), r.country().code(), r.language(), r.test().id(),
                selector, r.k()));
    }

    /**
     * The first step of every selector: the candidates of a request ({@link #of}, sorted by id), refusing a request
     * for more demonstrations than there are candidates (so every selector, also outside this package, words that
     * refusal the same).
     *
     * @throws InvalidInputException when there are fewer candidates than k
     */
    public static List<Question> prepare(SelectionRequest r) {
        List<Question> candidates = of(r);
        if (candidates.size() < r.k()) {
            throw new InvalidInputException(r.k() + " demonstrations asked for " + r.test().id() + " ("
                    + r.country() + ", " + r.language() + ", format " + r.format().cliName() + ") but only "
                    + candidates.size() + " other questions have data and a text"
                    + (r.excludeBattery() ? " outside the item's battery" : "") + "; use --shots "
                    + candidates.size() + " or fewer");
        }
        return candidates;
    }

    /**
     * The candidate questions for free text, sorted by id: a distribution for the country and a text in the language
     * (there is no test item to exclude).
     *
     * @throws InvalidInputException when there are fewer candidates than k
     */
    public static List<Question> forText(TextSelectionRequest r) {
        List<Question> out = new ArrayList<>();
        for (Question q : r.data().questions()) {
            if (isCandidateForText(r, q)) {
                out.add(q);
            }
        }
        out.sort(Comparator.comparing(Question::id));
        if (out.size() < r.k()) {
            throw new InvalidInputException(r.k() + " demonstrations asked for " + r.country() + " in "
                    + r.language() + " but only " + out.size() + " questions have data and a text");
        }
        return out;
    }

    /** Whether one question may be a demonstration for free text: the country's data and a text in the language. */
    public static boolean isCandidateForText(TextSelectionRequest r, Question q) {
        return q.text(r.language()).isPresent() && r.data().distribution(r.country(), q.id()).isPresent();
    }

    /** The random stream of one free-text selection: a pure function of (seed, country, language, text, k). */
    static Random random(TextSelectionRequest r, String selector) {
        return new Random(StableSeed.of("select-text", r.seed(), r.country().code(), r.language(), r.text(),
                selector, r.k()));
    }

    static List<String> ids(List<Question> qs) {
        return qs.stream().map(Question::id).toList();
    }
}
