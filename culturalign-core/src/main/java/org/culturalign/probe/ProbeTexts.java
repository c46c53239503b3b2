package org.culturalign.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fixed wording of probes in one language (stems, persona line, chat instructions), read from the UTF-8 resource
 * {@code org/culturalign/probe/texts/<language>.properties}: adding a language is adding that file.
 *
 * @param question        the question stem, e.g. "Question:"
 * @param answer          the answer stem, e.g. "Answer:" (the completion prompt ends with it; the chat assistant
 *                        prefix)
 * @param separator       what follows a stem before its content: " " in most languages, "" in Chinese
 * @param persona         the persona line with a {@code {country}} placeholder
 * @param letterInstruction chat: "answer with the letter only"
 * @param numberInstruction chat, numeric labels: "answer with the number only"
 * @param textInstruction   chat, option texts scored: "answer with the option text only"
 */
public record ProbeTexts(String question, String answer, String separator, String persona, String letterInstruction,
                         String numberInstruction, String textInstruction) {

    private static final String FOLDER = "/org/culturalign/probe/texts/";
    private static final List<String> KEYS = List.of("question", "answer", "stem.separator", "persona",
            "instruction.letter", "instruction.number", "instruction.text");
    private static final Map<String, Optional<ProbeTexts>> CACHE = new ConcurrentHashMap<>();

    /** The wording for a language, or empty when there is no resource file for it. */
    public static Optional<ProbeTexts> forLanguage(String language) {
        return CACHE.computeIfAbsent(language, ProbeTexts::load);
    }

    /** The persona line for a country name. */
    public String personaFor(String countryName) {
        return persona.replace("{country}", countryName);
    }

    private static Optional<ProbeTexts> load(String language) {
        if (!language.matches("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")) {
            return Optional.empty();
        }
        try (InputStream in = ProbeTexts.class.getResourceAsStream(FOLDER + language + ".properties")) {
            if (in == null) {
                return Optional.empty();
            }
            Properties p = new Properties();
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            for (String key : KEYS) {
                if (p.getProperty(key) == null) {
                    throw new IllegalStateException(FOLDER + language + ".properties lacks the key " + key);
                }
            }
            return Optional.of(new ProbeTexts(p.getProperty("question"), p.getProperty("answer"),
                    p.getProperty("stem.separator"), p.getProperty("persona"), p.getProperty("instruction.letter"),
                    p.getProperty("instruction.number"), p.getProperty("instruction.text")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read probe texts for " + language, e);
        }
    }
}
