package org.culturalign.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.culturalign.InvalidInputException;
import org.culturalign.io.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeSettingsTest {
    static final URI UP = URI.create("http://127.0.0.1:8080/v1");

    @Test
    void aYamlConfigSetsEveryKeyAndAuditPathsAreRelativeToTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("serve.yaml");
        Files.writeString(f, "k: 4\nselector: random\nrender: few-shot\npersona: true\nseed: 7\ndefault_language: de\n"
                + "max_body_bytes: 2048\nmax_messages: 10\naudit_log: logs/a.jsonl\naudit_prompts: true\n"
                + "cors_origins: https://a.example\nupstream_timeout_s: 2.5\nthreads: 64\nport: 9000\n"
                + "keys:\n  - {name: t, sha256: " + Sha256.hex("x") + ", country: DEU, rate_per_minute: 5}\n");
        ServeSettings s = ServeSettings.load(f, UP);

        assertThat(s.k()).isEqualTo(4);
        assertThat(s.selector()).isEqualTo("random");
        assertThat(s.render()).isEqualTo(RenderMode.FEW_SHOT);
        assertThat(s.persona()).isTrue();
        assertThat(s.seed()).isEqualTo(7);
        assertThat(s.defaultLanguage()).isEqualTo("de");
        assertThat(s.maxBodyBytes()).isEqualTo(2048);
        assertThat(s.maxMessages()).isEqualTo(10);
        assertThat(s.auditLog()).isEqualTo(dir.toAbsolutePath().resolve("logs/a.jsonl"));
        assertThat(s.auditPrompts()).isTrue();
        assertThat(s.corsOrigins()).isEqualTo(List.of("https://a.example"));
        assertThat(s.upstreamTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(s.threads()).isEqualTo(64);
        assertThat(s.port()).isEqualTo(9000);
        assertThat(s.keys()).hasSize(1);
        assertThat(s.keys().get(0).country()).isEqualTo(Optional.of("DEU"));
        assertThat(s.keys().get(0).sha256()).isEqualTo(ApiKey.hex("t", Sha256.hex("x")));
    }

    @Test
    void badValuesAreOneLineNamingTheFileAndKey(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("serve.yaml");
        Files.writeString(f, "k: many\n");
        assertThatThrownBy(() -> ServeSettings.load(f, UP)).isInstanceOf(InvalidInputException.class)
                .hasMessage("--config " + f + ": k: expected a number in [0, 50], got \"many\"");
        Files.writeString(f, "keys:\n  - {name: t, sha256: abc}\n");
        assertThatThrownBy(() -> ServeSettings.load(f, UP)).isInstanceOf(InvalidInputException.class)
                .hasMessage("API key 't': sha256 must be 64 hex digits (the SHA-256 of the key, e.g. printf %s "
                        + "\"$KEY\" | sha256sum)");
        Files.writeString(f, "render: chatty\n");
        assertThatThrownBy(() -> ServeSettings.load(f, UP)).isInstanceOf(InvalidInputException.class)
                .hasMessage("--config " + f + ": render: expected system or few-shot, got 'chatty'");
    }
}
