package org.culturalign.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.culturalign.InvalidInputException;
import org.culturalign.icl.AnswerMode;
import org.culturalign.icl.Demonstration;
import org.culturalign.icl.DemonstrationSelector;
import org.culturalign.icl.DemonstrationSelectors;
import org.culturalign.icl.Demonstrations;
import org.culturalign.icl.Selection;
import org.culturalign.icl.SelectionRequest;
import org.culturalign.model.ChatMessage;
import org.culturalign.model.ChatPrompt;
import org.culturalign.model.TextPrompt;
import org.culturalign.probe.Probe;
import org.culturalign.run.EvalConfig;
import org.culturalign.probe.ProbeFactory;
import org.culturalign.probe.ProbeFormat;
import org.culturalign.probe.ProbeSpec;
import org.culturalign.probe.PromptTemplate;
import org.culturalign.probe.ScoredTarget;
import org.culturalign.probe.ShownOption;
import org.culturalign.survey.Country;
import org.culturalign.survey.Question;
import org.culturalign.survey.SurveyData;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code culturalign prompt}: shows exactly what a model will see for one probe, and what is scored. */
@Command(name = "prompt", mixinStandardHelpOptions = true,
        description = "Show the exact prompt of one probe (or its chat messages as JSON), the continuations that "
                + "are scored, and the demonstrations chosen with the country's answers. The defaults (seed, "
                + "battery setting, answers, format, target) are eval's, so this is exactly the prompt `culturalign "
                + "eval` scores for the same question, country, language, shots, selector, format, persona and seed.",
        footer = {"", "Example: culturalign prompt --question Q46 --country DEU --language de --shots 5 "
                + "--selector chrf --format binary --persona"})
public final class PromptCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--question", required = true, description = "Question id, e.g. Q46.")
    String questionId;

    @Option(names = "--country", required = true, description = "ISO 3166-1 alpha-3 country code, e.g. DEU.")
    String countryCode;

    @Option(names = "--language", defaultValue = "en", description = "Probe language (BCP 47). Default: ${DEFAULT-VALUE}.")
    String language;

    @Option(names = {"--shots", "--num_fewshot"}, defaultValue = "0",
            description = "Number of demonstrations. Default: ${DEFAULT-VALUE}.")
    int shots;

    @Option(names = "--selector", defaultValue = "random",
            description = "Demonstration selector: random, category, chrf, fixed:Q1,Q2,... (embedding when its "
                    + "module is installed). Default: ${DEFAULT-VALUE}.")
    String selector;

    @Option(names = "--answers", defaultValue = EvalConfig.DEFAULT_ANSWER_MODE,
            description = "Demonstration answers: majority or sampled. Default: ${DEFAULT-VALUE}.")
    String answers;

    @Option(names = "--format", defaultValue = EvalConfig.DEFAULT_FORMAT,
            description = "full, binary, reversed, shuffled or numeric. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--persona", description = "Frame the probe as answering as a typical person from the country.")
    boolean persona;

    @ArgGroup(exclusive = true)
    ChatChoice chat;

    static final class ChatChoice {
        @Option(names = "--chat", description = "Chat messages; demonstrations in one user turn.")
        boolean oneTurn;

        @Option(names = "--chat-multi-turn", description = "Chat messages; each demonstration as a user and an "
                + "assistant turn.")
        boolean multiTurn;
    }

    @Option(names = {"--scored", "--target"}, defaultValue = EvalConfig.DEFAULT_TARGET,
            description = "What is scored: labels (\" A\"), texts (the option wording) or texts-norm (the option "
                    + "wording, read length-normalised; same prompt as texts). Default: ${DEFAULT-VALUE}.")
    String scored;

    @Option(names = "--exclude-battery", description = "Keep items of the test item's battery out of the "
            + "demonstrations (the default, as in eval).")
    boolean excludeBattery;

    @Option(names = "--include-battery", description = "Let items of the test item's battery be demonstrations "
            + "(as eval --include-battery).")
    boolean includeBattery;

    @Option(names = "--seed", defaultValue = "" + EvalConfig.DEFAULT_SEED, description = "Seed of selection, "
            + "sampled answers and shuffles (the same default as eval). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    DataOptions dataOptions = new DataOptions();

    @Override
    public Integer call() {
        SurveyData data = dataOptions.load();
        Question question = DataOptions.question(data, questionId);
        Country country = DataOptions.country(data, countryCode);
        String lang = DataOptions.language(data, language);
        PromptTemplate template = chat == null ? PromptTemplate.COMPLETION
                : chat.multiTurn ? PromptTemplate.CHAT_MULTI_TURN : PromptTemplate.CHAT_ONE_TURN;
        ProbeFormat probeFormat;
        try {
            probeFormat = ProbeFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--format: " + e.getMessage());
        }
        ProbeSpec probeSpec = new ProbeSpec(lang, probeFormat, persona, template,
                ScoredTarget.parse(scored), seed);
        String why = ProbeFactory.whyNot(data, question, country, probeSpec).orElse(null);
        if (why != null) {
            throw new InvalidInputException("no probe: " + why);
        }
        if (shots < 0) {
            throw new InvalidInputException("--shots must be >= 0, got " + shots);
        }
        if (excludeBattery && includeBattery) {
            throw new InvalidInputException("--exclude-battery and --include-battery: give one of them");
        }
        boolean battery = !includeBattery && (excludeBattery || EvalConfig.DEFAULT_EXCLUDE_BATTERY);
        DemonstrationSelector selectorImpl = DemonstrationSelectors.byName(selector);
        AnswerMode mode = AnswerMode.parse(answers);
        Selection selection = shots == 0 ? Selection.of(List.of()) : selectorImpl.select(new SelectionRequest(data,
                question, country, probeSpec.language(), shots, seed, battery, probeFormat));
        List<Demonstration> demos = Demonstrations.answers(data, country, selection.questionIds(), mode, seed,
                probeFormat);
        Probe probe = ProbeFactory.build(data, question, country, probeSpec, demos).orElseThrow();
        print(spec.commandLine().getOut(), data, probe, selection, mode);
        return ExitCodes.OK;
    }

    private void print(PrintWriter out, SurveyData data, Probe probe, Selection selection, AnswerMode mode) {
        ProbeSpec s = probe.spec();
        out.println("# " + probe.questionId() + " for " + probe.country() + " in " + s.language() + ": format "
                + s.format().cliName() + ", template " + s.template().cliName() + ", scored "
                + s.target().cliName() + ", persona " + (s.persona() ? "on" : "off") + ", seed " + s.seed());
        if (probe.demonstrations().isEmpty()) {
            out.println("# demonstrations: none (zero-shot)");
        } else {
            out.println("# demonstrations (" + selector + ", " + mode.cliName() + " answers, in prompt order):");
            for (int i = 0; i < probe.demonstrations().size(); i++) {
                Demonstration d = probe.demonstrations().get(i);
                Question q = data.requireQuestion(d.questionId());
                int pos = q.scale().positionOf(d.answerCode());
                String wording = q.text(s.language()).orElseThrow().optionLabels().get(pos);
                out.println("#   " + d.questionId() + " -> " + probe.demonstrationAnswers().get(i) + "  (code "
                        + d.answerCode() + ": " + wording + ")");
            }
            if (selection.fellBack()) {
                out.println("#   fell back: " + selection.note());
            }
        }
        if (probe.prompt() instanceof TextPrompt t) {
            out.println("----- prompt (exact text; the model continues right after its last character) -----");
            out.println(t.text());
        } else {
            out.println("----- chat messages (JSON) -----");
            out.println(chatJson((ChatPrompt) probe.prompt()));
        }
        out.println("----- continuations scored (JSON strings, in shown order) -----");
        ObjectMapper json = new ObjectMapper();
        for (ShownOption o : probe.options()) {
            String cont = probe.continuations().get(probe.options().indexOf(o));
            try {
                out.println(json.writeValueAsString(cont) + "  -> codes " + o.codes() + " (" + o.text() + ")");
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        out.flush();
    }

    static String chatJson(ChatPrompt prompt) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        ArrayNode messages = root.putArray("messages");
        List<ChatMessage> list = new ArrayList<>(prompt.messages());
        for (ChatMessage m : list) {
            messages.addObject().put("role", m.role().wireName()).put("content", m.content());
        }
        root.put("assistant_prefix", prompt.assistantPrefix());
        try {
            return json.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
