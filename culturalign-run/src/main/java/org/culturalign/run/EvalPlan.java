package org.culturalign.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.culturalign.InvalidInputException;
import org.culturalign.NearestNames;
import org.culturalign.icl.AnswerMode;
import org.culturalign.icl.Demonstration;
import org.culturalign.icl.DemonstrationSelector;
import org.culturalign.icl.DemonstrationSelectors;
import org.culturalign.icl.Demonstrations;
import org.culturalign.icl.FixedSelector;
import org.culturalign.icl.Selection;
import org.culturalign.icl.SelectionRequest;
import org.culturalign.probe.Probe;
import org.culturalign.probe.ProbeFactory;
import org.culturalign.probe.ProbeFormat;
import org.culturalign.probe.ProbeSpec;
import org.culturalign.probe.PromptTemplate;
import org.culturalign.probe.ScoredTarget;
import org.culturalign.survey.Country;
import org.culturalign.survey.HumanDistribution;
import org.culturalign.survey.Question;
import org.culturalign.survey.SurveyData;

/**
 * A config checked against the survey data: the grid cells, the questions in run order, and how each (cell, question)
 * becomes a probe or a skip. Construction validates every name up front (countries, languages, category, question
 * ids, selectors, formats, answer mode, template, target), so a bad config fails before anything is written.
 * Thread-safe: preparing a probe is a pure function of (config, data, cell, question).
 */
public final class EvalPlan {
    /** Skip reason: the country has no human answers to the question. */
    public static final String NO_HUMAN_DATA = "no human data";
    /** Skip reason: the question has no text in the probe language. */
    public static final String NO_TEXT = "no text in language";

    private final EvalConfig config;
    private final SurveyData data;
    private final List<GridCell> cells;
    private final List<Question> questions;
    private final Map<String, DemonstrationSelector> selectors = new HashMap<>();
    private final Map<String, ProbeFormat> formats = new HashMap<>();
    private final AnswerMode answerMode;
    private final PromptTemplate template;
    private final ScoredTarget target;

    /**
     * @throws InvalidInputException for an unknown country, language, category, question id, selector, format, answer
     *                               mode, template or target (naming the valid ones)
     */
    public EvalPlan(EvalConfig config, SurveyData data) {
        this.config = config;
        this.data = data;
        Set<String> countries = new LinkedHashSet<>();
        data.countries().forEach(c -> countries.add(c.code()));
        for (String c : config.countries()) {
            if (!countries.contains(c)) {
                throw new InvalidInputException("--countries: unknown country '" + c + "' in " + data.source().name()
                        + "; countries with data: " + String.join(", ", countries)
                        + NearestNames.didYouMean(c, countries, 2));
            }
        }
        for (String l : config.languages()) {
            if (!data.languages().contains(l)) {
                throw new InvalidInputException("--languages: no question of " + data.source().name()
                        + " has a text in '" + l + "'; languages: " + String.join(", ", data.languages())
                        + NearestNames.didYouMean(l, data.languages(), 2));
            }
        }
        for (String s : config.selectors()) {
            DemonstrationSelector selector = DemonstrationSelectors.byName(s);
            if (selector instanceof FixedSelector fixed) {
                checkPinned(fixed, data);
            }
            selectors.put(s, selector);
        }
        for (String f : config.formats()) {
            try {
                formats.put(f, ProbeFormat.parse(f));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--formats: " + e.getMessage());
            }
        }
        try {
            this.answerMode = AnswerMode.parse(config.answerMode());
            this.template = PromptTemplate.parse(config.template());
            this.target = ScoredTarget.parse(config.target());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        this.questions = selectQuestions(config, data);
        this.cells = EvalGrid.cells(config);
    }

    /** Pinned ids must exist; found here, before the planning pass, so the message names the flag. */
    private static void checkPinned(FixedSelector fixed, SurveyData data) {
        List<String> ids = data.questions().stream().map(Question::id).toList();
        for (String id : fixed.ids()) {
            if (data.question(id).isEmpty()) {
                throw new InvalidInputException("--selectors " + fixed.name() + ": unknown question " + id + " in "
                        + data.source().name() + NearestNames.didYouMean(id, ids, 2));
            }
        }
    }

    private static List<Question> selectQuestions(EvalConfig config, SurveyData data) {
        List<Question> qs;
        if (!config.questions().isEmpty()) {
            qs = new ArrayList<>();
            List<String> ids = data.questions().stream().map(Question::id).toList();
            for (String id : config.questions()) {
                qs.add(data.question(id).orElseThrow(() -> new InvalidInputException("--questions: unknown question '"
                        + id + "' in " + data.source().name() + NearestNames.didYouMean(id, ids, 2))));
            }
        } else {
            qs = data.questions();
        }
        if (config.category() != null) {
            List<String> categories = data.categories();
            String match = categories.stream().filter(c -> c.equalsIgnoreCase(config.category())).findFirst()
                    .orElseThrow(() -> new InvalidInputException("--category: unknown category '" + config.category()
                            + "'; categories: " + String.join("; ", categories)
                            + NearestNames.didYouMean(config.category(), categories, 2)));
            qs = qs.stream().filter(q -> q.category().equals(match)).toList();
        }
        qs = qs.subList(0, config.limitedCount(qs.size()));
        if (qs.isEmpty()) {
            throw new InvalidInputException("--questions/--category/--limit: no question selected from "
                    + data.source().name());
        }
        return List.copyOf(qs);
    }

    /** The config. */
    public EvalConfig config() {
        return config;
    }

    /** The survey data. */
    public SurveyData data() {
        return data;
    }

    /** Grid cells in grid order. */
    public List<GridCell> cells() {
        return cells;
    }

    /** Questions in run order. */
    public List<Question> questions() {
        return questions;
    }

    /** Number of (cell, question) pairs. */
    public long size() {
        return (long) cells.size() * questions.size();
    }

    /**
     * Turns (cell, question) into a probe, or a skip with its reason.
     *
     * @throws InvalidInputException when a selector cannot find k demonstrations (more shots than candidates)
     */
    public Prepared prepare(GridCell cell, Question question) {
        Country country = new Country(cell.country());
        Optional<HumanDistribution> human = data.distribution(country, question.id());
        if (human.isEmpty()) {
            return Prepared.skip(NO_HUMAN_DATA);
        }
        if (question.text(cell.language()).isEmpty()) {
            return Prepared.skip(NO_TEXT);
        }
        ProbeFormat format = formats.get(cell.format());
        ProbeSpec spec = new ProbeSpec(cell.language(), format, cell.persona(), template, target, config.seed());
        Optional<String> why = ProbeFactory.whyNot(data, question, country, spec);
        if (why.isPresent()) {
            return Prepared.skip("probe does not apply: " + generic(why.get(), question.id()));
        }
        List<Demonstration> demos = List.of();
        String note = "";
        if (cell.shots() > 0) {
            Selection selection = selectors.get(cell.selector()).select(new SelectionRequest(data, question, country,
                    cell.language(), cell.shots(), config.seed(), config.excludeBattery(), format));
            demos = Demonstrations.answers(data, country, selection.questionIds(), answerMode, config.seed(), format);
            note = selection.note() == null ? "" : selection.note();
        }
        Optional<Probe> probe = ProbeFactory.build(data, question, country, spec, demos);
        if (probe.isEmpty()) {
            return Prepared.skip("probe does not apply");
        }
        return new Prepared(probe.get(), human.get(), note, null);
    }

    /** Reasons are counted: keep the question id out of them so equal reasons add up. */
    private static String generic(String why, String questionId) {
        return why.replace(questionId + " ", "").replaceAll(" \\(it has [^)]*\\)", "");
    }

    /** The human distributions of the other countries with data for a question (for the global baseline). */
    public List<HumanDistribution> otherCountries(Question question, String country) {
        List<HumanDistribution> out = new ArrayList<>();
        for (Country c : data.countries()) {
            if (!c.code().equals(country)) {
                data.distribution(c, question.id()).ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * A probe ready to score, or a skip.
     *
     * @param probe      the probe (null for a skip)
     * @param human      the country's distribution (null for a skip)
     * @param note       the selector's fallback note, or ""
     * @param skipReason why the probe is skipped (null when it is not)
     */
    public record Prepared(Probe probe, HumanDistribution human, String note, String skipReason) {
        static Prepared skip(String reason) {
            return new Prepared(null, null, "", reason);
        }

        /** Whether this is a skip. */
        public boolean skipped() {
            return skipReason != null;
        }
    }
}
