package org.culturalign.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.culturalign.icl.ChrfSelector;
import org.culturalign.survey.BundledSample;
import org.culturalign.survey.Country;
import org.culturalign.survey.HumanDistribution;
import org.culturalign.survey.Question;
import org.culturalign.survey.QuestionText;
import org.culturalign.survey.SurveyData;

/**
 * Demonstration selection and rendering per steered request ({@link Steering#steerChat}: chrF++ over the catalog,
 * majority answers, rendering, the JSON rewrite), on a catalog of 315 items (the bundled 105 items, each also in two
 * reworded copies), for 2,000 different user messages after a warm-up. Prints the median, p99 and max in
 * microseconds. Not a test: run by bench/proxy.sh.
 */
public final class SelectionBenchmark {
    private SelectionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        SurveyData bundled = BundledSample.load();
        List<Question> qs = new ArrayList<>(bundled.questions());
        Map<Country, Map<String, HumanDistribution>> dist = new LinkedHashMap<>();
        for (Country c : bundled.countries()) {
            Map<String, HumanDistribution> row = new LinkedHashMap<>();
            for (Question q : bundled.questions()) {
                bundled.distribution(c, q.id()).ifPresent(d -> row.put(q.id(), d));
            }
            dist.put(c, row);
        }
        String[] prefixes = {"In your opinion: ", "Thinking about your country: "};
        for (int v = 0; v < prefixes.length; v++) {
            for (Question q : bundled.questions()) {
                Map<String, QuestionText> texts = new LinkedHashMap<>();
                for (Map.Entry<String, QuestionText> e : q.texts().entrySet()) {
                    QuestionText t = e.getValue();
                    texts.put(e.getKey(), new QuestionText(prefixes[v] + t.question(), t.optionLabels(),
                            t.instruction()));
                }
                String id = q.id() + "-v" + (v + 1);
                qs.add(new Question(id, q.category(), q.scale(), texts, q.recodes(), q.battery(), q.source()));
                for (Country c : bundled.countries()) {
                    bundled.distribution(c, q.id()).ifPresent(d -> dist.get(c).put(id, d));
                }
            }
        }
        Map<Country, String> names = new LinkedHashMap<>();
        bundled.countries().forEach(c -> names.put(c, bundled.countryName(c)));
        SurveyData data = new SurveyData(bundled.source(), qs, dist, names);
        Steering steering = new Steering(data, new ChrfSelector(), 5, RenderMode.SYSTEM, false, 1234);
        ObjectMapper json = new ObjectMapper();
        String[] topics = {"family", "work", "religion", "politics", "immigrants", "science", "friends", "money",
            "the police", "democracy", "homosexuality", "abortion", "leisure time", "my neighbours", "corruption"};
        int n = 2000;
        long[] nanos = new long[n];
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < n; i++) {
                String msg = "I have a question about " + topics[i % topics.length] + " (" + i + "): how important "
                        + "is it for people in my country, and should I care about it more?";
                ObjectNode body = (ObjectNode) json.readTree("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":" + json.writeValueAsString(msg) + "}]}");
                long t0 = System.nanoTime();
                steering.steerChat(body, new TargetCulture("DEU", "en", "header"), msg);
                nanos[i] = System.nanoTime() - t0;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("selection per request (chrF++, %d items, k 5, %d messages): median %.0f us, p99 %.0f us, "
                        + "max %.0f us%n", data.questions().size(), n, nanos[n / 2] / 1e3, nanos[(int) (n * 0.99)] / 1e3,
                nanos[n - 1] / 1e3);
    }
}
