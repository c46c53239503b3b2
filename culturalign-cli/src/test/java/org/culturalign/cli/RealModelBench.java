package org.culturalign.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.culturalign.llamacpp.LlamaCppModel;
import org.culturalign.llamacpp.LlamaCppOptions;
import org.culturalign.model.LanguageModel;
import org.culturalign.model.ModelProviders;
import org.culturalign.model.ScoringRequest;
import org.culturalign.model.TextPrompt;

/**
 * Throughput of the real model (run by {@code bench/real-model.sh}, never by the tests): the probes of a real run
 * ({@code samples.jsonl}: its exact prompts and continuations, 0-shot and 5-shot), scored side by side in one JVM
 * <ul>
 *   <li>in process, context decoded once per probe and every option read from it, with n_threads 1 and 2;</li>
 *   <li>the naive way: one request per option, so the context is decoded again for every option;</li>
 *   <li>through llama-cpp-python's OpenAI-compatible server on loopback ({@code openai:} echo mode);</li>
 * </ul>
 * and, for the probes in the run's order, how many context tokens a KV-cache prefix shared with the previous probe
 * would have saved. Prints one line per figure. Arguments: SAMPLES.jsonl MODEL.gguf [probes per kind] [server 0|1].
 */
public final class RealModelBench {
    private RealModelBench() {
    }

    private record Probe(int shots, String context, List<String> continuations) {
        ScoringRequest request() {
            return new ScoringRequest(new TextPrompt(context), continuations);
        }
    }

    public static void main(String[] args) throws Exception {
        Path samples = Path.of(args[0]);
        Path gguf = Path.of(args[1]);
        int perKind = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        boolean server = args.length <= 3 || !args[3].equals("0");
        List<Probe> all = read(samples);
        List<Probe> zero = pick(all, 0, perKind);
        List<Probe> five = pick(all, 5, perKind);
        System.out.printf("probes: %d from %s (%d 0-shot and %d 5-shot measured)%n", all.size(), samples, zero.size(),
                five.size());

        for (int threads : new int[] {1, 2}) {
            try (LlamaCppModel m = LlamaCppModel.open(gguf, new LlamaCppOptions(threads, 2048, 512))) {
                if (threads == 1) {
                    prefixReuse(m, all);
                }
                warm(m, zero);
                inProcess(m, "0-shot", zero, threads);
                inProcess(m, "5-shot", five, threads);
                if (threads == 2) {
                    naive(m, "0-shot", zero);
                    naive(m, "5-shot", five.subList(0, Math.min(10, five.size())));
                }
            }
        }
        for (int batch : new int[] {32, 128}) {
            try (LlamaCppModel m = LlamaCppModel.open(gguf, new LlamaCppOptions(2, 2048, batch))) {
                warm(m, zero);
                long t = System.nanoTime();
                m.loglikelihood(five.stream().map(Probe::request).toList());
                System.out.printf("in process, n_threads 2, n_batch %d, 5-shot: %.2f probes/s%n", batch,
                        five.size() / ((System.nanoTime() - t) / 1e9));
            }
        }
        if (server) {
            try (LlamaCppPythonServer s = LlamaCppPythonServer.start(gguf)) {
                LanguageModel m = ModelProviders.open("openai:" + s.baseUrl() + "#" + LlamaCppPythonServer.MODEL_ALIAS,
                        Map.of("mode", "echo", "concurrency", "1"));
                m.loglikelihood(zero.subList(0, 2).stream().map(Probe::request).toList());
                for (var kind : List.of(Map.entry("0-shot", zero.subList(0, Math.min(10, zero.size()))),
                        Map.entry("5-shot", five.subList(0, Math.min(10, five.size()))))) {
                    long t = System.nanoTime();
                    m.loglikelihood(kind.getValue().stream().map(Probe::request).toList());
                    System.out.printf("server (llama-cpp-python, echo, one prompt per option), %s: %.2f probes/s%n",
                            kind.getKey(), kind.getValue().size() / ((System.nanoTime() - t) / 1e9));
                }
            }
        }
    }

    private static void warm(LlamaCppModel m, List<Probe> probes) {
        m.loglikelihood(probes.subList(0, Math.min(3, probes.size())).stream().map(Probe::request).toList());
    }

    private static void inProcess(LlamaCppModel m, String kind, List<Probe> probes, int threads) {
        long tokens0 = m.tokensDecoded();
        long native0 = m.nativeDecodeNanos();
        long t = System.nanoTime();
        for (Probe p : probes) {
            m.loglikelihood(List.of(p.request()));
        }
        long wall = System.nanoTime() - t;
        long nat = m.nativeDecodeNanos() - native0;
        System.out.printf("in process, n_threads %d, %s: %.2f probes/s, %.0f tokens decoded per probe, %.1f%% of "
                + "wall time outside llama.cpp%n", threads, kind, probes.size() / (wall / 1e9),
                (m.tokensDecoded() - tokens0) / (double) probes.size(), 100.0 * (wall - nat) / wall);
    }

    private static void naive(LlamaCppModel m, String kind, List<Probe> probes) {
        long tokens0 = m.tokensDecoded();
        long t = System.nanoTime();
        for (Probe p : probes) {
            for (String c : p.continuations()) {
                m.loglikelihood(List.of(new ScoringRequest(new TextPrompt(p.context()), List.of(c))));
            }
        }
        long wall = System.nanoTime() - t;
        System.out.printf("naive (context re-decoded per option), n_threads 2, %s: %.2f probes/s, %.0f tokens "
                + "decoded per probe%n", kind, probes.size() / (wall / 1e9),
                (m.tokensDecoded() - tokens0) / (double) probes.size());
    }

    /** Tokens of each probe's context shared with the previous probe's context, in the run's order. */
    private static void prefixReuse(LlamaCppModel m, List<Probe> probes) {
        long total = 0;
        long shared = 0;
        long totalK = 0;
        long sharedK = 0;
        int[] previous = new int[0];
        for (Probe p : probes) {
            int[] t = m.tokenize(p.context());
            int k = 0;
            while (k < t.length && k < previous.length && t[k] == previous[k]) {
                k++;
            }
            // the last context token is always decoded (its logits are the answer)
            int saved = Math.min(k, t.length - 1);
            total += t.length;
            shared += saved;
            if (p.shots() > 0) {
                totalK += t.length;
                sharedK += saved;
            }
            previous = t;
        }
        System.out.printf("KV-cache prefix reuse with the previous probe (run order): %d of %d context tokens "
                + "(%.1f%%) need not be decoded again; 5-shot probes: %d of %d (%.1f%%)%n", shared, total,
                100.0 * shared / total, sharedK, totalK, 100.0 * sharedK / Math.max(1, totalK));
    }

    private static List<Probe> pick(List<Probe> all, int shots, int n) {
        List<Probe> out = new ArrayList<>();
        int step = Math.max(1, (int) all.stream().filter(p -> p.shots() == shots).count() / n);
        int i = 0;
        for (Probe p : all) {
            if (p.shots() == shots && i++ % step == 0 && out.size() < n) {
                out.add(p);
            }
        }
        return out;
    }

    private static List<Probe> read(Path samples) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Probe> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(samples, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                JsonNode s = json.readTree(line);
                if (!"text".equals(s.get("prompt").get("type").asText())) {
                    continue;
                }
                List<String> cont = new ArrayList<>();
                s.get("continuations").forEach(c -> cont.add(c.asText()));
                out.add(new Probe(s.get("shots").asInt(), s.get("prompt").get("text").asText(), cont));
            }
        }
        return out;
    }
}
