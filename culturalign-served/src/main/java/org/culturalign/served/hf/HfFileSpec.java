package org.culturalign.served.hf;

import org.culturalign.InvalidInputException;

/**
 * One file of a Hugging Face model repository: {@code OWNER/REPO/FILE[@REVISION][#sha256=HEX]}, e.g.
 * {@code Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf@main}. FILE may lie in a folder
 * ({@code OWNER/REPO/dir/FILE}); REVISION is a branch, tag or commit hash (default {@code main}); {@code #sha256=HEX}
 * pins the content: a file with another SHA-256 is refused (before its download where the hub announces the hash).
 *
 * @param owner    the user or organisation
 * @param repo     the repository name
 * @param file     the path of the file inside the repository
 * @param revision branch, tag or 40-hex commit
 * @param sha256   the expected SHA-256 (lower-case hex), or null for whatever the hub serves
 */
public record HfFileSpec(String owner, String repo, String file, String revision, String sha256) {

    /** A spec without an expected hash. */
    public HfFileSpec(String owner, String repo, String file, String revision) {
        this(owner, repo, file, revision, null);
    }

    /**
     * @throws InvalidInputException naming the expected form
     */
    public static HfFileSpec parse(String location) {
        String s = location.strip();
        String sha256 = null;
        int hash = s.indexOf('#');
        if (hash >= 0) {
            String pin = s.substring(hash + 1);
            s = s.substring(0, hash);
            if (!pin.toLowerCase(java.util.Locale.ROOT).matches("sha256=[0-9a-f]{64}")) {
                throw new InvalidInputException("--model: expected #sha256=<64 hex digits> after hf:" + s + ", got '#"
                        + pin + "'");
            }
            sha256 = pin.substring("sha256=".length()).toLowerCase(java.util.Locale.ROOT);
        }
        String revision = "main";
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            revision = s.substring(at + 1);
            s = s.substring(0, at);
        }
        String[] parts = s.split("/", 3);
        if (parts.length < 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty() || revision.isEmpty()
                || s.contains("..") || s.contains("//")) {
            throw new InvalidInputException("--model: expected hf:OWNER/REPO/FILE.gguf[@REVISION][#sha256=HEX] (e.g. "
                    + "hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf), got 'hf:" + location + "'");
        }
        return new HfFileSpec(parts[0], parts[1], parts[2], revision, sha256);
    }

    /** {@code OWNER/REPO} */
    public String repoId() {
        return owner + "/" + repo;
    }

    /** Whether the revision is a full commit hash (no ref to resolve). */
    public boolean revisionIsCommit() {
        return revision.matches("[0-9a-f]{40}");
    }

    @Override
    public String toString() {
        return repoId() + "/" + file + "@" + revision;
    }
}
