package org.culturalign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Usage errors: one line naming the option as typed and what it expects, a pointer to the help, exit 2. */
class ParameterErrorsTest {
    private static final String NL = System.lineSeparator();

    @Test
    void aNonIntegerShotsValueNamesTheOptionAsTypedAndTheExpectedList() {
        CliRun r = CliRun.of("eval", "--shots", "abc");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("culturalign eval: invalid value 'abc' for option '--shots': expected a "
                + "comma-separated list of integers" + NL + "(see culturalign eval --help)" + NL);
    }

    @Test
    void theLmEvalSpellingIsNamedWhenThatIsWhatWasTyped() {
        CliRun r = CliRun.of("eval", "--num_fewshot=0,x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("culturalign eval: invalid value 'x' for option '--num_fewshot': expected a "
                + "comma-separated list of integers" + NL);
    }

    @Test
    void aNonIntegerSeedExpectsAnInteger() {
        CliRun r = CliRun.of("eval", "--seed", "x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("culturalign eval: invalid value 'x' for option '--seed': expected an integer"
                + NL + "(see culturalign eval --help)" + NL);
    }

    @Test
    void anUnknownOptionOfDataShowIsOneLineAndAPointerToTheHelp() {
        CliRun r = CliRun.of("data", "show", "--country", "NGA", "--question", "Q1", "--bogus");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("Unknown option: '--bogus'" + NL + "(see culturalign data show --help)" + NL);
    }

    @Test
    void aMissingRequiredOptionOfDataShowDoesNotPrintTheWholeUsage() {
        CliRun r = CliRun.of("data", "show", "--question", "Q1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("Missing required option: '--country=ISO3'" + NL
                + "(see culturalign data show --help)" + NL);
    }

    @Test
    void aNonIntegerPromptShotsExpectsAnInteger() {
        CliRun r = CliRun.of("prompt", "--question", "Q1", "--country", "DEU", "--shots", "two");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("culturalign prompt: invalid value 'two' for option '--shots': expected an "
                + "integer" + NL + "(see culturalign prompt --help)" + NL);
    }
}
