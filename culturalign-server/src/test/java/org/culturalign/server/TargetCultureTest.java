package org.culturalign.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetCultureTest {
    static final ApiKey NGA_KEY = new ApiKey("k", new byte[32], Optional.of("NGA"), Optional.of("en"), 0);

    @Test
    void aModelSuffixIsSplitOffOnlyWhenItIsThreeLettersAndAnOptionalLanguage() {
        assertThat(TargetCulture.splitModel("qwen2.5@DEU")).isEqualTo(new TargetCulture.ModelName("qwen2.5",
                Optional.of("DEU"), Optional.empty()));
        assertThat(TargetCulture.splitModel("Qwen/Qwen2.5-7B@deu:de")).isEqualTo(new TargetCulture.ModelName(
                "Qwen/Qwen2.5-7B", Optional.of("deu"), Optional.of("de")));
        assertThat(TargetCulture.splitModel("org/model@v1.2").country()).isEmpty();
        assertThat(TargetCulture.splitModel("org/model@v1.2").model()).isEqualTo("org/model@v1.2");
    }

    @Test
    void theHeaderWinsOverTheSuffixWhichWinsOverTheKey() {
        TargetCulture.ModelName suffixed = TargetCulture.splitModel("m@BRA:es");
        assertThat(TargetCulture.resolve("DEU", null, suffixed, NGA_KEY, "en"))
                .hasValue(new TargetCulture("DEU", "es", "header"));
        assertThat(TargetCulture.resolve(null, "ru", suffixed, NGA_KEY, "en"))
                .hasValue(new TargetCulture("BRA", "ru", "model"));
        assertThat(TargetCulture.resolve(" ", null, TargetCulture.splitModel("m"), NGA_KEY, "de"))
                .hasValue(new TargetCulture("NGA", "en", "key"));
        assertThat(TargetCulture.resolve(null, "de", TargetCulture.splitModel("m"), Callers.ANONYMOUS, "en"))
                .isEmpty();
    }
}
