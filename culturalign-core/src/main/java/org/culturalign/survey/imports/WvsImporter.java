package org.culturalign.survey.imports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.culturalign.InvalidInputException;
import org.culturalign.NearestNames;
import org.culturalign.survey.AnswerScale;
import org.culturalign.survey.Countries;
import org.culturalign.survey.Country;
import org.culturalign.survey.DataSource;
import org.culturalign.survey.HumanDistribution;
import org.culturalign.survey.Question;
import org.culturalign.survey.QuestionText;
import org.culturalign.survey.ScaleType;
import org.culturalign.survey.Subgroup;
import org.culturalign.survey.SurveyData;

/**
 * Imports the official World Values Survey wave 7 respondent-level CSV (the cross-national release or a per-country
 * file) into per-(country, item) answer distributions.
 *
 * <p>For each country ({@code B_COUNTRY_ALPHA}) and item, the share of answer code c is
 * {@code sum of w_r over respondents r who gave c / sum of w_r over respondents with a valid answer}, where w is the
 * chosen {@link WeightScheme}. Valid answers: non-negative codes that the catalog's {@link Question#scaleCode} maps
 * onto the item's scale (recodes applied). Not answers: blank cells, the WVS missing codes -1 (don't know),
 * -2 (no answer), -3 (not applicable), -4 (not asked), -5 (missing) and any other negative code, codes a recode
 * drops, and codes not on the scale. 0 is an answer wherever the scale has it. Every distribution records n (valid
 * respondents, unweighted) and the weight sum.
 *
 * <p>Unless turned off ({@link WvsImportOptions#subgroups()}), the same shares are computed per demographic
 * {@link Subgroup} of each country (sex, age band, education level, urban/rural; see {@link Demographics} for the
 * columns), each with its own n, so that {@code eval --countries DEU/female} can target it.
 *
 * <p>Item columns are the catalog's ids plus every column named like a WVS-7 item ({@code Q1}..{@code Q290}, with an
 * optional letter, e.g. {@code Q82A}); variant columns such as {@code Q33_3} (recoded duplicates of {@code Q33}) are
 * skipped unless named in the options. An item the catalog does not know is imported with a generic scale: its codes
 * are the valid (non-negative) codes seen in the selected countries, its labels those codes, its English text says
 * the wording is unknown, and its source is {@value #UNCATALOGUED}. Its scale is ordinal only when obviously so:
 * 4 to 11 consecutive codes starting at 0 or 1 (a rating scale such as 1-4 or 1-10); otherwise nominal (two or three
 * codes, gaps). An uncatalogued item with more than {@value #MAX_GENERIC_CODES} distinct codes (age, a count, a
 * country-specific party list) is not a set of answer options and is skipped.
 */
public final class WvsImporter {
    /** Question source of items the catalog does not know. */
    public static final String UNCATALOGUED = "WVS-7/uncatalogued";
    /** Largest scale an uncatalogued item may get. */
    public static final int MAX_GENERIC_CODES = 12;
    /** Importer version recorded in {@link DataSource#version()}. */
    public static final String VERSION = "wvs7-import/1";

    static final String COUNTRY_COLUMN = "B_COUNTRY_ALPHA";
    private static final Pattern ITEM = Pattern.compile("Q\\d+[A-Z]?");
    private static final Pattern VARIANT = Pattern.compile("Q\\d+[A-Z]?_\\w+");
    private static final Pattern ALPHA3 = Pattern.compile("[A-Za-z]{3}");

    private WvsImporter() {
    }

    /**
     * Reads the file once, streaming, and builds the distributions.
     *
     * @param file    the WVS-7 CSV (',' or ';' separated, UTF-8, header line)
     * @param options weight, country and item restrictions
     * @param catalog known questions (scales and recodes), e.g. the bundled WVS-7 catalog
     * @return the data (questions in file column order) and a summary
     * @throws InvalidInputException for a missing column, an unknown --questions name, a non-numeric cell, a bad
     *                               country code or weight, invalid UTF-8, a malformed or non-CSV file, or when
     *                               nothing could be imported
     */
    public static ImportResult importFile(Path file, WvsImportOptions options, List<Question> catalog) {
        Map<String, Question> known = new HashMap<>();
        catalog.forEach(q -> known.put(q.id().toUpperCase(java.util.Locale.ROOT), q));
        ImportSummary summary = new ImportSummary();
        try (FastCsvReader csv = FastCsvReader.open(file)) {
            int countryCol = csv.header().require(COUNTRY_COLUMN, "the respondent's country, ISO 3166-1 alpha-3");
            int[] weightCols = weightColumns(csv, options.weight());
            List<String> itemIds = new ArrayList<>();
            List<Integer> itemCols = new ArrayList<>();
            selectItems(csv, options, known, itemIds, itemCols, summary);
            int[] cols = itemCols.stream().mapToInt(Integer::intValue).toArray();
            int items = cols.length;
            long[][] missing = new long[items][7]; // [item][0]=blank, [1..5]=-1..-5, [6]=other negative
            Map<String, CodeTally[]> tallies = new TreeMap<>();
            Map<String, Long> rowsByCountry = new TreeMap<>();
            Map<String, Long> rowsSkippedByCountry = new TreeMap<>();
            String[] provenance = {null, null};
            int versionCol = csv.header().column("version").orElse(-1);
            int doiCol = csv.header().column("doi").orElse(-1);
            Demographics demographics = options.subgroups() ? Demographics.of(csv) : Demographics.none();
            Subgroup[] groupScratch = new Subgroup[Subgroup.Dimension.values().length];
            CodeTally[][] groupRows = new CodeTally[groupScratch.length][];
            Map<String, Map<Subgroup, CodeTally[]>> groupTallies = new TreeMap<>();
            Map<Subgroup, Long> groupRespondents = new EnumMap<>(Subgroup.class);
            long rows = 0;
            while (csv.next()) {
                rows++;
                if (rows == 1) {
                    provenance[0] = versionCol >= 0 ? csv.field(versionCol).strip() : null;
                    provenance[1] = doiCol >= 0 ? csv.field(doiCol).strip() : null;
                }
                String country = csv.field(countryCol).strip();
                if (!ALPHA3.matcher(country).matches()) {
                    throw new InvalidInputException(file + ":" + csv.line() + ": field " + csv.header().names().get(countryCol)
                            + " is '" + country + "'; expected an ISO 3166-1 alpha-3 country code such as DEU");
                }
                country = country.toUpperCase(java.util.Locale.ROOT);
                if (!options.countries().isEmpty() && !options.countries().contains(country)) {
                    rowsSkippedByCountry.merge(country, 1L, Long::sum);
                    continue;
                }
                rowsByCountry.merge(country, 1L, Long::sum);
                double weight = weight(csv, weightCols);
                CodeTally[] row = tallies.computeIfAbsent(country, c -> newTallies(items));
                int inGroups = demographics.groupsOf(csv, groupScratch);
                for (int g = 0; g < inGroups; g++) {
                    Subgroup sg = groupScratch[g];
                    groupRows[g] = groupTallies.computeIfAbsent(country, c -> new EnumMap<>(Subgroup.class))
                            .computeIfAbsent(sg, x -> newTallies(items));
                    groupRespondents.merge(sg, 1L, Long::sum);
                }
                for (int j = 0; j < items; j++) {
                    if (csv.blank(cols[j])) {
                        missing[j][0]++;
                        continue;
                    }
                    int code = code(csv, cols[j]);
                    if (code < 0) {
                        missing[j][code >= -5 ? -code : 6]++;
                    } else {
                        row[j].add(code, weight);
                        for (int g = 0; g < inGroups; g++) {
                            groupRows[g][j].add(code, weight);
                        }
                    }
                }
            }
            if (rows == 0) {
                throw new InvalidInputException(file + ":2: no data rows after the header; expected one row per "
                        + "respondent");
            }
            summary.count("rows read", rows);
            summary.count("rows imported", rows - rowsSkippedByCountry.values().stream().mapToLong(Long::longValue)
                    .sum());
            if (!rowsSkippedByCountry.isEmpty()) {
                summary.count("rows of countries not selected", rowsSkippedByCountry.values().stream()
                        .mapToLong(Long::longValue).sum());
            }
            for (String c : options.countries()) {
                if (!rowsByCountry.containsKey(c)) {
                    summary.skip("country " + c, "no rows in the file (its countries: "
                            + String.join(",", new TreeSet<>(rowsSkippedByCountry.keySet())) + ")");
                }
            }
            DataSource source = new DataSource(file.getFileName().toString(), VERSION + "; weight="
                    + options.weight().label(), csv.sha256(), notice(provenance));
            if (options.subgroups()) {
                demographics.describe(summary, groupRespondents);
            }
            return build(file, source, itemIds, known, tallies, groupTallies, missing, options.weight(), summary);
        }
    }

    private static ImportResult build(Path file, DataSource source, List<String> itemIds, Map<String, Question> known,
                                      Map<String, CodeTally[]> tallies, Map<String, Map<Subgroup, CodeTally[]>> groups,
                                      long[][] missing, WeightScheme weight, ImportSummary summary) {
        List<Question> questions = new ArrayList<>();
        Map<Country, Map<String, HumanDistribution>> distributions = new TreeMap<>();
        Map<Country, Map<String, HumanDistribution>> subgroupDistributions = new TreeMap<>();
        long subgroupPairs = 0;
        long pairs = 0;
        long pairsWithoutAnswers = 0;
        long validCells = 0;
        long notOnScale = 0;
        List<String> uncatalogued = new ArrayList<>();
        for (int j = 0; j < itemIds.size(); j++) {
            String id = itemIds.get(j);
            Question q = known.containsKey(id.toUpperCase(java.util.Locale.ROOT))
                    ? known.get(id.toUpperCase(java.util.Locale.ROOT)) : genericQuestion(id, j, tallies.values(), summary);
            if (q == null) {
                continue;
            }
            Map<Integer, Long> offScale = new TreeMap<>();
            int importedPairs = 0;
            for (Map.Entry<String, CodeTally[]> e : tallies.entrySet()) {
                CodeTally t = e.getValue()[j];
                Share share = share(q, t, offScale);
                if (share.n == 0) {
                    pairsWithoutAnswers++;
                    continue;
                }
                if (!(share.total > 0)) {
                    summary.skip(e.getKey() + " " + id, share.n + " valid answers but their weights sum to "
                            + share.total);
                    continue;
                }
                String where = e.getKey() + " " + id + " in " + file.getFileName();
                distributions.computeIfAbsent(new Country(e.getKey()), c -> new LinkedHashMap<>()).put(q.id(),
                        share.distribution(weight, where));
                importedPairs++;
                validCells += share.n;
            }
            offScale.forEach((code, count) -> summary.skip(id + " code " + code, count + " cells: "
                    + (q.recodes().containsKey(code) ? "dropped by the catalog's recode" : "not on the item's scale "
                    + q.scale().codes())));
            notOnScale += offScale.values().stream().mapToLong(Long::longValue).sum();
            if (importedPairs == 0) {
                summary.skip("item " + id, "no valid answers in any selected country");
                continue;
            }
            if (q.source().equals(UNCATALOGUED)) {
                uncatalogued.add(id + " " + q.scale().type().name().toLowerCase(java.util.Locale.ROOT)
                        + " " + q.scale().codes());
            }
            questions.add(q);
            pairs += importedPairs;
            for (Map.Entry<String, Map<Subgroup, CodeTally[]>> e : groups.entrySet()) {
                for (Map.Entry<Subgroup, CodeTally[]> g : e.getValue().entrySet()) {
                    Share share = share(q, g.getValue()[j], new TreeMap<>());
                    if (share.n > 0 && share.total > 0) {
                        Country target = new Country(e.getKey()).in(g.getKey());
                        subgroupDistributions.computeIfAbsent(target, c -> new LinkedHashMap<>()).put(q.id(),
                                share.distribution(weight, target + " " + id + " in " + file.getFileName()));
                        subgroupPairs++;
                    }
                }
            }
        }
        long[] byCode = new long[7];
        for (long[] m : missing) {
            for (int k = 0; k < 7; k++) {
                byCode[k] += m[k];
            }
        }
        summary.count("countries", distributions.size());
        summary.count("items", questions.size());
        summary.count("items not in the catalog (generic labels)", uncatalogued.size());
        summary.count("country-item pairs", pairs);
        summary.count("country-item pairs without valid answers", pairsWithoutAnswers);
        if (!groups.isEmpty()) {
            summary.count("subgroup-item pairs", subgroupPairs);
        }
        summary.count("cells valid", validCells);
        summary.count("cells blank", byCode[0]);
        String[] names = {"", "don't know", "no answer", "not applicable", "not asked", "missing"};
        for (int k = 1; k <= 5; k++) {
            summary.count("cells " + -k + " (" + names[k] + ")", byCode[k]);
        }
        if (byCode[6] > 0) {
            summary.count("cells with other negative codes", byCode[6]);
        }
        summary.count("cells dropped by recodes or off the scale", notOnScale);
        if (!uncatalogued.isEmpty()) {
            summary.note("items not in the catalog, imported with their codes as labels and no wording: "
                    + String.join("; ", uncatalogued));
        }
        if (questions.isEmpty()) {
            throw new InvalidInputException(file + ": nothing to import: no (country, item) pair has a valid answer"
                    + " (" + summary.skipped().stream().limit(3).map(Object::toString)
                    .reduce((a, b) -> a + "; " + b).orElse("no item columns") + ")");
        }
        Map<Country, String> countryNames = new TreeMap<>();
        distributions.keySet().forEach(c -> countryNames.put(c, Countries.name(c)));
        return new ImportResult(new SurveyData(source, questions, distributions, subgroupDistributions,
                countryNames), summary);
    }

    /** Weighted shares of one (target, item) tally on the item's scale; codes off the scale go to offScale. */
    private static Share share(Question q, CodeTally t, Map<Integer, Long> offScale) {
        double[] shares = new double[q.scale().size()];
        double total = 0;
        long n = 0;
        for (int i = 0; i < t.size(); i++) {
            var code = q.scaleCode(t.code(i));
            if (code.isEmpty()) {
                offScale.merge(t.code(i), t.count(i), Long::sum);
                continue;
            }
            shares[q.scale().positionOf(code.get())] += t.weight(i);
            total += t.weight(i);
            n += t.count(i);
        }
        return new Share(shares, total, n);
    }

    /** Weight per option, their sum and the (unweighted) number of valid respondents. */
    private record Share(double[] weights, double total, long n) {
        HumanDistribution distribution(WeightScheme scheme, String where) {
            double[] shares = new double[weights.length];
            for (int i = 0; i < shares.length; i++) {
                shares[i] = weights[i] / total;
            }
            return HumanDistribution.ofShares(shares, OptionalLong.of(n),
                    scheme == WeightScheme.NONE ? OptionalDouble.empty() : OptionalDouble.of(total), where);
        }
    }

    private static Question genericQuestion(String id, int j, Iterable<CodeTally[]> tallies, ImportSummary summary) {
        TreeSet<Integer> codes = new TreeSet<>();
        boolean overflow = false;
        for (CodeTally[] row : tallies) {
            overflow |= row[j].overflowed();
            for (int i = 0; i < row[j].size(); i++) {
                codes.add(row[j].code(i));
            }
        }
        if (overflow || codes.size() > MAX_GENERIC_CODES) {
            summary.skip("item " + id, "not in the catalog and has " + (overflow ? "over " + CodeTally.MAX_CODES
                    : codes.size()) + " distinct codes: not a set of answer options (at most " + MAX_GENERIC_CODES
                    + " expected)");
            return null;
        }
        if (codes.size() < 2) {
            summary.skip("item " + id, "not in the catalog and has " + codes.size()
                    + " distinct valid codes (at least 2 needed for a scale)");
            return null;
        }
        List<Integer> list = List.copyOf(codes);
        boolean consecutive = list.get(list.size() - 1) - list.get(0) == list.size() - 1;
        boolean ordinal = consecutive && list.get(0) <= 1 && list.size() >= 4 && list.size() <= 11;
        AnswerScale scale = new AnswerScale(list, ordinal ? ScaleType.ORDINAL : ScaleType.NOMINAL);
        QuestionText text = new QuestionText("WVS-7 item " + id + " (wording not in the culturalign catalog)",
                list.stream().map(String::valueOf).toList());
        return new Question(id, "", scale, Map.of("en", text), Map.of(), "", UNCATALOGUED);
    }

    private static void selectItems(FastCsvReader csv, WvsImportOptions options, Map<String, Question> known,
                                    List<String> ids, List<Integer> cols, ImportSummary summary) {
        List<String> header = csv.header().names();
        for (String wanted : new TreeSet<>(options.questions())) {
            if (csv.header().column(wanted).isEmpty()) {
                throw new InvalidInputException("--questions " + wanted + ": no such column in " + csv.file()
                        + "; the closest are " + NearestNames.nearestList(wanted, header, 3));
            }
        }
        List<String> variants = new ArrayList<>();
        int other = 0;
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).toUpperCase(java.util.Locale.ROOT);
            boolean item = known.containsKey(name) || ITEM.matcher(name).matches();
            if (!options.questions().isEmpty()) {
                if (options.questions().contains(name)) {
                    ids.add(known.containsKey(name) ? known.get(name).id() : name);
                    cols.add(i);
                }
            } else if (item) {
                ids.add(known.containsKey(name) ? known.get(name).id() : name);
                cols.add(i);
            } else if (VARIANT.matcher(name).matches()) {
                variants.add(header.get(i));
            } else {
                other++;
            }
        }
        summary.count("columns", header.size());
        summary.count("item columns", ids.size());
        if (!variants.isEmpty()) {
            summary.skip(variants.size() + " variant columns (" + String.join(", ", variants.subList(0,
                            Math.min(5, variants.size()))) + (variants.size() > 5 ? ", ..." : "") + ")",
                    "recoded duplicates of other items; name them in --questions to import them");
        }
        if (other > 0 && options.questions().isEmpty()) {
            summary.count("other columns (metadata, weights, derived indices)", other);
        }
        if (options.questions().isEmpty()) {
            long absent = known.keySet().stream().filter(id -> csv.header().column(id).isEmpty()).count();
            if (absent > 0) {
                summary.note(absent + " catalog items have no column in this file");
            }
        }
    }

    private static int[] weightColumns(FastCsvReader csv, WeightScheme weight) {
        String why = "the respondent weight for --weight " + weight.label() + "; --weight none imports unweighted";
        return switch (weight) {
            case NONE -> new int[0];
            case W_WEIGHT -> new int[] {csv.header().require("W_WEIGHT", why)};
            case S018 -> new int[] {csv.header().require("S018", why)};
            case W_WEIGHT_X_S018 -> new int[] {csv.header().require("W_WEIGHT", why), csv.header().require("S018", why)};
        };
    }

    private static double weight(FastCsvReader csv, int[] cols) {
        double w = 1;
        for (int col : cols) {
            String cell = csv.field(col).strip();
            if (csv.delimiter() == ';' && cell.indexOf(',') >= 0 && cell.indexOf('.') < 0) {
                cell = cell.replace(',', '.'); // semicolon files from European locales write decimal commas
            }
            double v;
            try {
                v = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
            if (!Double.isFinite(v) || v < 0) {
                throw new InvalidInputException(csv.file() + ":" + csv.line() + ": field " + csv.header().names().get(col)
                        + " is '" + cell + "'; expected a non-negative number (a respondent weight)");
            }
            w *= v;
        }
        return w;
    }

    /** An integer answer code; "3.0" is accepted as 3 (some exports write codes as decimals). */
    static int code(FastCsvReader csv, int col) {
        int code = csv.integer(col);
        if (code != Integer.MIN_VALUE) {
            return code;
        }
        String cell = csv.field(col);
        try {
            double d = Double.parseDouble(cell.strip());
            if (d == Math.rint(d) && Math.abs(d) < 1e9) {
                return (int) d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(csv.file() + ":" + csv.line() + ": field " + csv.header().names().get(col)
                + " is '" + cell + "'; expected an integer answer code (negative codes are missing values) or a blank");
    }

    private static CodeTally[] newTallies(int n) {
        CodeTally[] t = new CodeTally[n];
        for (int i = 0; i < n; i++) {
            t[i] = new CodeTally();
        }
        return t;
    }

    private static String notice(String[] provenance) {
        StringBuilder sb = new StringBuilder("Derived from the World Values Survey wave 7 (Haerpfer et al. 2022, "
                + "World Values Survey: Round Seven - Country-Pooled Datafile");
        if (provenance[0] != null && !provenance[0].isEmpty()) {
            sb.append(", ").append(provenance[0]);
        }
        if (provenance[1] != null && !provenance[1].isEmpty()) {
            sb.append(", doi:").append(provenance[1].replaceFirst("(?i)^doi:", ""));
        }
        return sb.append("); shares computed by culturalign data import (").append(VERSION).append(").").toString();
    }

}
