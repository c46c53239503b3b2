package org.culturalign.survey.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PythonLiteralTest {
    @Test
    void printedDefaultdictBecomesAnOrderedMapOfLists() {
        Object v = PythonLiteral.parse("defaultdict(<class 'list'>, {'Belgium': [0.21, 0.0, 1e-05], "
                + "\"Cote d'Ivoire\": [1, 0]})");
        assertThat(v).isEqualTo(Map.of("Belgium", List.of(0.21, 0.0, 1e-05), "Cote d'Ivoire", List.of(1L, 0L)));
        assertThat(List.copyOf(((Map<?, ?>) v).keySet())).isEqualTo(List.of("Belgium", "Cote d'Ivoire"));
    }

    @Test
    void stringsKeepEscapesQuotesAndUnicode() {
        assertThat(PythonLiteral.parse("['It\\'s', \"Don't know\", 'tab\\there', '\\xe9\\u2019\\U0001F600', "
                + "'It’s', 'back\\\\slash']"))
                .isEqualTo(List.of("It's", "Don't know", "tab\there", "é\u2019\uD83D\uDE00", "It\u2019s",
                        "back\\slash"));
    }

    @Test
    void numbersNoneBoolsTuplesAndTrailingCommasParse() {
        Object v = PythonLiteral.parse(" [-0.5, +2, 3., .25, nan, None, True, False, (1, 2), {},] ");
        List<?> list = (List<?>) v;
        assertThat(list.subList(0, 4)).isEqualTo(List.of(-0.5, 2L, 3.0, 0.25));
        assertThat((Double) list.get(4)).isNaN();
        assertThat(Arrays.asList(list.get(5), list.get(6), list.get(7))).containsExactly(null, true, false);
        assertThat(list.subList(8, 10)).isEqualTo(List.of(List.of(1L, 2L), Map.of()));
    }

    @Test
    void malformedInputFailsWithThePositionAndWhatWasExpected() {
        assertThatThrownBy(() -> PythonLiteral.parse("['a', 'b'"))
                .hasMessage("at character 10: expected ',' or ']', found the end");
        assertThatThrownBy(() -> PythonLiteral.parse("['a' 'b']"))
                .hasMessage("at character 6: expected ',' or ']', found ''b']'");
        assertThatThrownBy(() -> PythonLiteral.parse("{'a': 1, 'a': 2}"))
                .hasMessage("at character 10: expected a key not seen before in this dict (duplicate a), found "
                        + "''a': 2}'");
        assertThatThrownBy(() -> PythonLiteral.parse("['unterminated]"))
                .hasMessage("at character 16: expected closing ' of the string, found the end");
        assertThatThrownBy(() -> PythonLiteral.parse("[1] extra"))
                .hasMessage("at character 5: expected end of input, found 'extra'");
        assertThatThrownBy(() -> PythonLiteral.parse("os.system('x')"))
                .hasMessage("at character 1: expected a value (a string, number, list, dict, None, True or False), "
                        + "found 'os.system('x'");
    }
}
