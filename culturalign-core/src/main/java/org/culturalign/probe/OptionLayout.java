package org.culturalign.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.culturalign.icl.StableSeed;
import org.culturalign.survey.AnswerScale;
import org.culturalign.survey.Question;
import org.culturalign.survey.QuestionText;

/**
 * Which options a probe shows, in which order, with which labels (see docs/probes.md):
 * FULL scale order lettered A..; REVERSED reversed scale order lettered A..; SHUFFLED a Fisher-Yates shuffle with a
 * {@link Random} seeded by {@link StableSeed} of (spec seed, question id), lettered A..; NUMERIC scale order labelled
 * 1..K (positions, not survey codes, so 0-coded scales read 1..K too); BINARY the two poles, low pole "A" (the first
 * option's wording), high pole "B" (the last option's wording).
 */
final class OptionLayout {
    private OptionLayout() {
    }

    static List<ShownOption> of(Question q, QuestionText text, ProbeFormat format, long seed) {
        AnswerScale scale = q.scale();
        List<String> words = text.optionLabels();
        int k = scale.size();
        if (format == ProbeFormat.BINARY) {
            Poles poles = Poles.of(scale);
            return List.of(new ShownOption("A", words.get(0), Poles.LOW, poles.low()),
                    new ShownOption("B", words.get(k - 1), Poles.HIGH, poles.high()));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            order.add(i);
        }
        if (format == ProbeFormat.REVERSED) {
            java.util.Collections.reverse(order);
        } else if (format == ProbeFormat.SHUFFLED) {
            Random random = new Random(StableSeed.of("shuffle", seed, q.id()));
            for (int i = k - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                order.set(j, order.set(i, order.get(j)));
            }
        }
        List<ShownOption> out = new ArrayList<>(k);
        for (int shown = 0; shown < k; shown++) {
            int pos = order.get(shown);
            String label = format == ProbeFormat.NUMERIC ? Integer.toString(shown + 1)
                    : Character.toString((char) ('A' + shown));
            out.add(new ShownOption(label, words.get(pos), pos, List.of(scale.codes().get(pos))));
        }
        return out;
    }
}
