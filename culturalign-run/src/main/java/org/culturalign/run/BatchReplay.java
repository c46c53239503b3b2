package org.culturalign.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.culturalign.model.BatchFormat;
import org.culturalign.model.ModelException;
import org.culturalign.model.ModelIdentity;
import org.culturalign.model.ScoringRequest;
import org.culturalign.model.ScoringResult;

/**
 * Answers pending probes from the batch replies in the run store ({@code --import-batch}), as a live run answers them
 * from the model: the response cache first (same key, same writes as {@link CachingLanguageModel}), then the probe's
 * replies read with the model's own {@link BatchFormat#read}. A probe with a reply carrying an error, or a reply the
 * model cannot read, is a failure; one without all of its replies stays pending. Thread-safe.
 */
final class BatchReplay {
    /**
     * One probe's answer: {@code scored}, or a {@code failure} (one line: the custom_id and what was wrong), or
     * neither (its replies are not in the store yet).
     */
    record Answer(CachingLanguageModel.Scored scored, String failure) {
        static Answer scored(CachingLanguageModel.Scored s) {
            return new Answer(s, null);
        }
    }

    private final RunStore store;
    private final BatchFormat format;
    private final ModelIdentity identity;
    private final ResponseCache cache;
    private final String runId;
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();

    /** @param cache the response cache, or null for none */
    BatchReplay(RunStore store, BatchFormat format, ModelIdentity identity, ResponseCache cache, String runId) {
        this.store = store;
        this.format = format;
        this.identity = identity;
        this.cache = cache;
        this.runId = runId;
    }

    /** The answer to the probe of {@code questionId} in cell {@code cellIndex}, scored by {@code request}. */
    Answer answer(int cellIndex, GridCell cell, String questionId, ScoringRequest request) {
        String key = cache == null ? null : ResponseCache.key(identity, request, CachingLanguageModel.LOGLIKELIHOOD);
        if (cache != null) {
            Optional<ScoringResult> hit = cache.get(key);
            if (hit.isPresent()) {
                hits.incrementAndGet();
                return Answer.scored(new CachingLanguageModel.Scored(hit.get(), true));
            }
        }
        int n = format.requests(request).size();
        List<String> bodies = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            String id = BatchFiles.customId(runId, cellIndex, cell, questionId, k);
            Optional<RunStore.BatchReply> reply = store.batchReply(id);
            if (reply.isEmpty()) {
                return new Answer(null, null);
            }
            if (!reply.get().ok()) {
                return new Answer(null, "batch reply " + id + ": " + reply.get().error());
            }
            bodies.add(reply.get().body());
        }
        ScoringResult result;
        try {
            result = format.read(request, bodies);
        } catch (ModelException e) {
            return new Answer(null, "batch reply " + BatchFiles.customId(runId, cellIndex, cell, questionId, 0)
                    + (n > 1 ? " .. r" + (n - 1) : "") + ": " + e.getMessage());
        }
        read.incrementAndGet();
        if (cache != null) {
            cache.putAll(List.of(key), List.of(result));
        }
        return Answer.scored(new CachingLanguageModel.Scored(result, false));
    }

    /** Probes scored from batch replies so far (the import's "model requests"). */
    long repliesRead() {
        return read.get();
    }

    /** Probes answered from the response cache so far. */
    long cacheHits() {
        return hits.get();
    }
}
