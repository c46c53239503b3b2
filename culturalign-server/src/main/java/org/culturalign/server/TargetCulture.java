package org.culturalign.server;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The culture a request is steered towards, and where it came from.
 *
 * @param country  ISO 3166-1 alpha-3 code as given (resolved against the data later)
 * @param language the language of the demonstrations
 * @param source   {@code header} ({@code X-Culture-Country}), {@code model} (a {@code model@DEU} suffix) or
 *                 {@code key} (the caller's default)
 */
public record TargetCulture(String country, String language, String source) {
    /** {@code NAME@DEU} or {@code NAME@DEU:de}: three letters, optionally a colon and a language tag. */
    private static final Pattern SUFFIX = Pattern.compile("^(.+)@([A-Za-z]{3})(?::([A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*))?$");

    /**
     * A model name split into the upstream model and its culture suffix.
     *
     * @param model    the model name without the suffix (forwarded upstream)
     * @param country  the suffix's country, if any
     * @param language the suffix's language, if any
     */
    public record ModelName(String model, Optional<String> country, Optional<String> language) {
    }

    /** Splits {@code qwen2.5@DEU} into {@code qwen2.5} and {@code DEU}; names without a suffix are returned as is. */
    public static ModelName splitModel(String model) {
        if (model == null) {
            return new ModelName(null, Optional.empty(), Optional.empty());
        }
        Matcher m = SUFFIX.matcher(model);
        if (!m.matches()) {
            return new ModelName(model, Optional.empty(), Optional.empty());
        }
        return new ModelName(m.group(1), Optional.of(m.group(2)), Optional.ofNullable(m.group(3)));
    }

    /**
     * The target culture of a request: the {@code X-Culture-Country} header first, then the model suffix, then the
     * caller's default country. The language: the {@code X-Culture-Language} header, the suffix's language, the
     * caller's default language, the server default, in that order.
     *
     * @return empty when none of the three names a country (the request passes through)
     */
    public static Optional<TargetCulture> resolve(String countryHeader, String languageHeader, ModelName model,
                                                  ApiKey caller, String defaultLanguage) {
        String country;
        String source;
        if (countryHeader != null && !countryHeader.isBlank()) {
            country = countryHeader.strip();
            source = "header";
        } else if (model.country().isPresent()) {
            country = model.country().get();
            source = "model";
        } else if (caller.country().isPresent()) {
            country = caller.country().get();
            source = "key";
        } else {
            return Optional.empty();
        }
        String language = languageHeader != null && !languageHeader.isBlank() ? languageHeader.strip()
                : model.language().or(caller::language).orElse(defaultLanguage);
        return Optional.of(new TargetCulture(country, language, source));
    }
}
