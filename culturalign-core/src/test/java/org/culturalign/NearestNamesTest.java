package org.culturalign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearestNamesTest {
    @Test
    void didYouMeanNamesTheClosestValidNameCaseInsensitively() {
        // DUE -> DEU: two substitutions; DUE -> USA: three edits
        assertThat(NearestNames.didYouMean("DUE", List.of("USA", "DEU"), 2)).isEqualTo("; did you mean DEU?");
        assertThat(NearestNames.didYouMean("deu", List.of("USA", "DEU"), 2)).isEqualTo("; did you mean DEU?");
    }

    @Test
    void didYouMeanIsEmptyWhenTheClosestNameIsFurtherThanTheLimit() {
        // xyz -> DEU: three substitutions
        assertThat(NearestNames.didYouMean("xyz", List.of("DEU"), 2)).isEmpty();
        assertThat(NearestNames.didYouMean("xyz", List.of("DEU"), 3)).isEqualTo("; did you mean DEU?");
        assertThat(NearestNames.didYouMean("xyz", List.of(), 3)).isEmpty();
    }

    @Test
    void didYouMeanBreaksTiesByNameNotByListOrder() {
        assertThat(NearestNames.didYouMean("ab", List.of("ac", "aa"), 2)).isEqualTo("; did you mean aa?");
    }

    @Test
    void nearestListsUpToMaxNamesWithPrefixesCountingAsOneEdit() {
        // "rand" is a prefix of "random" (distance 1); "band" is one substitution away; "chrf" four
        assertThat(NearestNames.nearestList("rand", List.of("chrf", "band", "random"), 2)).isEqualTo("band, random");
    }
}
