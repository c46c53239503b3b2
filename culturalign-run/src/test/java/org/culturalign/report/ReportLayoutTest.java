package org.culturalign.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a reader sees: the subtitle's wording, chart ranges that hold every plotted point, the drill-down spread. */
class ReportLayoutTest {

    @Test
    void theSubtitleNamesTheRunsDataSourceAndCitesTheMetricsOriginNotAsData() throws Exception {
        String html = Reporter.render(List.of(RunReader.read(ReportInChromiumTest.smallRun())));
        String sub = html.substring(html.indexOf("<p class=\"sub\">"), html.indexOf("</header>"));
        // provenance.data of the fixture: name "bundled WVS-7 sample", version "wvs7-sample/1"
        assertThat(sub).contains("data: <span class=\"data-source\">bundled WVS-7 sample (wvs7-sample/1)</span>")
                .contains("1 − Jensen–Shannon distance").contains("(as in Durmus et al. 2023)")
                .doesNotContain("GlobalOpinionQA");
    }
}
