package org.culturalign.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.culturalign.InvalidInputException;
import org.culturalign.icl.DemonstrationSelector;
import org.culturalign.icl.DemonstrationSelectors;
import org.culturalign.server.ProxyServer;
import org.culturalign.server.ServeSettings;
import org.culturalign.survey.SurveyData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code culturalign serve --upstream URL ...}: the steering proxy, an OpenAI-compatible server that adds
 * self-alignment demonstrations to chat traffic (logic in culturalign-server's {@link ProxyServer}).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run an OpenAI-compatible proxy (POST /v1/chat/completions, POST /v1/completions, GET "
                + "/v1/models, /healthz, /metrics) in front of an upstream server, steering requests towards a "
                + "country's values with k survey demonstrations chosen for the user's last message.",
                "The culture comes from the X-Culture-Country / X-Culture-Language headers, a model-name suffix "
                        + "(qwen2.5@DEU or qwen2.5@DEU:de) or the caller's key; without one a request passes through "
                        + "unchanged. Keys, k, selector, render mode, limits, audit log and CORS: --config FILE."},
        footer = {"", "Examples:", "  culturalign serve --upstream http://127.0.0.1:8080/v1",
                "  culturalign serve --upstream https://api.openai.com/v1 --upstream-key-env OPENAI_API_KEY "
                        + "--port 8787 --config serve.yaml"})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--upstream", required = true, paramLabel = "URL",
            description = "the upstream API root including /v1, e.g. http://127.0.0.1:8080/v1")
    String upstream;

    @Option(names = "--upstream-key-env", paramLabel = "VAR", defaultValue = "OPENAI_API_KEY",
            description = "environment variable holding the upstream API key (default: ${DEFAULT-VALUE}; unset: "
                    + "no key sent); the key is never logged or shown")
    String upstreamKeyEnv;

    @Option(names = "--port", paramLabel = "P", description = "port to listen on (default 8787, or the config's)")
    Integer port;

    @Option(names = "--host", paramLabel = "HOST",
            description = "interface to listen on (default 127.0.0.1, or the config's; 0.0.0.0 for all)")
    String host;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON settings (see README, Steering "
            + "proxy): keys, k, selector, render, persona, limits, audit_log, cors_origins")
    Path config;

    @Override
    public Integer call() throws Exception {
        URI up;
        try {
            up = URI.create(upstream.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--upstream '" + upstream + "' is not a URL: " + e.getMessage());
        }
        if (!upstreamKeyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InvalidInputException("--upstream-key-env must name an environment variable, got '"
                    + upstreamKeyEnv + "'");
        }
        ServeSettings s = (config == null ? ServeSettings.defaults(up) : ServeSettings.load(config, up))
                .withUpstreamKeyEnv(upstreamKeyEnv);
        s = s.listening(host == null ? s.host() : host, port == null ? s.port() : port);
        SurveyData survey = data.load();
        DemonstrationSelector selector = DemonstrationSelectors.byName(s.selector());
        if (selector.name().equals("category")) {
            throw new InvalidInputException("selector 'category' cannot select for free text (a chat message has no "
                    + "WVS category); use chrf, embedding, random or fixed:Q1,Q2,...");
        }
        String key = System.getenv(upstreamKeyEnv);
        ProxyServer server = ProxyServer.start(s, survey, selector, key);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
            stopped.countDown();
        }));
        spec.commandLine().getOut().println("culturalign serve: listening on http://" + s.host() + ":"
                + server.port() + "/v1 -> " + s.upstream() + " (upstream key " + (key == null || key.isBlank()
                ? "none" : "from " + upstreamKeyEnv) + "; k " + s.k() + ", selector " + selector.name() + ", render "
                + s.render().configName() + ", " + (s.keys().isEmpty() ? "no caller keys (open)" : s.keys().size()
                + " caller key(s)") + ")");
        spec.commandLine().getOut().flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
