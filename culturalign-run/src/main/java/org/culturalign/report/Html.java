package org.culturalign.report;

import java.util.Locale;

/** HTML escaping and number formatting for the report. */
final class Html {
    private Html() {
    }

    /** Escapes text for element content and double-quoted attributes. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Three decimals, or an en dash for a missing value. */
    static String f3(Double v) {
        return v == null || v.isNaN() ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** Signed three decimals. */
    static String s3(Double v) {
        return v == null || v.isNaN() ? "–" : String.format(Locale.ROOT, "%+.3f", v);
    }

    /** A machine-readable value for a data attribute: full precision, empty when missing. */
    static String num(Double v) {
        return v == null || v.isNaN() ? "" : Double.toString(v);
    }

    /** "[lo, hi]" with signed bounds (for differences), or empty. */
    static String ci(Double lo, Double hi) {
        return lo == null || hi == null ? "" : "[" + s3(lo) + ", " + s3(hi) + "]";
    }

    /** "[lo, hi]" with unsigned bounds (for levels such as similarity), or empty. */
    static String ciLevel(Double lo, Double hi) {
        return lo == null || hi == null ? "" : "[" + f3(lo) + ", " + f3(hi) + "]";
    }
}
