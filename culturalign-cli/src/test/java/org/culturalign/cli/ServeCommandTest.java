package org.culturalign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code culturalign serve}'s usage errors: one line, exit 2, nothing started. */
class ServeCommandTest {
    @Test
    void anUpstreamThatIsNotAnHttpUrlIsAUsageError() {
        CliRun o = CliRun.of("serve", "--upstream", "localhost:8080");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err().strip()).isEqualTo("culturalign: --upstream must be an http:// or https:// URL with a "
                + "host, e.g. http://127.0.0.1:8080/v1");
    }

    @Test
    void theCategorySelectorCannotSteerChatAndAnUnknownConfigKeyIsNamed(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("serve.yaml");
        Files.writeString(cfg, "selector: category\n");
        CliRun o = CliRun.of("serve", "--upstream", "http://127.0.0.1:1/v1", "--config", cfg.toString(), "--port",
                "0");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err().strip()).isEqualTo("culturalign: selector 'category' cannot select for free text (a chat "
                + "message has no WVS category); use chrf, embedding, random or fixed:Q1,Q2,...");
        Files.writeString(cfg, "kk: 3\n");
        CliRun bad = CliRun.of("serve", "--upstream", "http://127.0.0.1:1/v1", "--config", cfg.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("culturalign: --config " + cfg + ": unknown key 'kk'; expected one of "
                + "[audit_log, audit_prompts, cors_origins, default_language, host, k, keys, max_body_bytes, max_messages, persona, "
                + "port, render, seed, selector, threads, upstream_timeout_s]");
    }

    @Test
    void serveIsListedInTheHelp() {
        assertThat(CliRun.of("--help").out()).contains("serve");
    }
}
