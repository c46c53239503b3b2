package org.culturalign.model;

/**
 * The log-probability of one continuation given a prompt.
 *
 * @param continuation the continuation as requested
 * @param logprob      natural-log probability, summed over the continuation's tokens (&lt;= 0); when
 *                     {@code exact} is false this is only an upper bound (the continuation was absent from a
 *                     server's top-N list, whose smallest entry bounds it)
 * @param tokenCount   number of tokens the continuation was scored over (0 when not known, e.g. an upper bound)
 * @param exact        whether {@code logprob} is the model's exact value (true) or an upper bound (false)
 */
public record ContinuationScore(String continuation, double logprob, int tokenCount, boolean exact) {
    /** An exact score. */
    public static ContinuationScore exact(String continuation, double logprob, int tokenCount) {
        return new ContinuationScore(continuation, logprob, tokenCount, true);
    }
}
