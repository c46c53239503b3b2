package org.culturalign.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.culturalign.llamacpp.gguf.TinyVocabulary;
import org.culturalign.model.ContinuationScore;
import org.culturalign.model.ScoringRequest;
import org.culturalign.model.ScoringResult;
import org.culturalign.model.TextPrompt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real engine on a designed model whose logits are known: probabilities against the closed form. */
class DesignedModelTest {
    private static final int V = TinyVocabulary.standard().size();
    private static LlamaCppModel model;

    @BeforeAll
    static void open() {
        model = LlamaCppModel.open(TestModels.designed(), TestModels.oneThread());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** log P(" A") after any token but " A": logits A=3, B=2, C=1, Yes=1.5, V-4 others 0. */
    private static double baseLogprob(double logit) {
        return logit - Math.log(Math.exp(3) + Math.exp(2) + Math.exp(1) + Math.exp(1.5) + (V - 4));
    }

    /** After " A": B=4, A=-1, V-2 others 0. */
    private static double afterALogprob(double logit) {
        return logit - Math.log(Math.exp(4) + Math.exp(-1) + (V - 2));
    }

    private static List<ContinuationScore> score(String context, String... continuations) {
        return model.loglikelihood(List.of(new ScoringRequest(new TextPrompt(context), List.of(continuations))))
                .get(0).scores();
    }

    @Test
    void singleTokenOptionsMatchTheClosedFormSoftmax() {
        List<ContinuationScore> s = score("Question: which one?\nAnswer:", " A", " B", " C", " D");
        assertThat(s.get(0).logprob()).isCloseTo(baseLogprob(3), within(1e-4));
        assertThat(s.get(1).logprob()).isCloseTo(baseLogprob(2), within(1e-4));
        assertThat(s.get(2).logprob()).isCloseTo(baseLogprob(1), within(1e-4));
        assertThat(s.get(3).logprob()).isCloseTo(baseLogprob(0), within(1e-4));
        assertThat(s).extracting(ContinuationScore::tokenCount).containsExactly(1, 1, 1, 1);
        // P(" A") = e^3 / (e^3 + e^2 + e + e^1.5 + V - 4): a hand-checked figure for this vocabulary size
        assertThat(Math.exp(s.get(0).logprob()))
                .isCloseTo(Math.exp(3) / (Math.exp(3) + Math.exp(2) + Math.E + Math.exp(1.5) + V - 4), within(1e-4));
    }

    @Test
    void multiTokenContinuationIsTheProductOfItsStepProbabilities() {
        List<ContinuationScore> s = score("Answer:", " A B", " B A", " A A C");
        assertThat(s.get(0).logprob()).isCloseTo(baseLogprob(3) + afterALogprob(4), within(1e-4));
        assertThat(s.get(1).logprob()).isCloseTo(baseLogprob(2) + baseLogprob(3), within(1e-4));
        assertThat(s.get(2).logprob()).isCloseTo(baseLogprob(3) + afterALogprob(-1) + afterALogprob(0),
                within(1e-4));
        assertThat(s).extracting(ContinuationScore::tokenCount).containsExactly(2, 2, 3);
    }

    @Test
    void aTokenSpanningTheJoinIsScoredAsPartOfTheContinuation() {
        // "Answer: Ye" ends in the token "▁Ye"; with "s" the text tokenises to "▁Yes", which replaces it: the
        // continuation is scored from the boundary before "▁Ye", as the single token "▁Yes"
        List<ContinuationScore> s = score("Answer: Ye", "s");
        assertThat(s.get(0).tokenCount()).isEqualTo(1);
        assertThat(s.get(0).logprob()).isCloseTo(baseLogprob(1.5), within(1e-4));
    }

    @Test
    void theSameRequestsGiveIdenticalResultsAcrossRuns() {
        List<ScoringRequest> requests = List.of(
                new ScoringRequest(new TextPrompt("Answer:"), List.of(" A", " B C")),
                new ScoringRequest(new TextPrompt("Frage: ja oder nein?\nAntwort:"), List.of(" ja", " nein")));
        List<ScoringResult> first = model.loglikelihood(requests);
        assertThat(model.loglikelihood(requests)).isEqualTo(first);
    }

    @Test
    void resultsAreTheSameWhateverTheBatchSize() {
        String context = "Question: a long enough context to span several decode batches of one token.\nAnswer:";
        List<ContinuationScore> wide = score(context, " A B", " C");
        try (LlamaCppModel narrow = LlamaCppModel.open(TestModels.designed(), new LlamaCppOptions(1, 2048, 1))) {
            List<ContinuationScore> oneByOne = narrow.loglikelihood(List.of(
                    new ScoringRequest(new TextPrompt(context), List.of(" A B", " C")))).get(0).scores();
            for (int i = 0; i < wide.size(); i++) {
                assertThat(oneByOne.get(i).logprob()).isCloseTo(wide.get(i).logprob(), within(1e-5));
            }
        }
    }

    @Test
    void theContextIsDecodedOnceAndEachContinuationOnlyForItsOwnTokensButTheLast() {
        String context = "Answer:";
        int contextTokens = model.tokenize(context).length;
        long before = model.tokensDecoded();
        score(context, " A", " B", " A B", " A B C");
        // the context once, then 0 + 0 + 1 + 2 tokens (a continuation's last token is predicted, never decoded)
        assertThat(model.tokensDecoded() - before).isEqualTo(contextTokens + 3);
    }
}
