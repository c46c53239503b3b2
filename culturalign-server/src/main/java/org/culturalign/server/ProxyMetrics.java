package org.culturalign.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The proxy's Prometheus metrics (Micrometer), served at {@code /metrics} in the Prometheus text format:
 * <ul>
 *   <li>{@code culturalign_proxy_requests_total{endpoint, status, steering}}: requests answered; steering is
 *       {@code steered}, {@code passthrough} or {@code rejected} (refused before forwarding)</li>
 *   <li>{@code culturalign_proxy_request_duration_seconds{endpoint}}: latency histogram (buckets, count, sum), from
 *       request to the last byte of the response</li>
 *   <li>{@code culturalign_proxy_upstream_errors_total{kind}}: {@code status_4xx}, {@code status_5xx},
 *       {@code connect}, {@code timeout}</li>
 *   <li>{@code culturalign_proxy_selection_duration_seconds}: demonstration selection and rendering per steered
 *       request</li>
 *   <li>{@code culturalign_proxy_client_disconnects_total}: streams the caller closed before the end</li>
 * </ul>
 */
public final class ProxyMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer selection = Timer.builder("culturalign.proxy.selection.duration")
            .description("demonstration selection and rendering per steered request")
            .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(10_000))
            .maximumExpectedValue(Duration.ofSeconds(1)).register(registry);
    private final Counter disconnects = Counter.builder("culturalign.proxy.client.disconnects")
            .description("streams the caller closed before the end").register(registry);

    /** Counts one answered request and its latency. */
    public void request(String endpoint, int status, String steering, long nanos) {
        Counter.builder("culturalign.proxy.requests").description("requests answered")
                .tag("endpoint", endpoint).tag("status", Integer.toString(status)).tag("steering", steering)
                .register(registry).increment();
        Timer.builder("culturalign.proxy.request.duration").description("request latency")
                .tag("endpoint", endpoint).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(300))
                .register(registry).record(Duration.ofNanos(nanos));
    }

    /** Counts one upstream error of a kind ({@code status_4xx}, {@code status_5xx}, {@code connect}, {@code timeout}). */
    public void upstreamError(String kind) {
        Counter.builder("culturalign.proxy.upstream.errors").description("upstream errors").tag("kind", kind)
                .register(registry).increment();
    }

    /** Records one selection's duration. */
    public void selection(long nanos) {
        selection.record(Duration.ofNanos(nanos));
    }

    /** Counts a caller that closed a stream early. */
    public void clientDisconnect() {
        disconnects.increment();
    }

    /** The metrics in the Prometheus text format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }
}
