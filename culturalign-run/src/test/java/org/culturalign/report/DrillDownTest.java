package org.culturalign.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DrillDownTest {
    private static Sample sample(String question, String country, int shots) {
        return new Sample("m", country, "en", question, "cat", shots, shots > 0 ? "chrf" : "none", "full", false,
                "completion", List.of(), "", "prompt " + question + " " + country + " " + shots, List.of(" A", " B"),
                new int[] {1, 2}, new double[] {0.5, 0.5}, new double[] {0.5, 0.5}, 1.0, Map.of());
    }

    private static String show(Sample s) {
        return s.questionId() + "/" + s.country() + "/" + s.shots();
    }

    @Test
    void questionsTakeTurnsEachStartingAtItsOwnCellWithKShotCellsFirst() {
        // file order: 0-shot cell first, as eval writes it; cells: USA/3 (k-shot, rank 0), USA/0 (rank 1)
        List<Sample> samples = List.of(sample("Q1", "USA", 0), sample("Q2", "USA", 0), sample("Q3", "USA", 0),
                sample("Q1", "USA", 3), sample("Q2", "USA", 3), sample("Q3", "USA", 3));
        List<Integer> picked = DrillDown.pick(samples, 4);
        // round 1: Q1 -> cell 0 (USA/3), Q2 -> cell 1 (USA/0), Q3 -> cell 0 (USA/3); round 2: Q1 -> cell 1 (USA/0)
        assertThat(picked.stream().map(i -> show(samples.get(i))).toList())
                .containsExactly("Q1/USA/3", "Q1/USA/0", "Q2/USA/0", "Q3/USA/3");
    }

    @Test
    void aCapAboveTheProbeCountShowsEveryProbeOnce() {
        List<Sample> samples = List.of(sample("Q1", "USA", 0), sample("Q1", "DEU", 0), sample("Q2", "USA", 3));
        assertThat(DrillDown.pick(samples, 40)).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void theFixtureReportShowsEveryQuestionTwoOrThreeTimesAndEveryCell() throws Exception {
        Run run = RunReader.read(ReportInChromiumTest.smallRun());
        List<Sample> all = run.samples();
        long questions = all.stream().map(Sample::questionId).distinct().count();
        long cells = all.stream().map(DrillDown::cell).distinct().count();
        assertThat(questions).isEqualTo(16);
        assertThat(cells).isLessThanOrEqualTo(40);

        List<Sample> shown = DrillDown.pick(all, 40).stream().map(all::get).toList();
        assertThat(shown).hasSize(40);
        Map<String, Integer> perQuestion = new HashMap<>();
        shown.forEach(s -> perQuestion.merge(s.questionId(), 1, Integer::sum));
        // 40 probes over 16 questions: each question 2 or 3 times
        assertThat(perQuestion).hasSize(16);
        assertThat(perQuestion.values()).allSatisfy(n -> assertThat(n).isBetween(2, 3));
        // every cell shown, none more than twice (40 probes over 24 cells)
        Map<String, Integer> perCell = new HashMap<>();
        shown.forEach(s -> perCell.merge(DrillDown.cell(s), 1, Integer::sum));
        assertThat(perCell).hasSize((int) cells);
        assertThat(perCell.values()).allSatisfy(n -> assertThat(n).isBetween(1, 2));
        // the reader kept the prompt text of exactly the shown probes
        assertThat(shown).allSatisfy(s -> assertThat(s.promptText()).isNotBlank());
        assertThat(all.stream().filter(s -> s.promptText() != null).count()).isEqualTo(40);

        String html = Reporter.render(List.of(run));
        Matcher m = Pattern.compile("<details class=\"probe\"><summary><b>(Q\\d+)</b> · ([A-Z]{3}) · ").matcher(html);
        List<String> pageQuestions = new ArrayList<>();
        while (m.find()) {
            pageQuestions.add(m.group(1));
        }
        assertThat(pageQuestions).hasSize(40).containsAll(perQuestion.keySet());
        assertThat(html).contains("Showing 40 of " + all.size() + " probes (at most 40, picked round-robin over the "
                + "16 questions, the grid cells taken in rotation over the " + cells + " cells");
    }
}
