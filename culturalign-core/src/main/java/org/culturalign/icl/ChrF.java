package org.culturalign.icl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sentence-level chrF++ (Popović 2015, 2017) exactly as sacrebleu 2.x computes it with its defaults for chrF++
 * ({@code CHRF(word_order=2)}: char_order 6, word_order 2, beta 2, whitespace excluded, no lowercasing,
 * eps_smoothing off). Returns a score in [0, 100] like sacrebleu.
 *
 * <ul>
 *   <li>Character n-grams (n = 1..6) are taken from the sentence with every whitespace character removed
 *       ({@code ''.join(s.split())}), counting Unicode code points as Python does (not UTF-16 chars).</li>
 *   <li>Word n-grams (n = 1..2) are taken from sacrebleu's {@code _remove_punctuation} tokens: split on whitespace;
 *       a one-character word stays; otherwise if its last character is ASCII punctuation
 *       ({@code string.punctuation}) it is split off ({@code "(hi)"} gives {@code "(hi"}, {@code ")"}); else if its
 *       first character is, that is split off; at most one character per word. Word n-grams join tokens with one
 *       space.</li>
 *   <li>Per order: hyp = number of hypothesis n-grams (counted as 0 when the reference has no n-gram of that
 *       order), ref = number of reference n-grams, match = sum over hypothesis n-grams of min(count in hyp, count
 *       in ref).</li>
 *   <li>Orders with hyp &gt; 0 and ref &gt; 0 are "effective": precision match/hyp and recall match/ref are
 *       averaged over the effective orders only (sacrebleu's default, as in chrF before 2.0); other orders are
 *       ignored. With no effective order the score is 0.</li>
 *   <li>Score = 100 * (1 + beta^2) P R / (beta^2 P + R) of the averages, 0 when P + R = 0.</li>
 * </ul>
 *
 * <p>{@code ScipySacrebleuCrossCheckTest} compares this with sacrebleu's {@code sentence_score} on 744 cases (the
 * bundled texts, four scripts, punctuation, every Python whitespace character): the same doubles with sacrebleu 2.6.0.
 */
public final class ChrF {
    /** Character n-gram orders 1..6. */
    public static final int CHAR_ORDER = 6;
    /** Word n-gram orders 1..2 (the "++"). */
    public static final int WORD_ORDER = 2;
    /** Recall weighs beta = 2 times as much as precision. */
    public static final double BETA = 2.0;

    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private ChrF() {
    }

    /**
     * chrF++ of a hypothesis against one reference.
     *
     * @return the score in [0, 100]
     */
    public static double score(String hypothesis, String reference) {
        return score(Ngrams.of(hypothesis), Ngrams.of(reference));
    }

    /** chrF++ of pre-extracted n-grams (to extract the reference once when scoring many hypotheses). */
    public static double score(Ngrams hypothesis, Ngrams reference) {
        int orders = hypothesis.orders.size();
        int[] match = new int[orders];
        for (int i = 0; i < orders; i++) {
            Map<String, Integer> hyp = hypothesis.orders.get(i);
            Map<String, Integer> ref = reference.orders.get(i);
            // sum of min(count) over shared n-grams: symmetric, so walk the smaller map
            Map<String, Integer> small = hyp.size() <= ref.size() ? hyp : ref;
            Map<String, Integer> large = small == hyp ? ref : hyp;
            for (Map.Entry<String, Integer> e : small.entrySet()) {
                Integer r = large.get(e.getKey());
                if (r != null) {
                    match[i] += Math.min(e.getValue(), r);
                }
            }
        }
        return fromCounts(match, hypothesis.totals, reference.totals, 0);
    }

    /**
     * chrF++ from per-order counts (the arithmetic of {@link #score(Ngrams, Ngrams)}, shared with
     * {@link ChrfIndex}): {@code match[offset + i]} shared n-grams of order i, {@code hypTotals[i]} and
     * {@code refTotals[i]} the n-gram counts. A hypothesis order counts as empty when the reference has none.
     */
    static double fromCounts(int[] match, int[] hypTotals, int[] refTotals, int offset) {
        double factor = BETA * BETA;
        double avgPrecision = 0;
        double avgRecall = 0;
        int effective = 0;
        for (int i = 0; i < refTotals.length; i++) {
            int refCount = refTotals[i];
            int hypCount = refCount == 0 ? 0 : hypTotals[i];
            if (hypCount > 0 && refCount > 0) {
                avgPrecision += (double) match[offset + i] / hypCount;
                avgRecall += (double) match[offset + i] / refCount;
                effective++;
            }
        }
        if (effective == 0) {
            return 0.0;
        }
        avgPrecision /= effective;
        avgRecall /= effective;
        if (avgPrecision + avgRecall == 0) {
            return 0.0;
        }
        // sacrebleu's order of operations (scale by 100 last), so scores are the same doubles as sentence_score's
        return 100 * ((1 + factor) * avgPrecision * avgRecall / (factor * avgPrecision + avgRecall));
    }

    /**
     * sacrebleu's chrF++ word tokenisation ({@code CHRF._remove_punctuation}); see the class comment.
     *
     * @return the tokens, in order
     */
    public static List<String> words(String sentence) {
        List<String> tokens = new ArrayList<>();
        for (String w : splitWhitespace(sentence)) {
            int n = w.codePointCount(0, w.length());
            if (n == 1) {
                tokens.add(w);
                continue;
            }
            int last = w.codePointBefore(w.length());
            int first = w.codePointAt(0);
            if (isPunctuation(last)) {
                tokens.add(w.substring(0, w.length() - Character.charCount(last)));
                tokens.add(new String(Character.toChars(last)));
            } else if (isPunctuation(first)) {
                tokens.add(new String(Character.toChars(first)));
                tokens.add(w.substring(Character.charCount(first)));
            } else {
                tokens.add(w);
            }
        }
        return tokens;
    }

    private static boolean isPunctuation(int codePoint) {
        return codePoint < 128 && PUNCTUATION.indexOf(codePoint) >= 0;
    }

    /** Python's {@code str.split()}: runs of whitespace separate, leading/trailing whitespace ignored. */
    static List<String> splitWhitespace(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (isPythonSpace(cp)) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.appendCodePoint(cp);
            }
        });
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    /** Python's {@code str.isspace()}: Unicode whitespace incl. no-break spaces and the ASCII separators 0x1C-0x1F. */
    static boolean isPythonSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }

    private static int total(Map<String, Integer> counts) {
        int sum = 0;
        for (int c : counts.values()) {
            sum += c;
        }
        return sum;
    }

    /** The character (1..6) and word (1..2) n-gram counts of one sentence, in that order. */
    public static final class Ngrams {
        private final List<Map<String, Integer>> orders;
        /** The number of n-grams of each order (sum of counts), computed once. */
        private final int[] totals;

        private Ngrams(List<Map<String, Integer>> orders) {
            this.orders = orders;
            this.totals = new int[orders.size()];
            for (int i = 0; i < totals.length; i++) {
                totals[i] = total(orders.get(i));
            }
        }

        /** The number of orders (character orders, then word orders). */
        int orderCount() {
            return orders.size();
        }

        /** The n-gram counts of order index i. */
        Map<String, Integer> order(int i) {
            return orders.get(i);
        }

        /** The n-gram totals per order (do not modify). */
        int[] totals() {
            return totals;
        }

        /** Extracts the n-grams of a sentence. */
        public static Ngrams of(String sentence) {
            List<Map<String, Integer>> orders = new ArrayList<>(CHAR_ORDER + WORD_ORDER);
            int[] chars = String.join("", splitWhitespace(sentence)).codePoints().toArray();
            for (int n = 1; n <= CHAR_ORDER; n++) {
                Map<String, Integer> counts = new HashMap<>();
                for (int i = 0; i + n <= chars.length; i++) {
                    counts.merge(new String(chars, i, n), 1, Integer::sum);
                }
                orders.add(counts);
            }
            List<String> words = words(sentence);
            for (int n = 1; n <= WORD_ORDER; n++) {
                Map<String, Integer> counts = new HashMap<>();
                for (int i = 0; i + n <= words.size(); i++) {
                    counts.merge(String.join(" ", words.subList(i, i + n)), 1, Integer::sum);
                }
                orders.add(counts);
            }
            return new Ngrams(orders);
        }
    }
}
