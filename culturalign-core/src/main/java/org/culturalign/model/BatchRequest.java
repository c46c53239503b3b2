package org.culturalign.model;

import java.util.Objects;

/**
 * One HTTP request of a scoring request, as an offline batch runner would send it: the body of an OpenAI Batch API
 * input line ({@code docs/batch.md}).
 *
 * @param url  the API-relative URL, {@code /v1/completions} or {@code /v1/chat/completions}
 * @param body the JSON request body, exactly what the live backend POSTs for this request
 */
public record BatchRequest(String url, String body) {
    /** @throws NullPointerException for a null url or body */
    public BatchRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(body, "body");
    }
}
