package org.culturalign.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class ReferencePositionsTest {
    private static final Path SHARED = Paths.get("..", "..", "shared", "data", "cultural_map",
            "ivs_country_positions_2005plus.csv");
    /** The ISO 3166-1 numeric codes of a few countries, typed from the standard. */
    private static final Map<String, String> NUMERIC = Map.of("276", "DEU", "566", "NGA", "840", "USA", "156", "CHN",
            "752", "SWE", "716", "ZWE", "36", "AUS", "400", "JOR");

    @Test
    void theBundledPositionsHaveKnownCountriesInTheirExpectedQuadrants() {
        Map<String, ReferencePositions.Position> all = ReferencePositions.all();
        assertThat(all).hasSize(109);
        assertThat(all.get("SWE").x()).isGreaterThan(2); // Protestant Europe: self-expression, secular
        assertThat(all.get("SWE").y()).isGreaterThan(1);
        assertThat(all.get("NGA").y()).isLessThan(-1); // traditional
        assertThat(all.get("DEU").zone()).isEqualTo("Protestant Europe");
    }

    @Test
    void theBundledPositionsEqualTheSharedReferenceFileRowForRow() throws Exception {
        assumeTrue(Files.exists(SHARED), "skipped: " + SHARED.toAbsolutePath().normalize()
                + " absent (the shared reference folder is only on developer machines and CI)");
        int checked = 0;
        int rows = 0;
        try (Reader r = Files.newBufferedReader(SHARED)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
                rows++;
                String alpha3 = NUMERIC.get(rec.get("country_code"));
                if (alpha3 == null) {
                    continue;
                }
                ReferencePositions.Position p = ReferencePositions.all().get(alpha3);
                assertThat(p.x()).as(alpha3).isEqualTo(Double.parseDouble(rec.get("pc1_survival_selfexpr")));
                assertThat(p.y()).as(alpha3).isEqualTo(Double.parseDouble(rec.get("pc2_traditional_secular")));
                assertThat(p.zone()).as(alpha3).isEqualTo(rec.get("cultural_region"));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(NUMERIC.size());
        // every row but the three WVS-only units without an ISO code (197, 909, 915)
        assertThat(ReferencePositions.all()).hasSize(rows - 3);
    }
}
