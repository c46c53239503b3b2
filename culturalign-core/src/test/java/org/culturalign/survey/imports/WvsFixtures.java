package org.culturalign.survey.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.culturalign.survey.AnswerScale;
import org.culturalign.survey.Question;
import org.culturalign.survey.QuestionText;
import org.culturalign.survey.ScaleType;

/** Hand-written WVS-format files and a small hand-made catalog (scales and recodes invented for the tests). */
final class WvsFixtures {
    private WvsFixtures() {
    }

    /**
     * Six respondents, two countries. Hand-computed shares (W_WEIGHT) are in {@code WvsImporterTest}.
     * Q94 has 0 as a valid code; Q254's code 5 is dropped by a recode; Q200's code 4 is recoded to 3; Q999 is not in
     * the catalog; Q33_3 is a variant column; Y001 is not an item.
     */
    static final String COMMA = """
            version,doi,B_COUNTRY_ALPHA,W_WEIGHT,S018,Q1,Q94,Q254,Q200,Q33_3,Y001,Q999
            v6.0,10.14281/18241.24,DEU,1.5,0.5,1,0,1,4,1,2,1
            v6.0,10.14281/18241.24,DEU,0.5,0.5,2,2,5,1,1,2,2
            v6.0,10.14281/18241.24,DEU,1.0,0.5,-1,1,2,3,2,2,1
            v6.0,10.14281/18241.24,DEU,2.0,0.5,1,-2,-3,,3,2,2
            v6.0,10.14281/18241.24,NGA,1.0,0.25,4,-4,1,2,1,1,1
            v6.0,10.14281/18241.24,NGA,3.0,0.25,-5,-4,-1,1,1,1,
            """;

    /** The same answers as {@link #COMMA}: ';'-separated, lower-case quoted header, decimal commas, some quoted. */
    static final String SEMICOLON = """
            "version";"doi";"b_country_alpha";"w_weight";"s018";"q1";"q94";"q254";"q200";"q33_3";"y001";"q999"
            v6.0;10.14281/18241.24;"DEU";1,5;0,5;1;0;1;4;1;2;1
            v6.0;10.14281/18241.24;"DEU";0,5;0,5;"2";2;5;1;1;2;2
            v6.0;10.14281/18241.24;"DEU";1,0;0,5;-1;1;2;3;2;2;1
            v6.0;10.14281/18241.24;"DEU";2,0;0,5;1;-2;-3;"";3;2;2
            v6.0;10.14281/18241.24;"NGA";1,0;0,25;4;-4;1;2;1;1;1
            v6.0;10.14281/18241.24;"NGA";3,0;0,25;-5;-4;-1;1;1;1;
            """;

    static List<Question> catalog() {
        return List.of(
                question("Q1", new AnswerScale(List.of(1, 2, 3, 4), ScaleType.ORDINAL), Map.of()),
                question("Q94", new AnswerScale(List.of(0, 1, 2), ScaleType.NOMINAL), Map.of()),
                question("Q254", new AnswerScale(List.of(1, 2, 3, 4), ScaleType.ORDINAL),
                        Map.of(5, Question.Recode.dropped())),
                question("Q200", new AnswerScale(List.of(1, 2, 3), ScaleType.ORDINAL),
                        Map.of(4, Question.Recode.to(3))),
                question("Q300", new AnswerScale(List.of(1, 2), ScaleType.NOMINAL), Map.of()));
    }

    private static Question question(String id, AnswerScale scale, Map<Integer, Question.Recode> recodes) {
        QuestionText en = new QuestionText("Test item " + id + "?",
                scale.codes().stream().map(c -> "option " + c).toList());
        return new Question(id, "Test", scale, Map.of("en", en), recodes, "", "WVS-7");
    }

    /** Writes text as UTF-8, optionally with a byte-order mark and CRLF line ends. */
    static Path write(Path dir, String name, String text, boolean bom, boolean crlf) {
        try {
            String body = crlf ? text.replace("\n", "\r\n") : text;
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            Path file = dir.resolve(name);
            if (bom) {
                byte[] withBom = new byte[bytes.length + 3];
                withBom[0] = (byte) 0xEF;
                withBom[1] = (byte) 0xBB;
                withBom[2] = (byte) 0xBF;
                System.arraycopy(bytes, 0, withBom, 3, bytes.length);
                bytes = withBom;
            }
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
