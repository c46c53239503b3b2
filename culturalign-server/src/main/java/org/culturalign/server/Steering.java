package org.culturalign.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.culturalign.InvalidInputException;
import org.culturalign.icl.AnswerMode;
import org.culturalign.icl.DemonstrationSelector;
import org.culturalign.icl.Demonstrations;
import org.culturalign.icl.Selection;
import org.culturalign.icl.TextSelectionRequest;
import org.culturalign.probe.DemonstrationTexts;
import org.culturalign.probe.ProbeTexts;
import org.culturalign.survey.Countries;
import org.culturalign.survey.Country;
import org.culturalign.survey.SurveyData;

/**
 * Self-alignment for one request: picks k demonstrations relevant to the user's last message with a
 * {@link DemonstrationSelector} ({@link DemonstrationSelector#selectForText}), answers them with the country's
 * majority answer ({@link Demonstrations#answers}), renders them in the request's language
 * ({@link DemonstrationTexts}) and adds them to the request body ({@link RenderMode}). Thread-safe.
 */
public final class Steering {
    /** The longest prefix of the user's message selected against, in characters (bounds the selection cost). */
    public static final int MAX_SELECTION_CHARS = 2000;

    /**
     * What was added to a request.
     *
     * @param country        the resolved country
     * @param language       the demonstrations' language
     * @param source         where the culture came from ({@link TargetCulture#source()})
     * @param selector       the selector's name
     * @param render         how the demonstrations were added
     * @param ids            the demonstrations' question ids, in prompt order
     * @param selectionNanos the time to select and render, nanoseconds
     */
    public record Applied(Country country, String language, String source, String selector, RenderMode render,
                          List<String> ids, long selectionNanos) {
    }

    private final SurveyData data;
    private final DemonstrationSelector selector;
    private final int k;
    private final RenderMode render;
    private final boolean persona;
    private final long seed;
    private final ConcurrentHashMap<String, Country> countries = new ConcurrentHashMap<>();

    /**
     * @param data     the survey data (catalog and country answers)
     * @param selector the selector; it must support free text
     * @param k        demonstrations per request, &gt;= 0
     * @param render   how to add them
     * @param persona  whether to add the persona line of the language
     * @param seed     the seed of random selection
     */
    public Steering(SurveyData data, DemonstrationSelector selector, int k, RenderMode render, boolean persona,
                    long seed) {
        this.data = data;
        this.selector = selector;
        this.k = k;
        this.render = render;
        this.persona = persona;
        this.seed = seed;
    }

    /** The selector's name. */
    public String selectorName() {
        return selector.name();
    }

    /**
     * The country a request names, among the data's countries (codes and names as {@link Countries#resolve}).
     *
     * @throws InvalidInputException for an unknown country or one without data
     */
    public Country country(String typed) {
        Country c = countries.get(typed);
        if (c == null) {
            c = Countries.resolve(typed, data);
            countries.put(typed, c);
        }
        return c;
    }

    /**
     * The text of the last user message of a chat request: a string content, or the {@code text} parts of an array
     * content joined by newlines.
     */
    public static Optional<String> lastUserText(JsonNode messages) {
        if (messages == null || !messages.isArray()) {
            return Optional.empty();
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if ("user".equals(m.path("role").asText())) {
                String t = text(m.get("content"));
                return t == null || t.isBlank() ? Optional.empty() : Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private static String text(JsonNode content) {
        if (content == null) {
            return null;
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode p : content) {
                if ("text".equals(p.path("type").asText()) && p.path("text").isTextual()) {
                    parts.add(p.get("text").asText());
                }
            }
            return String.join("\n", parts);
        }
        return null;
    }

    /**
     * Adds demonstrations for {@code userText} to a chat request's {@code messages} (changed in place).
     *
     * @throws InvalidInputException for an unknown country, a language without wording, too few candidates
     */
    public Applied steerChat(ObjectNode body, TargetCulture culture, String userText) {
        long t0 = System.nanoTime();
        Chosen chosen = choose(culture, userText);
        ArrayNode messages = (ArrayNode) body.get("messages");
        ProbeTexts texts = DemonstrationTexts.wording(chosen.language);
        List<ObjectNode> added = new ArrayList<>();
        int insertAt = 0;
        if (render == RenderMode.SYSTEM) {
            List<String> parts = new ArrayList<>();
            if (chosen.personaLine != null) {
                parts.add(chosen.personaLine);
            }
            chosen.shots.forEach(s -> parts.add(s.completion()));
            String preamble = String.join("\n\n", parts);
            JsonNode first = messages.size() > 0 ? messages.get(0) : null;
            if (first != null && "system".equals(first.path("role").asText()) && first.path("content").isTextual()) {
                ((ObjectNode) first).put("content", preamble.isEmpty() ? first.get("content").asText()
                        : preamble + "\n\n" + first.get("content").asText());
            } else if (!preamble.isEmpty()) {
                added.add(message("system", preamble));
            }
        } else {
            while (insertAt < messages.size() && "system".equals(messages.get(insertAt).path("role").asText())) {
                insertAt++;
            }
            if (chosen.personaLine != null) {
                added.add(message("system", chosen.personaLine));
            }
            for (DemonstrationTexts.Rendered s : chosen.shots) {
                added.add(message("user", s.block() + "\n\n" + texts.letterInstruction()));
                added.add(message("assistant", s.answer()));
            }
        }
        for (int i = 0; i < added.size(); i++) {
            messages.insert(insertAt + i, added.get(i));
        }
        return chosen.applied(culture, System.nanoTime() - t0);
    }

    /**
     * Puts demonstrations for the prompt before a completion request's text {@code prompt} (changed in place): the
     * shots in the completion layout, each followed by a blank line.
     *
     * @throws InvalidInputException as {@link #steerChat}
     */
    public Applied steerCompletion(ObjectNode body, TargetCulture culture) {
        long t0 = System.nanoTime();
        String prompt = body.get("prompt").asText();
        Chosen chosen = choose(culture, prompt);
        StringBuilder b = new StringBuilder();
        if (chosen.personaLine != null) {
            b.append(chosen.personaLine).append("\n\n");
        }
        chosen.shots.forEach(s -> b.append(s.completion()).append("\n\n"));
        body.put("prompt", b + prompt);
        return chosen.applied(culture, System.nanoTime() - t0);
    }

    private Chosen choose(TargetCulture culture, String userText) {
        Country country = country(culture.country());
        String language = culture.language();
        DemonstrationTexts.wording(language); // refuses a language without wording before selecting
        String text = userText.length() > MAX_SELECTION_CHARS ? userText.substring(0, MAX_SELECTION_CHARS) : userText;
        Selection s = selector.selectForText(new TextSelectionRequest(data, text, country, language, k, seed));
        List<DemonstrationTexts.Rendered> shots = DemonstrationTexts.render(data, country, language,
                Demonstrations.answers(data, country, s.questionIds(), AnswerMode.MAJORITY, seed));
        String personaLine = persona ? DemonstrationTexts.personaLine(data, country, language) : null;
        return new Chosen(country, language, s.questionIds(), shots, personaLine);
    }

    private static ObjectNode message(String role, String content) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("role", role);
        m.put("content", content);
        return m;
    }

    private final class Chosen {
        final Country country;
        final String language;
        final List<String> ids;
        final List<DemonstrationTexts.Rendered> shots;
        final String personaLine;

        Chosen(Country country, String language, List<String> ids, List<DemonstrationTexts.Rendered> shots,
               String personaLine) {
            this.country = country;
            this.language = language;
            this.ids = ids;
            this.shots = shots;
            this.personaLine = personaLine;
        }

        Applied applied(TargetCulture culture, long nanos) {
            return new Applied(country, language, culture.source(), selector.name(), render, ids, nanos);
        }
    }
}
