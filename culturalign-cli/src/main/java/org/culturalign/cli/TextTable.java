package org.culturalign.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with columns padded to the widest cell. Widths count East Asian wide characters (CJK) as two
 * terminal columns, so that tables in Chinese stay aligned.
 */
final class TextTable {
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    /** @param rightAligned per column, whether it is right-aligned (numbers) */
    TextTable(boolean... rightAligned) {
        this.rightAligned = rightAligned;
    }

    TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    /** The rendered lines, without trailing blanks. */
    List<String> lines() {
        int[] widths = new int[rightAligned.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], width(r[i]));
            }
        }
        List<String> out = new ArrayList<>();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                String pad = " ".repeat(widths[i] - width(r[i]));
                line.append(rightAligned[i] ? pad + r[i] : r[i] + pad);
            }
            out.add(line.toString().stripTrailing());
        }
        return out;
    }

    /** Terminal columns a string takes: 2 for East Asian wide characters, else 1. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += isWide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return w;
    }

    private static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6);
    }
}
