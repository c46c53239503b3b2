package org.culturalign.served.hf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.culturalign.io.AtomicFiles;

/**
 * The Hugging Face hub cache layout shared with {@code huggingface_hub}, so files downloaded by either tool are reused
 * by the other: {@code HUB/models--OWNER--REPO/blobs/<etag>} holds the content (the etag of a GGUF (LFS) file is its
 * sha256), {@code snapshots/<commit>/<file>} is a relative symlink to the blob, {@code refs/<revision>} holds the
 * commit a branch or tag pointed to. {@code HUB} is {@code HF_HUB_CACHE}, else {@code HF_HOME/hub}, else
 * {@code ~/.cache/huggingface/hub}.
 */
public final class HubCache {
    private final Path root;

    /** A cache at {@code root} (the hub directory holding models--* folders). */
    public HubCache(Path root) {
        this.root = root;
    }

    /** The cache the environment names (HF_HUB_CACHE, HF_HOME, HOME). */
    public static HubCache fromEnv(Map<String, String> env) {
        if (env.get("HF_HUB_CACHE") != null && !env.get("HF_HUB_CACHE").isBlank()) {
            return new HubCache(Path.of(env.get("HF_HUB_CACHE")));
        }
        String home = env.get("HF_HOME");
        if (home == null || home.isBlank()) {
            String user = env.getOrDefault("HOME", System.getProperty("user.home"));
            return new HubCache(Path.of(user, ".cache", "huggingface", "hub"));
        }
        return new HubCache(Path.of(home, "hub"));
    }

    /** The hub directory. */
    public Path root() {
        return root;
    }

    /** {@code models--OWNER--REPO} */
    public Path repoDir(HfFileSpec spec) {
        return root.resolve("models--" + spec.owner() + "--" + spec.repo());
    }

    /** The blob of an etag. */
    public Path blob(HfFileSpec spec, String etag) {
        return repoDir(spec).resolve("blobs").resolve(etag);
    }

    /** The snapshot entry of a file at a commit. */
    public Path snapshotFile(HfFileSpec spec, String commit) {
        return repoDir(spec).resolve("snapshots").resolve(commit).resolve(spec.file());
    }

    /** The cached file for the spec's revision, if it was downloaded before (no network). */
    public Optional<Path> cached(HfFileSpec spec) {
        String commit = spec.revision();
        if (!spec.revisionIsCommit()) {
            Path ref = repoDir(spec).resolve("refs").resolve(spec.revision());
            if (!Files.isRegularFile(ref)) {
                return Optional.empty();
            }
            try {
                commit = Files.readString(ref, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        Path f = snapshotFile(spec, commit);
        return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
    }

    /**
     * Links {@code snapshots/<commit>/<file>} to the blob (a relative symlink; a copy where symlinks are not allowed)
     * and records {@code refs/<revision>}.
     */
    public Path record(HfFileSpec spec, String commit, Path blob) throws IOException {
        Path link = snapshotFile(spec, commit);
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        try {
            Files.createSymbolicLink(link, link.getParent().relativize(blob));
        } catch (UnsupportedOperationException | IOException noSymlinks) {
            AtomicFiles.write(link, out -> Files.copy(blob, out));
        }
        if (!spec.revisionIsCommit()) {
            Path ref = repoDir(spec).resolve("refs").resolve(spec.revision());
            Files.createDirectories(ref.getParent());
            AtomicFiles.writeString(ref, commit);
        }
        return link;
    }
}
