package org.culturalign.icl;

import java.util.List;

/** A selector registered through META-INF/services in the test class path, to show ServiceLoader discovery. */
public final class FirstCandidatesSelector implements DemonstrationSelector {
    @Override
    public String name() {
        return "first-candidates";
    }

    @Override
    public Selection select(SelectionRequest request) {
        List<String> ids = Candidates.ids(Candidates.of(request));
        return Selection.of(ids.subList(0, request.k()));
    }
}
