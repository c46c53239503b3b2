package org.culturalign.run;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.culturalign.model.ChatMessage;
import org.culturalign.model.ChatPrompt;
import org.culturalign.model.Prompt;
import org.culturalign.model.TextPrompt;
import org.culturalign.probe.Probe;
import org.culturalign.survey.Question;

/**
 * The planning pass over every (cell, question): how many probes are scored and skipped (by reason), the model
 * requests and continuations, and the prompt characters. Building every probe up front is also the validation that
 * k demonstrations exist for each (an {@link org.culturalign.InvalidInputException} otherwise). Keeps no probe.
 *
 * @param probes        probes to score
 * @param continuations continuations to score over all probes
 * @param promptChars   characters of all prompts (chat: message contents and assistant prefix)
 * @param skipped       skip counts by reason
 */
public record PlanStats(long probes, long continuations, long promptChars, Map<String, Long> skipped) {

    /** Runs the planning pass. */
    public static PlanStats of(EvalPlan plan) {
        long probes = 0;
        long continuations = 0;
        long chars = 0;
        Map<String, Long> skipped = new TreeMap<>();
        for (GridCell cell : plan.cells()) {
            for (Question q : plan.questions()) {
                EvalPlan.Prepared p = plan.prepare(cell, q);
                if (p.skipped()) {
                    skipped.merge(p.skipReason(), 1L, Long::sum);
                    continue;
                }
                Probe probe = p.probe();
                probes++;
                continuations += probe.continuations().size();
                chars += chars(probe.prompt());
            }
        }
        return new PlanStats(probes, continuations, chars, new LinkedHashMap<>(skipped));
    }

    private static long chars(Prompt prompt) {
        if (prompt instanceof TextPrompt t) {
            return t.text().length();
        }
        ChatPrompt c = (ChatPrompt) prompt;
        long n = c.assistantPrefix().length();
        for (ChatMessage m : c.messages()) {
            n += m.content().length();
        }
        return n;
    }

    /** Estimated prompt tokens: characters / 4 (a rule of thumb for English BPE vocabularies; not a tokenizer). */
    public long estimatedPromptTokens() {
        return (promptChars + 3) / 4;
    }

    /** Prints the counts (dry run). */
    public void print(PrintStream out) {
        out.println("probes: " + probes + " to score, " + skipped.values().stream().mapToLong(Long::longValue).sum()
                + " skipped" + (skipped.isEmpty() ? "" : " " + skipped));
        out.println("model requests: " + probes + " log-likelihood requests scoring " + continuations
                + " continuations (before the response cache; cached responses cost nothing)");
        out.println("prompt tokens: about " + estimatedPromptTokens() + " (estimate: " + promptChars
                + " characters / 4, not the model's tokenizer)");
    }
}
