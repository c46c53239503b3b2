package org.culturalign.llamacpp;

import java.util.Map;
import org.culturalign.InvalidInputException;
import org.culturalign.model.LanguageModel;
import org.culturalign.model.ModelProvider;

/** {@code demo}: the generated tiny demo model ({@link DemoModel}) run in process; its numbers are meaningless. */
public final class DemoProvider implements ModelProvider {
    @Override
    public String scheme() {
        return "demo";
    }

    @Override
    public String usage() {
        return "demo  a tiny generated model (meaningless numbers) to try the pipeline without a download";
    }

    @Override
    public LanguageModel open(String location, Map<String, String> modelArgs) {
        if (location != null && !location.isBlank()) {
            throw new InvalidInputException("--model: demo takes no location, got 'demo:" + location + "'");
        }
        return DemoModel.open(LlamaCppOptions.parse(modelArgs, DemoModel.DEFAULT_OPTIONS));
    }
}
