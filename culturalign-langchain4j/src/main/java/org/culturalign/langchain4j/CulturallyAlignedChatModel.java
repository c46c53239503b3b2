package org.culturalign.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.culturalign.InvalidInputException;
import org.culturalign.icl.AnswerMode;
import org.culturalign.icl.ChrfSelector;
import org.culturalign.icl.DemonstrationSelector;
import org.culturalign.icl.Demonstrations;
import org.culturalign.icl.Selection;
import org.culturalign.icl.TextSelectionRequest;
import org.culturalign.probe.DemonstrationTexts;
import org.culturalign.probe.ProbeTexts;
import org.culturalign.survey.BundledSample;
import org.culturalign.survey.Countries;
import org.culturalign.survey.Country;
import org.culturalign.survey.SurveyData;

/**
 * A LangChain4j {@link ChatModel} decorator that steers every request towards one country's values with
 * self-alignment (Choenni &amp; Shutova 2024): k survey demonstrations relevant to the last user message, answered
 * the way the country's people answered, chosen by a culturalign selector
 * ({@link DemonstrationSelector#selectForText}; chrF++ by default) and worded in the chosen language exactly as
 * {@code culturalign prompt} shows them ({@link DemonstrationTexts}). The same logic as {@code culturalign serve},
 * in process.
 *
 * <p>{@link Render#SYSTEM} (default) puts the demonstrations in a system message before the conversation (merged
 * before the text of a leading system message); {@link Render#FEW_SHOT} inserts a user turn and an assistant answer
 * per demonstration after the leading system messages. A request without user text is passed on unchanged. The
 * delegate's parameters, listeners, capabilities and provider are kept.
 *
 * <pre>{@code
 * ChatModel model = CulturallyAlignedChatModel.builder().delegate(openAi).country("DEU").language("de").k(5).build();
 * }</pre>
 */
public final class CulturallyAlignedChatModel implements ChatModel {
    /** How demonstrations are added to a request. */
    public enum Render {
        /** One system message with the demonstrations (question blocks and "Answer: B"), blank lines between. */
        SYSTEM,
        /** A user turn (question block and the letter instruction) and an assistant turn per demonstration. */
        FEW_SHOT
    }

    /**
     * What was added to one request.
     *
     * @param country  the country
     * @param language the language of the demonstrations
     * @param selector the selector's name
     * @param ids      the demonstrations' question ids, in prompt order
     */
    public record Steered(Country country, String language, String selector, List<String> ids) {
    }

    private final ChatModel delegate;
    private final SurveyData data;
    private final Country country;
    private final String language;
    private final int k;
    private final DemonstrationSelector selector;
    private final Render render;
    private final long seed;
    private final Consumer<Steered> onSteered;

    private CulturallyAlignedChatModel(Builder b) {
        if (b.delegate == null || b.country == null) {
            throw new IllegalArgumentException("CulturallyAlignedChatModel needs a delegate and a country");
        }
        this.delegate = b.delegate;
        this.data = b.data == null ? BundledSample.load() : b.data;
        this.country = Countries.resolve(b.country, data);
        this.language = b.language;
        DemonstrationTexts.wording(language);
        if (b.k < 0 || b.k > 50) {
            throw new IllegalArgumentException("k must be in 0..50, got " + b.k);
        }
        this.k = b.k;
        this.selector = b.selector == null ? new ChrfSelector() : b.selector;
        this.render = b.render;
        this.seed = b.seed;
        this.onSteered = b.onSteered;
    }

    /** A builder: {@code delegate} and {@code country} are required; language en, k 5, chrF++, system render. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return delegate.chat(steer(request));
    }

    /**
     * The request with the demonstrations added (what the delegate receives).
     *
     * @throws InvalidInputException when there are fewer candidate questions than k
     */
    public ChatRequest steer(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        String text = lastUserText(messages);
        if (text == null || text.isBlank() || k == 0) {
            return request;
        }
        Selection s = selector.selectForText(new TextSelectionRequest(data, text, country, language, k, seed));
        List<DemonstrationTexts.Rendered> shots = DemonstrationTexts.render(data, country, language,
                Demonstrations.answers(data, country, s.questionIds(), AnswerMode.MAJORITY, seed));
        List<ChatMessage> out = new ArrayList<>(messages);
        if (render == Render.SYSTEM) {
            List<String> parts = new ArrayList<>();
            shots.forEach(r -> parts.add(r.completion()));
            String preamble = String.join("\n\n", parts);
            if (!out.isEmpty() && out.get(0) instanceof SystemMessage sm) {
                out.set(0, SystemMessage.from(preamble + "\n\n" + sm.text()));
            } else {
                out.add(0, SystemMessage.from(preamble));
            }
        } else {
            ProbeTexts texts = DemonstrationTexts.wording(language);
            int at = 0;
            while (at < out.size() && out.get(at) instanceof SystemMessage) {
                at++;
            }
            List<ChatMessage> turns = new ArrayList<>();
            for (DemonstrationTexts.Rendered r : shots) {
                turns.add(UserMessage.from(r.block() + "\n\n" + texts.letterInstruction()));
                turns.add(AiMessage.from(r.answer()));
            }
            out.addAll(at, turns);
        }
        if (onSteered != null) {
            onSteered.accept(new Steered(country, language, selector.name(), s.questionIds()));
        }
        return request.toBuilder().messages(out).build();
    }

    private static String lastUserText(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage u) {
                List<String> parts = new ArrayList<>();
                for (Content c : u.contents()) {
                    if (c instanceof TextContent t) {
                        parts.add(t.text());
                    }
                }
                return String.join("\n", parts);
            }
        }
        return null;
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return delegate.listeners();
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }

    /** Builds a {@link CulturallyAlignedChatModel}. */
    public static final class Builder {
        private ChatModel delegate;
        private SurveyData data;
        private String country;
        private String language = "en";
        private int k = 5;
        private DemonstrationSelector selector;
        private Render render = Render.SYSTEM;
        private long seed = 1234;
        private Consumer<Steered> onSteered;

        /** The model every steered request goes to (required). */
        public Builder delegate(ChatModel m) {
            this.delegate = m;
            return this;
        }

        /** The survey data (default: the bundled WVS-7 sample). */
        public Builder data(SurveyData d) {
            this.data = d;
            return this;
        }

        /** The target country: ISO alpha-3 code or name, with data in the survey (required). */
        public Builder country(String c) {
            this.country = c;
            return this;
        }

        /** The demonstrations' language (en, de, es, ru, zh for the bundled sample; default en). */
        public Builder language(String l) {
            this.language = l;
            return this;
        }

        /** Demonstrations per request, 0..50 (default 5). */
        public Builder k(int n) {
            this.k = n;
            return this;
        }

        /** The selector (default chrF++; e.g. {@code DemonstrationSelectors.byName("embedding")}). */
        public Builder selector(DemonstrationSelector s) {
            this.selector = s;
            return this;
        }

        /** How demonstrations are added (default {@link Render#SYSTEM}). */
        public Builder render(Render r) {
            this.render = r;
            return this;
        }

        /** The seed of random selection (default 1234, as {@code culturalign eval}). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Called with what was added, once per steered request (e.g. to log the demonstration ids). */
        public Builder onSteered(Consumer<Steered> c) {
            this.onSteered = c;
            return this;
        }

        /**
         * @throws IllegalArgumentException without delegate or country, or for k out of range
         * @throws InvalidInputException    for a country without data or a language without probe wording
         */
        public CulturallyAlignedChatModel build() {
            return new CulturallyAlignedChatModel(this);
        }
    }
}
