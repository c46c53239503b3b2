package org.culturalign.model;

/**
 * One candidate next token and its natural-log probability.
 *
 * @param token   the token's text as the backend renders it (e.g. {@code " B"})
 * @param logprob natural-log probability (&lt;= 0)
 */
public record TokenLogprob(String token, double logprob) {
}
