package org.culturalign.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every {@link LanguageModel} backend passes. A backend's test extends this class, opens its model in
 * {@link #openModel()} (called once per test class) and states what the model declares in {@link #expectation()}.
 * Published in culturalign-core's test-jar: depend on it with {@code <type>test-jar</type><scope>test</scope>}.
 *
 * <p>Checks: one result per request in order, one score per continuation in order; log-probabilities finite and
 * &lt;= 0; token counts &gt;= 1 for exact scores; an identity (backend, name, digest); the same results for the same
 * requests; undeclared capabilities refused with {@link UnsupportedCapabilityException} naming what is supported; and
 * for {@link Capability#LOGLIKELIHOOD} backends the chain rule
 * log P(" A B" | c) = log P(" A" | c) + log P(" B" | c + " A") (within 1e-4) and batched results equal to
 * single-request results (within 1e-5).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LanguageModelContractTest {

    /**
     * What the model under test declares.
     *
     * @param backend      the expected {@link ModelIdentity#backend()}
     * @param capabilities the expected {@link LanguageModel#capabilities()}, exactly
     */
    public record Expectation(String backend, Set<Capability> capabilities) {
        /** Immutable copy. */
        public Expectation {
            capabilities = Set.copyOf(capabilities);
        }
    }

    private LanguageModel model;

    /** Opens the model under test; called once before the contract tests, closed after them. */
    protected abstract LanguageModel openModel() throws Exception;

    /** What the model declares. */
    protected abstract Expectation expectation();

    /** The context the chain-rule check extends; must end on a token boundary the continuations start after. */
    protected String chainContext() {
        return "Question: which option do you choose?\nAnswer:";
    }

    /** First and second continuation pieces of the chain-rule check (each one or more whole tokens). */
    protected List<String> chainPieces() {
        return List.of(" A", " B");
    }

    /** Text-prompt requests used by the ordering, range, determinism and batching checks. */
    protected List<ScoringRequest> textRequests() {
        return List.of(
                new ScoringRequest(new TextPrompt("Question: is it good?\nAnswer:"), List.of(" A", " B", " C", " D")),
                new ScoringRequest(new TextPrompt("Pick a number.\nAnswer:"), List.of(" 1", " 10", " 2")),
                new ScoringRequest(new TextPrompt("Wähle eine Option: ja oder nein?\nAntwort:"),
                        List.of(" ja", " nein")),
                new ScoringRequest(new TextPrompt("Answer:"), List.of(" A B", " A")));
    }

    /** A chat prompt for the chat checks. */
    protected ChatPrompt chatPrompt() {
        return new ChatPrompt(List.of(new ChatMessage(ChatMessage.Role.USER, "Pick A or B.")), "Answer:");
    }

    /** The model under test, opened once. */
    protected final LanguageModel model() {
        return model;
    }

    @BeforeAll
    void openTheModelOnce() throws Exception {
        model = openModel();
    }

    @AfterAll
    void closeTheModel() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void declaresExactlyTheExpectedCapabilities() {
        assertThat(model.capabilities()).containsExactlyInAnyOrderElementsOf(expectation().capabilities());
    }

    @Test
    void identityNamesBackendModelAndDigest() {
        ModelIdentity id = model.identity();
        assertThat(id).isNotNull();
        assertThat(id.backend()).isEqualTo(expectation().backend());
        assertThat(id.name()).isNotBlank();
        assertThat(id.digest()).isNotBlank();
        assertThat(id.details()).isNotNull();
    }

    @Test
    void answersOneResultPerRequestAndOneScorePerContinuationInOrder() {
        assumeCapability(Capability.LOGLIKELIHOOD);
        List<ScoringRequest> requests = textRequests();
        List<ScoringResult> results = model.loglikelihood(requests);
        assertThat(results).hasSize(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            List<ContinuationScore> scores = results.get(i).scores();
            assertThat(scores).extracting(ContinuationScore::continuation)
                    .as("request %d", i).containsExactlyElementsOf(requests.get(i).continuations());
            assertThat(results.get(i).mode()).isNotBlank();
        }
    }

    @Test
    void logprobsAreFiniteAndAtMostZeroAndExactScoresCountTokens() {
        assumeCapability(Capability.LOGLIKELIHOOD);
        for (ScoringResult result : model.loglikelihood(textRequests())) {
            for (ContinuationScore s : result.scores()) {
                assertThat(Double.isFinite(s.logprob())).as("%s finite", s).isTrue();
                assertThat(s.logprob()).as("%s", s).isLessThanOrEqualTo(0.0);
                if (s.exact()) {
                    assertThat(s.tokenCount()).as("%s token count", s).isGreaterThanOrEqualTo(1);
                }
            }
        }
    }

    @Test
    void sameRequestsGiveTheSameResults() {
        assumeCapability(Capability.LOGLIKELIHOOD);
        List<ScoringResult> first = model.loglikelihood(textRequests());
        List<ScoringResult> second = model.loglikelihood(textRequests());
        assertThat(second).isEqualTo(first);
    }

    @Test
    void batchedResultsEqualSingleRequestResults() {
        assumeCapability(Capability.LOGLIKELIHOOD);
        List<ScoringRequest> requests = textRequests();
        List<ScoringResult> batched = model.loglikelihood(requests);
        for (int i = 0; i < requests.size(); i++) {
            List<ScoringResult> single = model.loglikelihood(List.of(requests.get(i)));
            assertThat(single).hasSize(1);
            List<ContinuationScore> a = batched.get(i).scores();
            List<ContinuationScore> b = single.get(0).scores();
            for (int j = 0; j < a.size(); j++) {
                assertThat(b.get(j).logprob()).as("request %d continuation %d", i, j)
                        .isCloseTo(a.get(j).logprob(), within(1e-5));
                assertThat(b.get(j).tokenCount()).isEqualTo(a.get(j).tokenCount());
            }
        }
    }

    @Test
    void logprobOfTwoPiecesIsTheSumOfTheStepLogprobs() {
        assumeCapability(Capability.LOGLIKELIHOOD);
        String c = chainContext();
        String first = chainPieces().get(0);
        String second = chainPieces().get(1);
        List<ScoringResult> r = model.loglikelihood(List.of(
                new ScoringRequest(new TextPrompt(c), List.of(first + second, first)),
                new ScoringRequest(new TextPrompt(c + first), List.of(second))));
        ContinuationScore whole = r.get(0).scores().get(0);
        ContinuationScore head = r.get(0).scores().get(1);
        ContinuationScore tail = r.get(1).scores().get(0);
        assertThat(whole.exact() && head.exact() && tail.exact()).as("exact scores").isTrue();
        assertThat(whole.logprob()).isCloseTo(head.logprob() + tail.logprob(), within(1e-4));
        assertThat(whole.tokenCount()).isEqualTo(head.tokenCount() + tail.tokenCount());
    }

    @Test
    void undeclaredCapabilitiesAreRefusedNamingWhatIsSupported() {
        Set<Capability> declared = model.capabilities();
        List<Capability> undeclared = new ArrayList<>(EnumSet.complementOf(
                declared.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(declared)));
        for (Capability c : undeclared) {
            assertThatThrownBy(() -> exercise(c)).as("%s is not declared", c)
                    .isInstanceOf(UnsupportedCapabilityException.class)
                    .satisfies(e -> {
                        assertThat(e.getMessage()).contains(c.name());
                        for (Capability supported : declared) {
                            assertThat(e.getMessage()).contains(supported.name());
                        }
                    });
        }
    }

    @Test
    void declaredNextTokenLogprobsAreDescendingAndAtMostZero() {
        assumeCapability(Capability.NEXT_TOKEN_LOGPROBS);
        List<List<TokenLogprob>> top = model.nextTokenLogprobs(List.of(new TextPrompt("Answer:")), 5);
        assertThat(top).hasSize(1);
        assertThat(top.get(0)).hasSize(5);
        for (int i = 0; i < top.get(0).size(); i++) {
            assertThat(top.get(0).get(i).logprob()).isLessThanOrEqualTo(0.0);
            if (i > 0) {
                assertThat(top.get(0).get(i).logprob()).isLessThanOrEqualTo(top.get(0).get(i - 1).logprob());
            }
        }
    }

    @Test
    void declaredGenerationIsRepeatableForTheSameSeed() {
        assumeCapability(Capability.GENERATE);
        GenerationRequest greedy = new GenerationRequest(new TextPrompt("Answer:"), 4, 0.0, 1, List.of());
        GenerationRequest sampled = new GenerationRequest(new TextPrompt("Answer:"), 4, 0.8, 42, List.of());
        List<String> first = model.generate(List.of(greedy, sampled));
        List<String> second = model.generate(List.of(greedy, sampled));
        assertThat(first).hasSize(2).isEqualTo(second);
    }

    private void exercise(Capability c) {
        switch (c) {
            case LOGLIKELIHOOD -> model.loglikelihood(
                    List.of(new ScoringRequest(new TextPrompt("Answer:"), List.of(" A"))));
            case CHAT_LOGLIKELIHOOD -> model.loglikelihood(List.of(new ScoringRequest(chatPrompt(), List.of(" A"))));
            case NEXT_TOKEN_LOGPROBS -> model.nextTokenLogprobs(List.of(new TextPrompt("Answer:")), 3);
            case GENERATE -> model.generate(
                    List.of(new GenerationRequest(new TextPrompt("Answer:"), 2, 0.0, 1, List.of())));
        }
    }

    private void assumeCapability(Capability c) {
        org.junit.jupiter.api.Assumptions.assumeTrue(model.capabilities().contains(c),
                () -> "the model does not declare " + c);
    }
}
