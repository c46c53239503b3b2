package org.culturalign.served.hf;

import org.culturalign.InvalidInputException;

/**
 * One file of a Hugging Face model repository: {@code OWNER/REPO/FILE[@REVISION]}, e.g.
 * {@code Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf@main}. FILE may lie in a folder
 * ({@code OWNER/REPO/dir/FILE}); REVISION is a branch, tag or commit hash (default {@code main}).
 *
 * @param owner    the user or organisation
 * @param repo     the repository name
 * @param file     the path of the file inside the repository
 * @param revision branch, tag or 40-hex commit
 */
public record HfFileSpec(String owner, String repo, String file, String revision) {

    /**
     * @throws InvalidInputException naming the expected form
     */
    public static HfFileSpec parse(String location) {
        String s = location.strip();
        String revision = "main";
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            revision = s.substring(at + 1);
            s = s.substring(0, at);
        }
        String[] parts = s.split("/", 3);
        if (parts.length < 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty() || revision.isEmpty()
                || s.contains("..") || s.contains("//")) {
            throw new InvalidInputException("--model: expected hf:OWNER/REPO/FILE.gguf[@REVISION] (e.g. "
                    + "hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf), got 'hf:" + location + "'");
        }
        return new HfFileSpec(parts[0], parts[1], parts[2], revision);
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
