package org.culturalign.icl;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.culturalign.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The core alone (no culturalign-embedding on the test class path) names the missing module. */
class SelectorNotInstalledTest {
    @Test
    void askingForTheEmbeddingSelectorWithoutItsModuleSaysWhichModuleIsMissing() {
        assertThatThrownBy(() -> DemonstrationSelectors.byName("embedding"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("demonstration selector 'embedding' is not installed: it needs the "
                        + "culturalign-embedding module")
                .hasMessageContaining("available now: random, category, chrf, fixed:Q1,Q2,...");
    }
}
