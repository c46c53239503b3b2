package org.culturalign.llamacpp;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.culturalign.InvalidInputException;
import org.culturalign.io.Sha256;
import org.culturalign.model.Capability;
import org.culturalign.model.ChatMessage;
import org.culturalign.model.ChatPrompt;
import org.culturalign.model.ContinuationScore;
import org.culturalign.model.GenerationRequest;
import org.culturalign.model.LanguageModel;
import org.culturalign.model.ModelException;
import org.culturalign.model.ModelIdentity;
import org.culturalign.model.Prompt;
import org.culturalign.model.ScoringRequest;
import org.culturalign.model.ScoringResult;
import org.culturalign.model.TextPrompt;
import org.culturalign.model.TokenLogprob;
import org.culturalign.model.UnsupportedCapabilityException;

/**
 * A GGUF model run in process by llama.cpp, bound with JNA: the bundled build b4916 ({@code de.kherud:llama:4.2.0}),
 * or a current {@code libllama.so} named by the model arg {@code llama_lib} or {@code CULTURALIGN_LLAMA_LIB}
 * ({@link NativeLibrary}). On Gemma 3 files the two builds' logits differ by up to 1 nat (docs/real-model.md); the
 * current one agrees with an fp32 reference forward pass.
 *
 * <p><b>Scores.</b> Exact natural-log probabilities from the logits: log-softmax computed in double precision over the
 * whole vocabulary, summed over the continuation's tokens.
 *
 * <p><b>The join rule.</b> Context and context+continuation are tokenised separately and compared; the continuation's
 * tokens are those of context+continuation after the longest common token prefix, i.e. the continuation is what
 * follows the context's last whole-token boundary. When a token spans the join (the context's last token merges with
 * the continuation's first characters), that token and the text it covers are scored as part of the continuation,
 * conditioned on the context before it. The scored token count is {@link ContinuationScore#tokenCount()}.
 *
 * <p><b>Work.</b> Per request the shared context is decoded once (the tokens all continuations agree on); each
 * continuation then decodes only its own tokens but the last from that KV-cache state, which is rolled back after it.
 * A 300-token context with four single-token options decodes 300 tokens. {@link #tokensDecoded()} counts them.
 * With the model arg {@code batching=whole} (or {@code after-bos}) each continuation is instead decoded with its context
 * in one call from an empty cache, as llama-cpp-python does (or its server): 4-bit kernels make logits depend on the
 * split ({@link LlamaCppOptions.Batching}).
 *
 * <p><b>Chat prompts</b> are rendered with the GGUF's own {@code tokenizer.chat_template}, or with the llama.cpp
 * built-in template named by the {@code chat_template} model arg ({@code llama_chat_apply_template}, generation
 * prompt added), and the {@link ChatPrompt#assistantPrefix()} appended; files without a template llama.cpp recognises
 * do not declare {@link Capability#CHAT_LOGLIKELIHOOD}. Special tokens in the rendered text
 * ({@code <start_of_turn>}) are parsed as the model's control tokens.
 *
 * <p>Thread-safe: calls are serialised on the one llama.cpp context.
 */
public final class LlamaCppModel implements LanguageModel {
    /** The backend name in {@link ModelIdentity#backend()}. */
    public static final String BACKEND = "llamacpp";
    private static final int MAX_PROMPT_BYTES = 64 << 20;

    private final NativeLibrary lib;
    private final LlamaNative api;
    private final Path file;
    private final LlamaCppOptions options;
    private Pointer model;
    private Pointer ctx;
    private final Pointer vocab;
    private final LlamaNative.Batch batch;
    private final int nVocab;
    private final int nCtx;
    private final String chatTemplate;
    private final Set<Capability> capabilities;
    private final ModelIdentity identity;
    private final float[] logitBuffer;
    private long tokensDecoded;
    private long decodeCalls;
    private long nativeNanos;
    private boolean closed;

    private LlamaCppModel(Path file, LlamaCppOptions options, Map<String, String> extraDetails, String nameOverride) {
        this.lib = options.library() == null ? NativeLibrary.get() : NativeLibrary.get(options.library());
        this.api = lib.api;
        this.file = file;
        this.options = options;
        String digest = "sha256:" + sha256(file);
        synchronized (NativeLibrary.class) {
            lib.clearLog();
            if (options.verbose()) {
                lib.echo();
            }
            model = lib.captureStderr(() -> lib.abi.loadModel(file.toAbsolutePath().toString()));
            if (model == null) {
                throw new InvalidInputException(file + ": llama.cpp could not load this GGUF model file"
                        + explain(lib.recentLog()));
            }
        }
        try {
            vocab = api.llama_model_get_vocab(model);
            if (vocab == null) {
                throw new InvalidInputException(file + ": the GGUF model has no vocabulary");
            }
            nVocab = api.llama_vocab_n_tokens(vocab);
            int trained = api.llama_model_n_ctx_train(model);
            int wantedCtx = options.contextSize() > 0 ? options.contextSize()
                    : Math.min(trained > 0 ? trained : 4096, 4096);
            lib.clearLog();
            ctx = lib.abi.newContext(model, wantedCtx, options.batchSize(), options.threads());
            if (ctx == null) {
                throw new InvalidInputException(file + ": llama.cpp could not create a context with n_ctx="
                        + wantedCtx + ", n_batch=" + options.batchSize() + explain(lib.recentLog()));
            }
            nCtx = api.llama_n_ctx(ctx);
            batch = api.llama_batch_init(options.batchSize(), 0, 1);
            logitBuffer = new float[nVocab];
            if (options.chatTemplate() != null) {
                chatTemplate = options.chatTemplate();
            } else {
                Pointer tmpl = api.llama_model_chat_template(model, null);
                chatTemplate = tmpl == null ? null : tmpl.getString(0, StandardCharsets.UTF_8.name());
            }
            EnumSet<Capability> caps = EnumSet.of(Capability.LOGLIKELIHOOD, Capability.NEXT_TOKEN_LOGPROBS,
                    Capability.GENERATE);
            if (chatTemplate != null && templateRecognised()) {
                caps.add(Capability.CHAT_LOGLIKELIHOOD);
            } else if (options.chatTemplate() != null) {
                throw new InvalidInputException("--model-args: chat_template=" + options.chatTemplate() + " is not a "
                        + "chat template llama.cpp " + lib.build + " knows; built-in names include gemma, chatml, "
                        + "llama2, llama3, mistral-v7, phi3, zephyr, deepseek3, command-r");
            }
            capabilities = Set.copyOf(caps);
            identity = buildIdentity(digest, trained, extraDetails, nameOverride);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Opens a GGUF file.
     *
     * @throws InvalidInputException for a missing, corrupt, truncated or unsupported file, or a context llama.cpp
     *                               refuses (one line naming the file and llama.cpp's reason)
     * @throws ModelException        when the native library cannot be loaded or its layouts do not match
     */
    public static LlamaCppModel open(Path gguf, LlamaCppOptions options) {
        GgufFileCheck.check(gguf);
        return new LlamaCppModel(gguf, options, Map.of(), null);
    }

    /** Opens a GGUF file with a fixed name and extra identity details (the demo model). */
    static LlamaCppModel open(Path gguf, LlamaCppOptions options, String name, Map<String, String> extraDetails) {
        GgufFileCheck.check(gguf);
        return new LlamaCppModel(gguf, options, extraDetails, name);
    }

    @Override
    public ModelIdentity identity() {
        return identity;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    /** Total tokens run through the model (all decode calls) since it was opened. */
    public synchronized long tokensDecoded() {
        return tokensDecoded;
    }

    /**
     * Wall time spent in llama.cpp's decode and in copying logits out of it since the model was opened, in
     * nanoseconds: with {@link System#nanoTime()} around a request, the share of a probe's time spent outside
     * llama.cpp (tokenising, log-softmax, bookkeeping).
     */
    public synchronized long nativeDecodeNanos() {
        return nativeNanos;
    }

    /** Total {@code llama_decode} calls since the model was opened. */
    public synchronized long decodeCalls() {
        return decodeCalls;
    }

    /** The context window in tokens. */
    public int contextSize() {
        return nCtx;
    }

    /** The options the model was opened with. */
    public LlamaCppOptions options() {
        return options;
    }

    /**
     * The exact text the model is given for a prompt: a text prompt as is; a chat prompt rendered with the GGUF's chat
     * template (generation prompt added) followed by the assistant prefix.
     *
     * @throws UnsupportedCapabilityException for a chat prompt when the file has no usable chat template
     */
    public synchronized String render(Prompt prompt) {
        ensureOpen();
        if (prompt instanceof TextPrompt t) {
            return t.text();
        }
        ChatPrompt chat = (ChatPrompt) prompt;
        if (!capabilities.contains(Capability.CHAT_LOGLIKELIHOOD)) {
            throw new UnsupportedCapabilityException(BACKEND, Capability.CHAT_LOGLIKELIHOOD, capabilities,
                    chatTemplate == null ? file.getFileName() + " has no tokenizer.chat_template"
                            : "llama.cpp " + lib.build + " does not recognise the chat template of "
                            + file.getFileName());
        }
        return applyTemplate(chat.messages()) + chat.assistantPrefix();
    }

    /** Token ids of a text as this model tokenises it (beginning-of-sequence token added when the model uses one). */
    public synchronized int[] tokenize(String text) {
        ensureOpen();
        return tokenize(text, false);
    }

    /** The UTF-8 text of one token id (its piece, a leading space where the piece has one). */
    synchronized String pieceText(int token) {
        ensureOpen();
        return new String(piece(token), StandardCharsets.UTF_8);
    }

    @Override
    public synchronized List<ScoringResult> loglikelihood(List<ScoringRequest> requests) {
        ensureOpen();
        List<ScoringResult> results = new ArrayList<>(requests.size());
        for (int r = 0; r < requests.size(); r++) {
            try {
                results.add(score(requests.get(r)));
            } catch (InvalidInputException | ModelException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ModelException("llamacpp: request " + r + " (" + requests.get(r).prompt().summary()
                        + ") failed: " + e, false, e);
            }
        }
        return results;
    }

    private ScoringResult score(ScoringRequest request) {
        String text = render(request.prompt());
        boolean special = request.prompt() instanceof ChatPrompt;
        int[] context = tokenize(text, special);
        int n = request.continuations().size();
        int[][] whole = new int[n][];
        int[] start = new int[n];
        int shared = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            String continuation = request.continuations().get(i);
            whole[i] = tokenize(text + continuation, special);
            start[i] = commonPrefix(context, whole[i]);
            if (start[i] == 0) {
                throw new InvalidInputException("llamacpp: cannot score '" + continuation + "' after an empty "
                        + "context: " + identity.name() + " adds no beginning-of-sequence token");
            }
            if (start[i] == whole[i].length) {
                throw new ModelException("llamacpp: continuation '" + continuation + "' adds no token after '"
                        + request.prompt().summary() + "'", false);
            }
            if (whole[i].length > nCtx) {
                throw new InvalidInputException("llamacpp: prompt and continuation are " + whole[i].length
                        + " tokens, more than the context window n_ctx=" + nCtx
                        + "; raise it with --model-args n_ctx=N");
            }
            shared = Math.min(shared, start[i]);
        }
        if (options.batching() != LlamaCppOptions.Batching.SHARED) {
            return scoreWhole(request, whole, start, options.batching() == LlamaCppOptions.Batching.AFTER_BOS ? 1 : 0);
        }
        lib.abi.clear(ctx);
        double[][] sharedDistribution = new double[1][];
        final int m = shared;
        decode(whole[0], 0, m, pos -> pos == m - 1, (pos, logits) -> sharedDistribution[0] = logSoftmax(logits));
        List<ContinuationScore> scores = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int[] tokens = whole[i];
            int k = start[i];
            double[] sum = new double[1];
            if (k == m) {
                sum[0] += sharedDistribution[0][tokens[m]];
            }
            // positions p in [k-1, len-2] predict token p+1; those below m were decoded with the shared context
            int firstNeeded = Math.max(k - 1, m);
            if (tokens.length - 1 > m) {
                decode(tokens, m, tokens.length - 1, pos -> pos >= firstNeeded,
                        (pos, logits) -> sum[0] += logProbOf(logits, tokens[pos + 1]));
            }
            lib.abi.dropFrom(ctx, m);
            scores.add(ContinuationScore.exact(request.continuations().get(i), sum[0], tokens.length - k));
        }
        return new ScoringResult(scores, "logits");
    }

    /**
     * {@link LlamaCppOptions.Batching#WHOLE} and {@code AFTER_BOS}: each continuation from an empty cache, the first
     * {@code apart} tokens in a call of their own, the rest of context+continuation in one. The last token is decoded
     * too although nothing is read after it, because llama-cpp-python does, and the batch's size is part of what its
     * logits depend on.
     */
    private ScoringResult scoreWhole(ScoringRequest request, int[][] whole, int[] start, int apart) {
        List<ContinuationScore> scores = new ArrayList<>(whole.length);
        for (int i = 0; i < whole.length; i++) {
            int[] tokens = whole[i];
            int k = start[i];
            double[] sum = new double[1];
            java.util.function.IntPredicate wanted = pos -> pos >= k - 1 && pos < tokens.length - 1;
            LogitsSink add = (pos, logits) -> sum[0] += logProbOf(logits, tokens[pos + 1]);
            lib.abi.clear(ctx);
            if (apart > 0) {
                decode(tokens, 0, apart, wanted, add);
            }
            decode(tokens, apart, tokens.length, wanted, add);
            scores.add(ContinuationScore.exact(request.continuations().get(i), sum[0], tokens.length - k));
        }
        return new ScoringResult(scores, "logits");
    }

    private String batchingName() {
        return options.batching().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @Override
    public synchronized List<List<TokenLogprob>> nextTokenLogprobs(List<Prompt> prompts, int n) {
        ensureOpen();
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        List<List<TokenLogprob>> out = new ArrayList<>();
        for (Prompt prompt : prompts) {
            double[] dist = lastLogprobs(prompt);
            Integer[] order = new Integer[dist.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(dist[b], dist[a]));
            List<TokenLogprob> top = new ArrayList<>();
            for (int i = 0; i < Math.min(n, order.length); i++) {
                top.add(new TokenLogprob(new String(piece(order[i]), StandardCharsets.UTF_8), dist[order[i]]));
            }
            out.add(top);
        }
        return out;
    }

    /**
     * Samples greedily (temperature 0) or from softmax(logits / temperature) with a {@link SplittableRandom} seeded by
     * the request's seed; stops at an end-of-generation token, a stop string (cut before it) or maxTokens.
     */
    @Override
    public synchronized List<String> generate(List<GenerationRequest> requests) {
        ensureOpen();
        List<String> out = new ArrayList<>();
        for (GenerationRequest request : requests) {
            out.add(generateOne(request));
        }
        return out;
    }

    private String generateOne(GenerationRequest request) {
        String text = render(request.prompt());
        int[] tokens = tokenize(text, request.prompt() instanceof ChatPrompt);
        if (tokens.length == 0) {
            throw new InvalidInputException("llamacpp: cannot generate after an empty prompt");
        }
        SplittableRandom random = new SplittableRandom(request.seed());
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        lib.abi.clear(ctx);
        double[][] dist = new double[1][];
        checkFits(tokens.length + 1);
        decode(tokens, 0, tokens.length, pos -> pos == tokens.length - 1, (p, l) -> dist[0] = logSoftmax(l));
        int pos = tokens.length;
        for (int step = 0; step < request.maxTokens(); step++) {
            int next = request.temperature() == 0 ? argmax(dist[0]) : sample(dist[0], request.temperature(), random);
            if (api.llama_vocab_is_eog(vocab, next) != 0) {
                break;
            }
            bytes.writeBytes(piece(next));
            String so = bytes.toString(StandardCharsets.UTF_8);
            for (String stop : request.stop()) {
                int at = stop.isEmpty() ? -1 : so.indexOf(stop);
                if (at >= 0) {
                    return so.substring(0, at);
                }
            }
            if (step == request.maxTokens() - 1 || pos >= nCtx) {
                break;
            }
            int[] one = {next};
            final int at = pos;
            decode(one, 0, 1, p -> true, (p, l) -> dist[0] = logSoftmax(l), at);
            pos++;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (batch != null && batch.token != null) {
            api.llama_batch_free(batch);
        }
        if (ctx != null) {
            api.llama_free(ctx);
            ctx = null;
        }
        if (model != null) {
            api.llama_model_free(model);
            model = null;
        }
    }

    // ---- internals -------------------------------------------------------------------------------------------

    private interface LogitsSink {
        void accept(int position, float[] logits);
    }

    private void decode(int[] tokens, int from, int to, java.util.function.IntPredicate wantLogits, LogitsSink sink) {
        decode(tokens, from, to, wantLogits, sink, from);
    }

    /** Decodes tokens[from, to) at positions firstPos.., in chunks of n_batch, passing requested logits to sink. */
    private void decode(int[] tokens, int from, int to, java.util.function.IntPredicate wantLogits, LogitsSink sink,
                        int firstPos) {
        int chunk = options.batchSize();
        for (int s = from; s < to; s += chunk) {
            int e = Math.min(to, s + chunk);
            int count = e - s;
            for (int i = 0; i < count; i++) {
                int pos = firstPos + (s - from) + i;
                batch.token.setInt(4L * i, tokens[s + i]);
                batch.pos.setInt(4L * i, pos);
                batch.n_seq_id.setInt(4L * i, 1);
                batch.seq_id.getPointer((long) Native.POINTER_SIZE * i).setInt(0, 0);
                batch.logits.setByte(i, (byte) (wantLogits.test(pos) ? 1 : 0));
            }
            batch.n_tokens = count;
            long t0 = System.nanoTime();
            int rc = api.llama_decode(ctx, batch);
            nativeNanos += System.nanoTime() - t0;
            decodeCalls++;
            if (rc != 0) {
                throw new ModelException("llamacpp: llama_decode returned " + rc + " for " + count + " tokens at "
                        + "position " + (firstPos + s - from) + (rc == 1 ? " (no room in the KV cache; raise n_ctx)"
                        : "") + explain(lib.recentLog()), false);
            }
            tokensDecoded += count;
            for (int i = 0; i < count; i++) {
                int pos = firstPos + (s - from) + i;
                if (wantLogits.test(pos)) {
                    Pointer p = api.llama_get_logits_ith(ctx, i);
                    if (p == null) {
                        throw new ModelException("llamacpp: no logits for batch index " + i, false);
                    }
                    long r0 = System.nanoTime();
                    p.read(0, logitBuffer, 0, nVocab);
                    nativeNanos += System.nanoTime() - r0;
                    sink.accept(pos, logitBuffer);
                }
            }
        }
    }

    private double[] lastLogprobs(Prompt prompt) {
        String text = render(prompt);
        int[] tokens = tokenize(text, prompt instanceof ChatPrompt);
        if (tokens.length == 0) {
            throw new InvalidInputException("llamacpp: empty prompt and no beginning-of-sequence token");
        }
        checkFits(tokens.length);
        lib.abi.clear(ctx);
        double[][] dist = new double[1][];
        decode(tokens, 0, tokens.length, pos -> pos == tokens.length - 1, (p, l) -> dist[0] = logSoftmax(l));
        return dist[0];
    }

    private void checkFits(int n) {
        if (n > nCtx) {
            throw new InvalidInputException("llamacpp: the prompt is " + n + " tokens, more than the context window "
                    + "n_ctx=" + nCtx + "; raise it with --model-args n_ctx=N");
        }
    }

    /** Log-softmax in double precision: l_t - max - ln(sum_u exp(l_u - max)). */
    static double[] logSoftmax(float[] logits) {
        double norm = logNormaliser(logits);
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = logits[i] - norm;
        }
        return out;
    }

    private static double logProbOf(float[] logits, int token) {
        return logits[token] - logNormaliser(logits);
    }

    /** ln(sum_u exp(l_u)), computed stably as max + ln(sum_u exp(l_u - max)). */
    private static double logNormaliser(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l - max);
        }
        return max + Math.log(sum);
    }

    private static int argmax(double[] d) {
        int best = 0;
        for (int i = 1; i < d.length; i++) {
            if (d[i] > d[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int sample(double[] logprobs, double temperature, SplittableRandom random) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logprobs) {
            max = Math.max(max, l / temperature);
        }
        double[] w = new double[logprobs.length];
        double total = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp(logprobs[i] / temperature - max);
            total += w[i];
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < w.length; i++) {
            u -= w[i];
            if (u < 0) {
                return i;
            }
        }
        return argmax(logprobs);
    }

    private static int commonPrefix(int[] a, int[] b) {
        int i = 0;
        while (i < a.length && i < b.length && a[i] == b[i]) {
            i++;
        }
        return i;
    }

    private int[] tokenize(String text, boolean parseSpecial) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > MAX_PROMPT_BYTES) {
            throw new InvalidInputException("llamacpp: prompt of " + utf8.length + " bytes is too long");
        }
        int[] out = new int[utf8.length + 8];
        int n = api.llama_tokenize(vocab, utf8, utf8.length, out, out.length, (byte) 1, (byte) (parseSpecial ? 1 : 0));
        if (n < 0) {
            out = new int[-n];
            n = api.llama_tokenize(vocab, utf8, utf8.length, out, out.length, (byte) 1,
                    (byte) (parseSpecial ? 1 : 0));
        }
        if (n < 0) {
            throw new ModelException("llamacpp: tokenisation failed (" + n + ")", false);
        }
        return Arrays.copyOf(out, n);
    }

    private byte[] piece(int token) {
        byte[] buf = new byte[64];
        int n = api.llama_token_to_piece(vocab, token, buf, buf.length, 0, (byte) 0);
        if (n < 0) {
            buf = new byte[-n];
            n = api.llama_token_to_piece(vocab, token, buf, buf.length, 0, (byte) 0);
        }
        return Arrays.copyOf(buf, Math.max(n, 0));
    }

    private boolean templateRecognised() {
        try {
            applyTemplate(List.of(new ChatMessage(ChatMessage.Role.USER, "test")));
            return true;
        } catch (ModelException e) {
            return false;
        }
    }

    private String applyTemplate(List<ChatMessage> messages) {
        List<Memory> keep = new ArrayList<>();
        Memory array = new Memory((long) messages.size() * 2 * Native.POINTER_SIZE);
        for (int i = 0; i < messages.size(); i++) {
            Memory role = cString(messages.get(i).role().wireName());
            Memory content = cString(messages.get(i).content());
            keep.add(role);
            keep.add(content);
            array.setPointer((long) 2 * i * Native.POINTER_SIZE, role);
            array.setPointer((long) (2 * i + 1) * Native.POINTER_SIZE, content);
        }
        int total = 0;
        for (ChatMessage m : messages) {
            total += m.content().getBytes(StandardCharsets.UTF_8).length;
        }
        byte[] buf = new byte[2 * total + 1024];
        int n = api.llama_chat_apply_template(chatTemplate, array, messages.size(), (byte) 1, buf, buf.length);
        if (n > buf.length) {
            buf = new byte[n];
            n = api.llama_chat_apply_template(chatTemplate, array, messages.size(), (byte) 1, buf, buf.length);
        }
        keep.clear();
        if (n < 0) {
            throw new ModelException("llamacpp: llama.cpp " + lib.build + " does not recognise the chat template of "
                    + file.getFileName(), false);
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    private static Memory cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        Memory m = new Memory(b.length + 1L);
        m.write(0, b, 0, b.length);
        m.setByte(b.length, (byte) 0);
        return m;
    }

    private String meta(String key) {
        byte[] buf = new byte[512];
        int n = api.llama_model_meta_val_str(model, key, buf, buf.length);
        if (n < 0) {
            return null;
        }
        return new String(buf, 0, Math.min(n, buf.length - 1), StandardCharsets.UTF_8);
    }

    private ModelIdentity buildIdentity(String digest, int trained, Map<String, String> extra, String nameOverride) {
        String generalName = meta("general.name");
        String name = nameOverride != null ? nameOverride
                : generalName != null && !generalName.isBlank() ? generalName : file.getFileName().toString();
        Map<String, String> details = new LinkedHashMap<>();
        String arch = meta("general.architecture");
        details.put("architecture", arch == null ? "unknown" : arch);
        details.put("file", file.getFileName().toString());
        details.put("n_params", Long.toString(api.llama_model_n_params(model)));
        details.put("vocab_size", Integer.toString(nVocab));
        details.put("n_ctx_train", Integer.toString(trained));
        details.put("n_ctx", Integer.toString(nCtx));
        try {
            details.put("file_size", Long.toString(Files.size(file)));
        } catch (IOException e) {
            details.put("file_size", "unknown");
        }
        String fileType = meta("general.file_type");
        details.put("quantisation", Quantisation.name(fileType));
        byte[] desc = new byte[256];
        int n = api.llama_model_desc(model, desc, desc.length);
        if (n > 0) {
            details.put("description", new String(desc, 0, Math.min(n, desc.length - 1), StandardCharsets.UTF_8));
        }
        details.put("chat_template", options.chatTemplate() != null ? "builtin:" + options.chatTemplate()
                : chatTemplate == null ? "none" : "present");
        details.put("llama_cpp_build", lib.build);
        details.put("engine", "llama.cpp " + lib.build
                + (options.batching() == LlamaCppOptions.Batching.SHARED ? "" : ", batching=" + batchingName()));
        details.put("batching", batchingName());
        if (!NativeLibrary.KNOWN_SHA256.equals(lib.sha256)) {
            details.put("llama_lib", lib.file.toString());
            details.put("llama_lib_sha256", lib.sha256);
        }
        details.putAll(extra);
        return new ModelIdentity(BACKEND, name, digest, details);
    }

    private static String sha256(Path file) {
        try {
            return Sha256.hexOf(file);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read the GGUF model file (" + e.getMessage() + ")", e);
        }
    }

    private static String explain(List<String> log) {
        List<String> useful = log.stream().filter(l -> !l.isBlank()).toList();
        if (useful.isEmpty()) {
            return "";
        }
        List<String> last = useful.subList(Math.max(0, useful.size() - 2), useful.size());
        return ": " + String.join(" | ", last);
    }

    private void ensureOpen() {
        if (closed) {
            throw new ModelException("llamacpp: the model " + identity.name() + " is closed", false);
        }
    }
}
