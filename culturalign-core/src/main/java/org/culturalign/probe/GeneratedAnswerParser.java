package org.culturalign.probe;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads which option a generated answer chose, for models that give no log-probabilities (generate-and-parse
 * scoring, the fallback of lm-evaluation-harness' {@code generate_until} tasks). An answer is an option (by its label,
 * e.g. {@code "B"}, {@code "(B)"}, {@code "Answer: B"}, {@code "2."}, or by its text in the probe's language), a
 * refusal ({@code "As an AI I cannot..."}, {@code "Ich kann keine..."}, {@code "作为人工智能..."}), or unparseable.
 * Refusals and unparseable answers are never counted as an option.
 *
 * <p>Matching order, most to least specific: a refusal phrase wins (a refusal often quotes the options); then the
 * whole answer being a label ({@code "B"}, {@code "(B)"}, {@code "B."}, {@code "**B**"}); then an answer cue followed by
 * a label ({@code "Answer: B"}, {@code "The answer is (B)"}, {@code "Antwort: B"}, {@code "答案：B"}); then a label
 * opening the answer as a list marker ({@code "B) Agree"}, {@code "B. Agree"}); then exactly one option text occurring
 * in the answer (the longest match wins when one text contains another: "not important" over "important"). Text is
 * compared after NFKC normalisation (full-width {@code （Ｂ）} equals {@code (B)}) and, for option texts, case folding.
 */
public final class GeneratedAnswerParser {

    /** What one answer was read as. */
    public enum Kind { OPTION, REFUSAL, UNPARSEABLE }

    /**
     * One parsed answer.
     *
     * @param kind   option, refusal or unparseable
     * @param option the chosen option's index (presentation order), or -1 unless {@code kind == OPTION}
     */
    public record ParsedAnswer(Kind kind, int option) {
        static ParsedAnswer option(int i) {
            return new ParsedAnswer(Kind.OPTION, i);
        }
    }

    private static final ParsedAnswer REFUSAL = new ParsedAnswer(Kind.REFUSAL, -1);
    private static final ParsedAnswer UNPARSEABLE = new ParsedAnswer(Kind.UNPARSEABLE, -1);

    /** Refusal phrases in the probe languages; matched case-insensitively anywhere in the answer. */
    private static final Pattern REFUSAL_PATTERN = Pattern.compile(String.join("|",
            "as an ai", "as a language model", "as an artificial intelligence", "i am an ai", "i'm an ai",
            "i (?:cannot|can't|can not|won't|will not|am unable to|am not able to|do not|don't) (?:provide|give|"
                    + "answer|express|share|have|hold|choose|pick|select|take|form|offer)",
            "i don't have (?:personal )?(?:opinions|beliefs|views|preferences|feelings)",
            "i do not have (?:personal )?(?:opinions|beliefs|views|preferences|feelings)",
            "i'm not able to", "i am not able to", "i must decline", "i prefer not to",
            "als (?:eine )?ki", "als künstliche intelligenz", "als sprachmodell",
            "ich kann (?:keine|nicht)", "ich habe keine (?:persönliche|eigene)",
            "作为(?:一个)?(?:人工智能|ai|语言模型|ai语言模型)", "我(?:无法|不能|没有)(?:提供|回答|表达|选择|拥有)?(?:个人)?",
            "我没有个人", "作为ai"), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** Answer cues in the probe languages, followed by a label. */
    private static final String CUE = "(?:answer|the answer is|my answer is|final answer|option|choice|i choose|"
            + "i would choose|i pick|antwort|meine antwort ist|die antwort ist|option|wahl|ich wähle|"
            + "答案是|答案|回答|选项|选择|我选择|我选|选)";

    private final List<String> labels;
    private final List<String> texts;
    private final Pattern wholeLabel;
    private final Pattern cuedLabel;
    private final Pattern leadingLabel;

    /**
     * @param labels option labels in presentation order, as the probe shows them ({@code "A"}, {@code "B"} or
     *               {@code "1"}, {@code "2"}); surrounding whitespace is ignored
     * @param texts  option texts in the probe's language, same order (may be empty: labels only)
     * @throws IllegalArgumentException for fewer than two labels, a blank or duplicate label, or texts of another
     *                                  length
     */
    public GeneratedAnswerParser(List<String> labels, List<String> texts) {
        if (labels == null || labels.size() < 2) {
            throw new IllegalArgumentException("answer parser needs at least two option labels");
        }
        List<String> ls = new ArrayList<>();
        for (String l : labels) {
            String n = normalise(l).strip();
            if (n.isEmpty() || ls.contains(n)) {
                throw new IllegalArgumentException("option labels must be non-blank and distinct: " + labels);
            }
            ls.add(n);
        }
        List<String> ts = new ArrayList<>();
        if (texts != null && !texts.isEmpty()) {
            if (texts.size() != labels.size()) {
                throw new IllegalArgumentException("got " + labels.size() + " labels but " + texts.size() + " texts");
            }
            for (String t : texts) {
                ts.add(fold(t).strip());
            }
        }
        this.labels = List.copyOf(ls);
        this.texts = List.copyOf(ts);
        StringBuilder alt = new StringBuilder();
        // longest first, so "10" is tried before "1"
        ls.stream().sorted((a, b) -> b.length() - a.length()).forEach(l -> {
            if (alt.length() > 0) {
                alt.append('|');
            }
            alt.append(Pattern.quote(l));
        });
        String label = "(" + alt + ")";
        String open = "[\\s*_\"'`\\[(]*";
        String close = "[\\s*_\"'`\\])]*";
        this.wholeLabel = Pattern.compile("^" + open + label + close + "[.。:：!]?" + close + "$",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        this.cuedLabel = Pattern.compile(CUE + "\\s*(?:is|ist|是|为)?\\s*[:：]?\\s*" + open + label
                + "(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        this.leadingLabel = Pattern.compile("^" + open + label + "\\s*[).:：、。]" + "(?:\\s|$)");
    }

    /**
     * Parses one generated answer.
     *
     * @param answer the model's text (may be empty)
     * @return the option chosen, or a refusal, or unparseable
     */
    public ParsedAnswer parse(String answer) {
        String a = normalise(answer == null ? "" : answer).strip();
        if (a.isEmpty()) {
            return UNPARSEABLE;
        }
        if (REFUSAL_PATTERN.matcher(a).find()) {
            return REFUSAL;
        }
        Matcher m = wholeLabel.matcher(a);
        if (m.matches()) {
            return ParsedAnswer.option(labelIndex(m.group(1)));
        }
        m = cuedLabel.matcher(a);
        if (m.find()) {
            return ParsedAnswer.option(labelIndex(m.group(1)));
        }
        m = leadingLabel.matcher(a);
        if (m.find()) {
            return ParsedAnswer.option(labelIndex(m.group(1)));
        }
        return byText(fold(a));
    }

    private int labelIndex(String found) {
        int exact = labels.indexOf(found);
        if (exact >= 0) {
            return exact;
        }
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).equalsIgnoreCase(found)) {
                return i;
            }
        }
        throw new IllegalStateException("matched label '" + found + "' is none of " + labels);
    }

    private ParsedAnswer byText(String folded) {
        int best = -1;
        int bestLength = 0;
        boolean tie = false;
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            if (t.isEmpty() || !folded.contains(t)) {
                continue;
            }
            if (t.length() > bestLength) {
                best = i;
                bestLength = t.length();
                tie = false;
            } else if (t.length() == bestLength) {
                tie = true;
            }
        }
        if (best < 0 || tie) {
            return UNPARSEABLE;
        }
        // a shorter text found too that is not part of the best one means two options were named
        String rest = folded.replace(texts.get(best), " ");
        for (int i = 0; i < texts.size(); i++) {
            if (i != best && !texts.get(i).isEmpty() && rest.contains(texts.get(i))) {
                return UNPARSEABLE;
            }
        }
        return ParsedAnswer.option(best);
    }

    private static String normalise(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC);
    }

    private static String fold(String s) {
        return normalise(s).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }
}
