package org.culturalign.probe;

import java.util.List;

/**
 * One option as a probe shows it.
 *
 * @param label          "A", "B", ... or "1", "2", ... for numeric labels
 * @param text           the option's wording in the probe language (for binary: the end-point option's wording)
 * @param targetPosition the option's position on the probe's target scale (see {@link Probe#targetScale()})
 * @param codes          the question's answer codes the option stands for: one code, or a pole's codes for binary
 */
public record ShownOption(String label, String text, int targetPosition, List<Integer> codes) {
    /** Copies the codes. */
    public ShownOption {
        codes = List.copyOf(codes);
    }
}
