package org.culturalign.icl;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * chrF++ against values worked out by hand with sacrebleu's rules (char orders 1-6 without whitespace, word orders
 * 1-2, beta 2; per order hyp/ref/match counts; orders where hyp or ref has no n-gram are ignored; precision and
 * recall averaged over the remaining "effective" orders; F = 5PR / (4P + R), times 100).
 */
class ChrFTest {
    private static final Offset<Double> EPS = Offset.offset(1e-6);

    @Test
    void aPrefixHypothesisScoresFourteenThirtyThirds() {
        // hyp "ab", ref "abc"
        // char 1: hyp {a,b}=2, ref {a,b,c}=3, match 2 -> P 1, R 2/3
        // char 2: hyp {ab}=1, ref {ab,bc}=2, match 1 -> P 1, R 1/2
        // char 3: hyp none -> hyp count 0 -> not effective; chars 4-6: none on either side
        // word 1: hyp [ab], ref [abc], match 0 -> P 0, R 0 (effective); word 2: none
        // 3 effective orders: P = (1+1+0)/3 = 2/3, R = (2/3+1/2+0)/3 = 7/18
        // F = 5 * 2/3 * 7/18 / (4 * 2/3 + 7/18) = (70/54) / (55/18) = 14/33
        assertThat(ChrF.score("ab", "abc")).isCloseTo(100.0 * 14 / 33, EPS);
    }

    @Test
    void repeatedNgramsAreClippedByTheReferenceCount() {
        // hyp "aa", ref "a"
        // char 1: hyp {a:2}=2, ref {a:1}=1, match min(2,1)=1 -> P 1/2, R 1
        // char 2: hyp {aa}, ref has no 2-gram -> hyp counted 0, not effective
        // word 1: hyp [aa], ref [a], match 0 -> P 0, R 0
        // P = (1/2+0)/2 = 1/4, R = (1+0)/2 = 1/2; F = 5 * 1/8 / (1 + 1/2) = 5/12
        assertThat(ChrF.score("aa", "a")).isCloseTo(100.0 * 5 / 12, EPS);
    }

    @Test
    void trailingPunctuationIsSplitOffWordsButKeptInCharacters() {
        // hyp "a b." -> chars "ab." ; words [a, b, .]      ref "b a" -> chars "ba" ; words [b, a]
        // char 1: hyp {a,b,.}=3, ref {b,a}=2, match 2 -> P 2/3, R 1
        // char 2: hyp {ab, b.}=2, ref {ba}=1, match 0 -> P 0, R 0
        // char 3: ref has none -> not effective
        // word 1: hyp {a,b,.}=3, ref {b,a}=2, match 2 -> P 2/3, R 1
        // word 2: hyp {"a b","b ."}=2, ref {"b a"}=1, match 0 -> P 0, R 0
        // P = (2/3+0+2/3+0)/4 = 1/3, R = (1+0+1+0)/4 = 1/2; F = 5 * 1/6 / (4/3 + 1/2) = 5/11
        assertThat(ChrF.score("a b.", "b a")).isCloseTo(100.0 * 5 / 11, EPS);
    }

    @Test
    void chineseIsScoredByCodePointsAndOneWordPerUnspacedSentence() {
        // hyp "家庭重要" (4 chars), ref "家庭很重要" (5 chars); no spaces: each sentence is one word
        // char 1: hyp 4, ref 5, match 4 (家 庭 重 要) -> P 1, R 4/5
        // char 2: hyp {家庭, 庭重, 重要}=3, ref {家庭, 庭很, 很重, 重要}=4, match 2 -> P 2/3, R 1/2
        // char 3: hyp {家庭重, 庭重要}=2, ref {家庭很, 庭很重, 很重要}=3, match 0 -> P 0, R 0
        // char 4: hyp {家庭重要}=1, ref {家庭很重, 庭很重要}=2, match 0 -> P 0, R 0
        // char 5: hyp none -> not effective; char 6: none
        // word 1: hyp [家庭重要], ref [家庭很重要], match 0 -> P 0, R 0; word 2: none
        // 5 effective: P = (1 + 2/3)/5 = 1/3, R = (4/5 + 1/2)/5 = 13/50
        // F = 5 * 13/150 / (4/3 + 13/50) = (65/150) / (239/150) = 65/239
        assertThat(ChrF.score("家庭重要", "家庭很重要")).isCloseTo(100.0 * 65 / 239, EPS);
    }

    @Test
    void identicalSentencesScoreHundredAndDisjointOnesZero() {
        assertThat(ChrF.score("How important is God in your life?", "How important is God in your life?"))
                .isCloseTo(100.0, EPS);
        assertThat(ChrF.score("xyz", "abc")).isEqualTo(0.0);
        assertThat(ChrF.score("", "abc")).isEqualTo(0.0);
        assertThat(ChrF.score("abc", "")).isEqualTo(0.0);
    }

    @Test
    void wordTokenisationFollowsSacrebleuRemovePunctuation() {
        // one character per word at most: the last if punctuation, else the first; one-char words stay whole;
        // only ASCII (string.punctuation) counts, so the Chinese full-width question mark stays attached
        assertThat(ChrF.words("(hi) x, y \"quoted\" ,  -dash 幸福吗？"))
                .containsExactly("(hi", ")", "x", ",", "y", "\"quoted", "\"", ",", "-", "dash", "幸福吗？");
        assertThat(ChrF.words("  a\u00A0b\tc\n")).containsExactly("a", "b", "c");
    }
}
