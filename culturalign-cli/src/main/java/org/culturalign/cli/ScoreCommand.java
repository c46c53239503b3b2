package org.culturalign.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.culturalign.InvalidInputException;
import org.culturalign.llamacpp.LlamaCppModel;
import org.culturalign.model.ContinuationScore;
import org.culturalign.model.AnnotatedModel;
import org.culturalign.model.LanguageModel;
import org.culturalign.model.ModelIdentity;
import org.culturalign.model.ModelProviders;
import org.culturalign.model.RetryEvent;
import org.culturalign.model.RetryObserver;
import org.culturalign.model.ScoringRequest;
import org.culturalign.model.ScoringResult;
import org.culturalign.model.TextPrompt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code culturalign score}: what a backend makes of given continuations of a context, as JSON on standard output.
 * A served backend's retries worth saying ({@link RetryEvent#shown()}: waits of 2 s or more, timeouts, connection
 * failures) are one line each on standard error while they wait.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Print each continuation's log-probability given a context (natural log, summed over its "
                + "tokens), its token count, the model identity and the tokens decoded, as JSON.",
        footer = {"", "Whitespace belongs to the continuation: --context 'Answer:' --continuation ' A'.",
                "Example: culturalign score --model demo --context 'Question: Is family important?\\nAnswer:' "
                        + "--continuation ' Yes' --continuation ' No'"})
public final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "SPEC",
            description = "llamacpp:PATH.gguf, demo, a short name such as gemma-3-270m, or another provider's "
                    + "scheme:location")
    String model;

    @Option(names = "--context", required = true, paramLabel = "TEXT", description = "the context (prompt text)")
    String context;

    @Option(names = "--continuation", required = true, paramLabel = "TEXT",
            description = "a continuation to score (repeat for several)")
    List<String> continuations;

    @Option(names = {"--model-args", "--model_args"}, paramLabel = "K=V", split = ",",
            description = "backend settings, e.g. n_threads=2,n_ctx=4096,n_batch=512")
    Map<String, String> modelArgs = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        for (String c : continuations) {
            if (c.isEmpty()) {
                throw new InvalidInputException("--continuation: must not be empty");
            }
        }
        String ctx = context.replace("\\n", "\n");
        try (LanguageModel lm = ModelProviders.open(model, modelArgs)) {
            PrintWriter err = spec.commandLine().getErr();
            lm.observeRetries(new RetryObserver() {
                @Override
                public void waiting(RetryEvent e) {
                    if (e.shown()) {
                        err.println("culturalign: " + e.describe() + " (" + e.reason() + ")");
                        err.flush();
                    }
                }
            });
            long before = AnnotatedModel.unwrap(lm) instanceof LlamaCppModel l ? l.tokensDecoded() : -1;
            ScoringResult result = lm.loglikelihood(List.of(new ScoringRequest(new TextPrompt(ctx),
                    continuations))).get(0);
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode out = json.createObjectNode();
            out.put("context", ctx);
            ArrayNode scores = out.putArray("continuations");
            for (ContinuationScore s : result.scores()) {
                ObjectNode n = scores.addObject();
                n.put("text", s.continuation());
                n.put("logprob", s.logprob());
                n.put("probability", Math.exp(s.logprob()));
                n.put("tokens", s.tokenCount());
                n.put("exact", s.exact());
            }
            out.put("mode", result.mode());
            if (AnnotatedModel.unwrap(lm) instanceof LlamaCppModel l) {
                out.put("tokens_decoded", l.tokensDecoded() - before);
            }
            ModelIdentity id = lm.identity();
            ObjectNode m = out.putObject("model");
            m.put("backend", id.backend());
            m.put("name", id.name());
            m.put("digest", id.digest());
            m.set("details", json.valueToTree(id.details()));
            spec.commandLine().getOut().println(json.writeValueAsString(out));
        }
        return ExitCodes.OK;
    }
}
