package org.culturalign.llamacpp.gguf;

/**
 * Shape and metadata of a generated llama-architecture model.
 *
 * @param name          {@code general.name}
 * @param embedding     {@code llama.embedding_length} (a multiple of {@code heads})
 * @param layers        {@code llama.block_count}
 * @param heads         {@code llama.attention.head_count} (= head_count_kv)
 * @param feedForward   {@code llama.feed_forward_length}
 * @param contextLength {@code llama.context_length}: the longest context the file declares
 * @param chatTemplate  {@code tokenizer.chat_template} (a Jinja template llama.cpp recognises), or null for none
 */
public record TinyModelConfig(String name, int embedding, int layers, int heads, int feedForward, int contextLength,
                              String chatTemplate) {
    /** RMS-norm epsilon written to {@code llama.attention.layer_norm_rms_epsilon}. */
    public static final float RMS_EPS = 1e-5f;

    /** ChatML, which llama.cpp's {@code llama_chat_apply_template} recognises by its {@code <|im_start|>} marker. */
    public static final String CHATML = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + "
            + "message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}"
            + "{{ '<|im_start|>assistant\\n' }}{% endif %}";

    /** @throws IllegalArgumentException for non-positive sizes or an embedding not divisible by the heads */
    public TinyModelConfig {
        if (embedding <= 0 || layers <= 0 || heads <= 0 || feedForward <= 0 || contextLength <= 0
                || embedding % heads != 0) {
            throw new IllegalArgumentException("bad tiny model shape: embedding " + embedding + ", layers " + layers
                    + ", heads " + heads + ", feed-forward " + feedForward + ", context " + contextLength);
        }
    }

    /** The demo / default shape: 64-dim embedding, 2 layers, 4 heads, feed-forward 128, context 8192, ChatML. */
    public static TinyModelConfig small(String name) {
        return new TinyModelConfig(name, 64, 2, 4, 128, 8192, CHATML);
    }

    /** The same shape with another chat template (null for none). */
    public TinyModelConfig withChatTemplate(String template) {
        return new TinyModelConfig(name, embedding, layers, heads, feedForward, contextLength, template);
    }
}
