package org.culturalign.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.culturalign.survey.Question;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real all-MiniLM-L6-v2 model (ONNX Runtime, loaded once per JVM by {@link MiniLmEmbedder#shared()}). */
class SemanticNeighboursModelTest {
    static final Question RELIGION = Fixtures.question("Q6", "Values", "",
            "How important is religion in your life?", "Wie wichtig ist Religion in Ihrem Leben?");
    static final Question SERVICES = Fixtures.question("Q171", "Religion", "",
            "How often do you attend religious services?", "Wie oft besuchen Sie Gottesdienste?");
    static final Question POLITICS = Fixtures.question("Q199", "Politics", "",
            "How interested are you in politics?", "Wie sehr interessieren Sie sich für Politik?");
    static final Question NEIGHBOURS = Fixtures.question("Q21", "Social", "",
            "Would you mind having immigrants as neighbours?", "Hätten Sie etwas gegen Einwanderer als Nachbarn?");
    static final Question POLICE = Fixtures.question("Q69", "Confidence", "Q64-Q89",
            "How much confidence do you have in the police?", "Wie viel Vertrauen haben Sie in die Polizei?");
    static final Question COURTS = Fixtures.question("Q70", "Confidence", "Q64-Q89",
            "How much confidence do you have in the courts?", "Wie viel Vertrauen haben Sie in die Gerichte?");

    @TempDir
    Path cacheDir;

    SemanticNeighbours neighbours() {
        return new SemanticNeighbours(new CachedEmbedder(MiniLmEmbedder.shared(), new EmbeddingCache(cacheDir)));
    }

    @Test
    void theModelGivesUnitLength384DimensionalVectors() {
        List<float[]> v = MiniLmEmbedder.shared().embed(List.of("How often do you pray?"));
        assertThat(v.get(0)).hasSize(384);
        double norm2 = 0;
        for (float x : v.get(0)) {
            norm2 += x * x;
        }
        assertThat(norm2).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
    }

    @Test
    void religiousServicesRankFirstAndImmigrantNeighboursLastForTheReligionQuestion() {
        SemanticNeighbours.Neighbours n = neighbours().nearest(RELIGION,
                List.of(NEIGHBOURS, POLITICS, POLICE, SERVICES), "en", 4);

        assertThat(n.ids()).first().isEqualTo("Q171");
        assertThat(n.ids()).last().isEqualTo("Q21");
        assertThat(n.nonEnglishTexts()).isEmpty();
    }

    @Test
    void courtsRankFirstAndReligionLastForTheConfidenceInPoliceQuestion() {
        SemanticNeighbours.Neighbours n = neighbours().nearest(POLICE,
                List.of(RELIGION, POLITICS, COURTS, SERVICES), "en", 4);

        assertThat(n.ids()).first().isEqualTo("Q70");
        assertThat(n.ids()).last().isIn("Q6", "Q171");
        assertThat(n.ranked().get(0).cosine()).isGreaterThan(0.7);
    }

    @Test
    void theEnglishTextIsEmbeddedWhateverTheTestLanguageSoTheRankingIsTheSameInGerman() {
        List<Question> candidates = List.of(NEIGHBOURS, POLITICS, POLICE, SERVICES, COURTS);
        assertThat(neighbours().nearest(RELIGION, candidates, "de", 5).ranked())
                .isEqualTo(neighbours().nearest(RELIGION, candidates, "en", 5).ranked());
    }

    @Test
    void aQuestionWithoutEnglishIsEmbeddedInTheTestLanguageAndReported() {
        Question germanOnly = Fixtures.question("Q900", "Religion", "", null, "Wie oft beten Sie?");
        SemanticNeighbours.Neighbours n = neighbours().nearest(RELIGION, List.of(germanOnly, POLITICS), "de", 2);

        assertThat(n.nonEnglishTexts()).containsExactly("Q900");
        assertThat(n.ids()).containsExactlyInAnyOrder("Q900", "Q199");
    }

    @Test
    void theRankingIsIdenticalAcrossRunsCandidateOrdersAndACachedRerun() {
        List<Question> candidates = new ArrayList<>(List.of(NEIGHBOURS, POLITICS, POLICE, SERVICES, COURTS));
        List<SimilarityRanking.Ranked> cold = neighbours().nearest(RELIGION, candidates, "en", 3).ranked();
        Collections.reverse(candidates);
        // a second instance on the same directory: every vector comes from disk
        List<SimilarityRanking.Ranked> cached = neighbours().nearest(RELIGION, candidates, "en", 3).ranked();

        assertThat(cached).isEqualTo(cold);
        assertThat(cold).hasSize(3);
    }

    @Test
    void theTestQuestionCanNeverBeItsOwnCandidate() {
        assertThatThrownBy(() -> neighbours().nearest(RELIGION, List.of(SERVICES, RELIGION), "en", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Q6");
    }
}
