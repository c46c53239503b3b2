package org.culturalign.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.culturalign.icl.Demonstration;
import org.culturalign.metric.AlignmentMetrics;
import org.culturalign.metric.Baselines;
import org.culturalign.metric.ProbeMetrics;
import org.culturalign.model.ContinuationScore;
import org.culturalign.model.ScoringResult;
import org.culturalign.probe.AnswerDistribution;
import org.culturalign.probe.Probe;
import org.culturalign.probe.ScoredTarget;
import org.culturalign.survey.HumanDistribution;
import org.culturalign.survey.Question;
import org.culturalign.survey.ScaleType;

/**
 * Turns a scored probe into its stored row: the {@code samples.jsonl} line (schema {@value #SCHEMA}, see
 * {@code docs/schemas/samples.md}) and the compact scores the aggregates read (metrics, baselines, coverage).
 */
public final class ProbeRecorder {
    /** Schema version of samples.jsonl lines. */
    public static final String SCHEMA = "culturalign.samples/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProbeRecorder() {
    }

    /**
     * Scores the model's answer against the country's and builds the row.
     *
     * @param others the other countries' distributions of the question (global baseline); may be empty
     */
    public static RunStore.ProbeRow record(GridCell cell, int cellIndex, Question question, int questionIndex,
                                           EvalPlan.Prepared prepared, List<HumanDistribution> others,
                                           ScoringResult result, boolean cached) {
        Probe probe = prepared.probe();
        AnswerDistribution raw = AnswerDistribution.fromScores(result.scores());
        ScoredTarget target = probe.spec().target();
        double[] logprobs = result.scores().stream().mapToDouble(ContinuationScore::logprob).toArray();
        double[] compared = target.comparedLogprobs(probe.continuations(), logprobs);
        // coverage is the raw probability mass of the options; only the comparison is length-normalised
        AnswerDistribution answer = target == ScoredTarget.TEXTS_NORM ? AnswerDistribution.fromLogprobs(compared) : raw;
        double[] model = probe.modelInTargetOrder(answer);
        double[] human = probe.humanInTargetOrder(prepared.human());
        ScaleType type = probe.targetScale().type();
        boolean binary = probe.isBinary();
        ProbeMetrics metrics = AlignmentMetrics.score(model, human, type, binary, raw.coverage());

        ObjectNode baselines = JSON.createObjectNode();
        baselines.set("uniform", metricsJson(AlignmentMetrics.score(Baselines.uniform(model.length), human, type,
                binary, Double.NaN)));
        baselines.set("random_option", metricsJson(AlignmentMetrics.expectedRandomOption(human, type, binary)));
        if (!others.isEmpty()) {
            List<double[]> otherShares = new ArrayList<>(others.size());
            for (HumanDistribution d : others) {
                otherShares.add(probe.humanInTargetOrder(d));
            }
            baselines.set("global", metricsJson(AlignmentMetrics.score(Baselines.global(otherShares), human, type,
                    binary, Double.NaN)));
        }

        ObjectNode s = JSON.createObjectNode();
        s.put("schema", SCHEMA);
        s.put("model", cell.model());
        s.put("country", cell.country());
        s.put("language", cell.language());
        s.put("questionId", question.id());
        s.put("category", question.category());
        s.put("shots", cell.shots());
        s.put("selector", cell.selector());
        s.put("format", cell.format());
        s.put("persona", cell.persona());
        s.put("template", probe.spec().template().cliName());
        s.put("target", target.cliName());
        s.put("lengthNormalisation", target.lengthNormalisation());
        ArrayNode demos = s.putArray("demonstrations");
        List<String> answers = probe.demonstrationAnswers();
        for (int i = 0; i < probe.demonstrations().size(); i++) {
            Demonstration d = probe.demonstrations().get(i);
            ObjectNode dn = demos.addObject().put("questionId", d.questionId()).put("answerCode", d.answerCode());
            if (i < answers.size()) {
                dn.put("answer", answers.get(i));
            }
        }
        s.put("demonstrationNote", prepared.note());
        s.set("prompt", ResponseCache.promptJson(probe.prompt()));
        ArrayNode cont = s.putArray("continuations");
        probe.continuations().forEach(cont::add);
        ArrayNode lp = s.putArray("logprobs");
        for (ContinuationScore c : result.scores()) {
            lp.add(c.logprob());
        }
        if (target == ScoredTarget.TEXTS_NORM) {
            s.set("normalisedLogprobs", doubles(compared));
        }
        s.put("exact", raw.exact());
        s.put("scoringMode", result.mode());
        ArrayNode codes = s.putArray("targetCodes");
        probe.targetScale().codes().forEach(codes::add);
        s.set("modelDistribution", doubles(model));
        s.put("coverage", raw.coverage());
        s.set("humanDistribution", doubles(human));
        if (prepared.human().respondents().isPresent()) {
            s.put("humanRespondents", prepared.human().respondents().getAsLong());
        } else {
            s.putNull("humanRespondents");
        }
        s.set("metrics", metricsJson(metrics));
        s.set("baselines", baselines);
        s.put("cached", cached);

        ObjectNode scores = JSON.createObjectNode();
        scores.put("q", question.id());
        scores.set("m", metricsJson(metrics));
        scores.set("b", baselines);
        scores.put("coverage", raw.coverage());
        double min = 1;
        double max = 0;
        for (double p : answer.probabilities()) {
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        scores.put("spread", max - min);
        return new RunStore.ProbeRow(cell.key(), question.id(), cellIndex, questionIndex, s.toString(),
                scores.toString());
    }

    private static ArrayNode doubles(double[] values) {
        ArrayNode a = JSON.createArrayNode();
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    static ObjectNode metricsJson(ProbeMetrics metrics) {
        ObjectNode n = JSON.createObjectNode();
        for (Map.Entry<String, Double> e : metrics.values().entrySet()) {
            n.put(e.getKey(), e.getValue());
        }
        return n;
    }
}
