package org.culturalign.survey;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A demographic subgroup of a country's respondents, as {@code data import --wvs} derives it from the WVS wave 7
 * respondent variables (codebook of the WVS-7 cross-national release):
 * <ul>
 *   <li>sex: {@code Q260} (1 male, 2 female);</li>
 *   <li>age band: {@code Q262} (age in years): 18-29, 30-49, 50 and over; a respondent under 18 is in no band;</li>
 *   <li>education: {@code Q275R} (1 lower, 2 middle, 3 higher), or where that column is absent {@code Q275} (ISCED
 *       2011 level) recoded as the WVS does for {@code Q275R}: ISCED 0-2 lower, 3-4 middle, 5-8 higher;</li>
 *   <li>settlement: {@code H_URBRURAL} (1 urban, 2 rural).</li>
 * </ul>
 * Missing codes (negative) put a respondent in no subgroup of that dimension. The id is what a user types after the
 * country: {@code --countries DEU/female,DEU/18-29}.
 */
public enum Subgroup {
    /** Q260 = 2. */
    FEMALE("female", Dimension.SEX),
    /** Q260 = 1. */
    MALE("male", Dimension.SEX),
    /** Q262 in [18, 29]. */
    AGE_18_29("18-29", Dimension.AGE),
    /** Q262 in [30, 49]. */
    AGE_30_49("30-49", Dimension.AGE),
    /** Q262 &gt;= 50. */
    AGE_50_PLUS("50+", Dimension.AGE),
    /** Q275R = 1 (ISCED 0-2). */
    EDUCATION_LOWER("education-lower", Dimension.EDUCATION),
    /** Q275R = 2 (ISCED 3-4). */
    EDUCATION_MIDDLE("education-middle", Dimension.EDUCATION),
    /** Q275R = 3 (ISCED 5-8). */
    EDUCATION_HIGHER("education-higher", Dimension.EDUCATION),
    /** H_URBRURAL = 1. */
    URBAN("urban", Dimension.SETTLEMENT),
    /** H_URBRURAL = 2. */
    RURAL("rural", Dimension.SETTLEMENT);

    /** The demographic variable a subgroup splits respondents by. */
    public enum Dimension {
        /** Sex (Q260). */
        SEX("sex"),
        /** Age band (Q262). */
        AGE("age"),
        /** Education level (Q275R / Q275). */
        EDUCATION("education"),
        /** Urban or rural settlement (H_URBRURAL). */
        SETTLEMENT("settlement");

        private final String id;

        Dimension(String id) {
            this.id = id;
        }

        /** Lower-case name, as written in results ({@code sex}, {@code age}, ...). */
        public String id() {
            return id;
        }
    }

    private final String id;
    private final Dimension dimension;

    Subgroup(String id, Dimension dimension) {
        this.id = id;
        this.dimension = dimension;
    }

    /** The id typed after the country and written in files, e.g. {@code female}, {@code 18-29}. */
    public String id() {
        return id;
    }

    /** The variable this subgroup is a value of. */
    public Dimension dimension() {
        return dimension;
    }

    /** Every id, in declaration order (for messages). */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Subgroup::id).toList();
    }

    /** The subgroup with this id, case-insensitively. */
    public static Optional<Subgroup> byId(String id) {
        String s = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(g -> g.id.equals(s)).findFirst();
    }

    /** The age band of an age in years, or empty under 18 (and for a negative missing code). */
    public static Optional<Subgroup> ageBand(int years) {
        if (years < 18) {
            return Optional.empty();
        }
        return Optional.of(years < 30 ? AGE_18_29 : years < 50 ? AGE_30_49 : AGE_50_PLUS);
    }

    /** The education group of a {@code Q275R} code (1-3), or empty for any other code. */
    public static Optional<Subgroup> educationRecoded(int code) {
        return switch (code) {
            case 1 -> Optional.of(EDUCATION_LOWER);
            case 2 -> Optional.of(EDUCATION_MIDDLE);
            case 3 -> Optional.of(EDUCATION_HIGHER);
            default -> Optional.empty();
        };
    }

    /** The education group of an ISCED 2011 level ({@code Q275}, 0-8), or empty for any other code. */
    public static Optional<Subgroup> educationIsced(int level) {
        if (level < 0 || level > 8) {
            return Optional.empty();
        }
        return Optional.of(level <= 2 ? EDUCATION_LOWER : level <= 4 ? EDUCATION_MIDDLE : EDUCATION_HIGHER);
    }

    /** The sex of a {@code Q260} code, or empty for any other code. */
    public static Optional<Subgroup> sex(int code) {
        return code == 1 ? Optional.of(MALE) : code == 2 ? Optional.of(FEMALE) : Optional.empty();
    }

    /** The settlement of an {@code H_URBRURAL} code, or empty for any other code. */
    public static Optional<Subgroup> settlement(int code) {
        return code == 1 ? Optional.of(URBAN) : code == 2 ? Optional.of(RURAL) : Optional.empty();
    }
}
