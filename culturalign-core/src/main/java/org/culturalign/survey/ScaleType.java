package org.culturalign.survey;

/** Whether an answer scale's options have a meaningful order (e.g. a 1-10 scale) or not (e.g. a list of parties). */
public enum ScaleType {
    /** Options are ordered; distances between positions are meaningful (Wasserstein-1, mean position apply). */
    ORDINAL,
    /** Options are unordered categories; only distribution-level and argmax metrics apply. */
    NOMINAL
}
