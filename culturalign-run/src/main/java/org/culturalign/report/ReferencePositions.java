package org.culturalign.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Countries' reference positions on the Inglehart–Welzel cultural map (IVS waves from 2005), an approximate
 * transcription of the published map; source and derivation in {@code NOTICE.md} next to the resource.
 */
public final class ReferencePositions {
    /** Class-path resource with the positions. */
    public static final String RESOURCE = "/org/culturalign/report/cultural_map_positions.csv";

    /**
     * A position on the map.
     *
     * @param x survival (negative) to self-expression (positive) values
     * @param y traditional (negative) to secular-rational (positive) values
     * @param zone the cultural zone the map assigns (e.g. "Protestant Europe")
     */
    public record Position(double x, double y, String zone) {
        /** Euclidean distance to (x, y). */
        public double distanceTo(double ox, double oy) {
            return Math.hypot(x - ox, y - oy);
        }
    }

    private static final Map<String, Position> POSITIONS = load();

    private ReferencePositions() {
    }

    /** Alpha-3 code to position, sorted by code. */
    public static Map<String, Position> all() {
        return POSITIONS;
    }

    private static Map<String, Position> load() {
        Map<String, Position> out = new LinkedHashMap<>();
        try (InputStream in = ReferencePositions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE + " (a build defect)");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",", 4);
                out.put(f[0], new Position(Double.parseDouble(f[1]), Double.parseDouble(f[2]), f[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(out);
    }
}
