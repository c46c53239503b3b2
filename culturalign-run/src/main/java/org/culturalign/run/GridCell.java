package org.culturalign.run;

/**
 * One cell of the evaluation grid: every question is probed once per cell.
 *
 * @param model    model spec as given
 * @param country  ISO 3166-1 alpha-3 code
 * @param language BCP 47 tag
 * @param shots    number of demonstrations k
 * @param selector demonstration selector name, {@value #NO_SELECTOR} when {@code shots == 0}
 * @param format   probe format name
 * @param persona  whether the persona framing is used
 */
public record GridCell(String model, String country, String language, int shots, String selector, String format,
                       boolean persona) {
    /** The selector name recorded for zero-shot cells, which need none. */
    public static final String NO_SELECTOR = "none";

    /** A stable text key, unique per cell (stored with every probe row). */
    public String key() {
        return model + "|" + country + "|" + language + "|" + shots + "|" + selector + "|" + format + "|" + persona;
    }

    /** The zero-shot cell that a k-shot cell is compared with. */
    public GridCell zeroShot() {
        return new GridCell(model, country, language, 0, NO_SELECTOR, format, persona);
    }

    /** A short label for logs, e.g. {@code DEU/en/5-shot chrf/full}. */
    public String label() {
        return country + "/" + language + "/" + shots + "-shot" + (shots == 0 ? "" : " " + selector) + "/" + format
                + (persona ? "/persona" : "");
    }
}
