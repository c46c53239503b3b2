package org.culturalign.llamacpp.gguf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A SentencePiece-style ({@code tokenizer.ggml.model = llama}) vocabulary for generated models: {@code <unk>},
 * {@code <s>}, {@code </s>}, the 256 byte tokens {@code <0x00>..<0xFF>} (so any UTF-8 text in any language
 * tokenises), then text pieces in which {@code ▁} (U+2581) marks a leading space. SentencePiece only merges symbols
 * into pieces that are in the vocabulary, so every prefix of a multi-character piece is added with it.
 *
 * <p>The pieces cover the option labels the probes score: {@code " A"} to {@code " Z"}, {@code " 1"} to
 * {@code " 10"}, {@code " Yes"}/{@code " No"} and the letters, digits and punctuation of the answer stems.
 */
public final class TinyVocabulary {
    /** The leading-space marker of SentencePiece pieces. */
    public static final String SPACE = "\u2581";
    /** Token id of {@code <unk>}. */
    public static final int UNK = 0;
    /** Token id of {@code <s>} (beginning of sequence). */
    public static final int BOS = 1;
    /** Token id of {@code </s>} (end of sequence). */
    public static final int EOS = 2;

    private static final int TYPE_NORMAL = 1;
    private static final int TYPE_UNKNOWN = 2;
    private static final int TYPE_CONTROL = 3;
    private static final int TYPE_BYTE = 6;

    private final List<String> pieces;
    private final int[] types;
    private final float[] scores;
    private final Map<String, Integer> ids;

    private TinyVocabulary(List<String> pieces, int[] types, float[] scores) {
        this.pieces = Collections.unmodifiableList(pieces);
        this.types = types;
        this.scores = scores;
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < pieces.size(); i++) {
            m.putIfAbsent(pieces.get(i), i);
        }
        this.ids = m;
    }

    /** The standard vocabulary of generated models (about 420 tokens). */
    public static TinyVocabulary standard() {
        List<String> words = new ArrayList<>();
        for (char c = 'A'; c <= 'Z'; c++) {
            words.add(SPACE + c);
        }
        for (int n = 0; n <= 10; n++) {
            words.add(SPACE + n);
        }
        for (String w : List.of("Yes", "No", "Answer", "Question", "yes", "no", "ja", "nein", "Antwort")) {
            words.add(SPACE + w);
            words.add(w);
        }
        List<String> chars = new ArrayList<>();
        for (char c = 'A'; c <= 'Z'; c++) {
            chars.add(String.valueOf(c));
        }
        for (char c = 'a'; c <= 'z'; c++) {
            chars.add(String.valueOf(c));
        }
        for (char c = '0'; c <= '9'; c++) {
            chars.add(String.valueOf(c));
        }
        for (char c : ":.,?!()-'\"".toCharArray()) {
            chars.add(String.valueOf(c));
        }
        List<String> pieces = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        for (int b = 0; b < 256; b++) {
            pieces.add(String.format("<0x%02X>", b));
        }
        java.util.LinkedHashSet<String> text = new java.util.LinkedHashSet<>();
        text.add(SPACE);
        text.addAll(chars);
        for (String w : words) {
            for (int end = 1; end <= w.length(); end++) {
                text.add(w.substring(0, end));
            }
        }
        pieces.addAll(text);
        int[] types = new int[pieces.size()];
        float[] scores = new float[pieces.size()];
        for (int i = 0; i < pieces.size(); i++) {
            if (i == UNK) {
                types[i] = TYPE_UNKNOWN;
            } else if (i < 3) {
                types[i] = TYPE_CONTROL;
            } else if (i < 3 + 256) {
                types[i] = TYPE_BYTE;
            } else {
                types[i] = TYPE_NORMAL;
                // SentencePiece merges the highest-scoring bigram first: prefer longer pieces
                scores[i] = pieces.get(i).length() - i * 1e-4f;
            }
        }
        return new TinyVocabulary(pieces, types, scores);
    }

    /** Number of tokens. */
    public int size() {
        return pieces.size();
    }

    /** The pieces, by token id. */
    public List<String> pieces() {
        return pieces;
    }

    /** Token types ({@code tokenizer.ggml.token_type}: 1 normal, 2 unknown, 3 control, 6 byte), by token id. */
    public int[] types() {
        return types.clone();
    }

    /** Merge scores ({@code tokenizer.ggml.scores}), by token id. */
    public float[] scores() {
        return scores.clone();
    }

    /**
     * The id of a piece given as text ({@code " A"} and {@code "▁A"} both name the piece {@code ▁A}).
     *
     * @throws IllegalArgumentException when the piece is not in the vocabulary
     */
    public int id(String piece) {
        Integer id = ids.get(piece.replace(" ", SPACE));
        if (id == null) {
            throw new IllegalArgumentException("no piece '" + piece + "' in the tiny vocabulary");
        }
        return id;
    }
}
