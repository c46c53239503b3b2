package org.culturalign.server;

import java.util.HexFormat;
import java.util.Optional;
import org.culturalign.InvalidInputException;

/**
 * One caller's API key as configured: never the key itself, only its SHA-256.
 *
 * @param name            a label for logs, metrics and the audit log (not secret)
 * @param sha256          the SHA-256 of the key's UTF-8 bytes, 32 bytes (configured as 64 hex digits)
 * @param country         the caller's default target country (ISO 3166-1 alpha-3), or empty for none
 * @param language        the caller's default language, or empty for the server default
 * @param ratePerMinute   requests allowed per minute (also the burst size), 0 for no limit
 */
public record ApiKey(String name, byte[] sha256, Optional<String> country, Optional<String> language,
                     int ratePerMinute) {
    /** @throws InvalidInputException for a blank name, a hash that is not 32 bytes or a negative rate */
    public ApiKey {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("an API key needs a name");
        }
        if (sha256 == null || sha256.length != 32) {
            throw new InvalidInputException("API key '" + name + "': sha256 must be 64 hex digits (the SHA-256 of "
                    + "the key, e.g. printf %s \"$KEY\" | sha256sum)");
        }
        if (ratePerMinute < 0) {
            throw new InvalidInputException("API key '" + name + "': rate_per_minute must be >= 0");
        }
        sha256 = sha256.clone();
        country = country == null ? Optional.empty() : country;
        language = language == null ? Optional.empty() : language;
    }

    /** Parses 64 hex digits. @throws InvalidInputException when it is not that */
    public static byte[] hex(String name, String hex) {
        try {
            byte[] b = HexFormat.of().parseHex(hex.strip());
            if (b.length == 32) {
                return b;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new InvalidInputException("API key '" + name + "': sha256 must be 64 hex digits (the SHA-256 of the "
                + "key, e.g. printf %s \"$KEY\" | sha256sum)");
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    @Override
    public String toString() {
        return "ApiKey[" + name + ", sha256 (redacted), country " + country.orElse("-") + ", language "
                + language.orElse("-") + ", " + (ratePerMinute == 0 ? "no rate limit" : ratePerMinute + "/min") + "]";
    }
}
