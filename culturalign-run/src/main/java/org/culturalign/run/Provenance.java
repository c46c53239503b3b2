package org.culturalign.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.culturalign.model.ModelIdentity;
import org.culturalign.survey.DataSource;

/**
 * What a run's numbers depend on, recorded with it (the shape of lm-evaluation-harness' {@code config} and
 * inspect_ai's {@code EvalSpec}): the resolved config, the seed, each model's identity and digest, the data source and
 * its hash, the tool version, the git commit it was built from (when known), Java and the OS.
 */
public final class Provenance {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Provenance() {
    }

    /**
     * Builds the provenance record (the {@code provenance} object of results.json).
     *
     * @param models model spec to its identity, in config order
     */
    public static ObjectNode capture(EvalConfig config, Map<String, ModelIdentity> models, DataSource data,
                                     String toolVersion) {
        ObjectNode p = JSON.createObjectNode();
        p.set("config", JSON.valueToTree(JSON.convertValue(ConfigFiles.fromJson(ConfigFiles.canonicalJson(config)),
                Object.class)));
        p.put("seed", config.seed());
        var arr = p.putArray("models");
        models.forEach((spec, id) -> {
            ObjectNode m = arr.addObject();
            m.put("spec", spec);
            m.put("backend", id.backend());
            m.put("name", id.name());
            m.put("digest", id.digest());
            m.set("details", JSON.valueToTree(id.details()));
        });
        ObjectNode d = p.putObject("data");
        d.put("name", data.name());
        d.put("version", data.version());
        d.put("sha256", data.sha256());
        d.put("notice", data.notice());
        p.putObject("tool").put("name", "culturalign").put("version", toolVersion);
        String commit = gitCommit();
        if (commit == null) {
            p.putNull("gitCommit");
        } else {
            p.put("gitCommit", commit);
        }
        p.putObject("java").put("version", System.getProperty("java.version"))
                .put("vendor", System.getProperty("java.vendor")).put("vm", System.getProperty("java.vm.name"));
        p.putObject("os").put("name", System.getProperty("os.name")).put("version", System.getProperty("os.version"))
                .put("arch", System.getProperty("os.arch")).put("cpus", Runtime.getRuntime().availableProcessors());
        return p;
    }

    /** Whether a model is the built-in demo model (random weights: meaningless numbers). */
    public static boolean isDemo(String spec, ModelIdentity identity) {
        return spec.equalsIgnoreCase("demo") || identity.backend().equalsIgnoreCase("demo")
                || identity.name().toLowerCase(java.util.Locale.ROOT).contains("culturalign-demo");
    }

    /**
     * The commit of the source tree the tool's classes were built from: {@code git rev-parse HEAD} in the folder of
     * this class' code source, or null when that is not a git checkout or git is absent.
     */
    static String gitCommit() {
        try {
            Path where = Path.of(Provenance.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = java.nio.file.Files.isDirectory(where) ? where : where.getParent();
            Process p = new ProcessBuilder(List.of("git", "-C", dir.toString(), "rev-parse", "HEAD"))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.matches("[0-9a-f]{40}")) {
                return null;
            }
            return out;
        } catch (Exception e) {
            return null;
        }
    }
}
