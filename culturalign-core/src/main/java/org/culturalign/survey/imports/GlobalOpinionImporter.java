package org.culturalign.survey.imports;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.commons.csv.CSVRecord;
import org.culturalign.InvalidInputException;
import org.culturalign.io.Sha256;
import org.culturalign.survey.AnswerScale;
import org.culturalign.survey.Country;
import org.culturalign.survey.DataSource;
import org.culturalign.survey.HumanDistribution;
import org.culturalign.survey.Question;
import org.culturalign.survey.QuestionText;
import org.culturalign.survey.ScaleType;
import org.culturalign.survey.SurveyData;

/**
 * Imports GlobalOpinionQA's {@code global_opinions.csv} (Durmus et al. 2023; columns {@code question, selections,
 * options, source}) into survey data. {@code selections} is a printed Python {@code defaultdict(<class 'list'>,
 * {country: [share, ...]})} and {@code options} a Python list of strings; both are read by {@link PythonLiteral}.
 *
 * <p>Each question gets the id {@code GOQA-} + the first 10 hex digits of SHA-256 over the UTF-8 bytes of the
 * question, then each option, joined by U+001F (stable across runs and row order), its source tag as {@link
 * Question#source()} ({@code GAS} = Pew Global Attitudes, {@code WVS}), an English text only, no category, and a
 * nominal scale with codes 1..K in the printed option order (the file does not say which option lists are ordered).
 * Shares are renormalised to sum to 1 (they are shares of valid answers; rounding leaves small gaps).
 *
 * <p>Countries are mapped to ISO 3166-1 alpha-3 by {@link CountryNames}. A sample qualifier such as
 * {@code (Non-national sample)} is kept visible: when a question has both the plain (or "Current national sample")
 * entry and a qualified one for a country, the plain one is used and the other is reported as skipped; when only
 * the qualified one exists it is used and the country's display name carries the qualifier (e.g. "India
 * (Non-national sample)", or "India (partly Non-national sample: 3 of 10 questions)"), as does the data source
 * notice, which lists each country's qualified question count.
 *
 * <p>Skipped with a reason each: rows with an empty question, fewer than two options, malformed literals (reported
 * with their line number; the good rows are kept), duplicates of an earlier row, no usable country; and per country:
 * unknown names, empty, all-zero, negative or non-finite share lists, lists whose length differs from the options.
 */
public final class GlobalOpinionImporter {
    /** Importer version recorded in {@link DataSource#version()}. */
    public static final String VERSION = "goqa-import/1";
    private static final String NATIONAL = "Current national sample";

    private GlobalOpinionImporter() {
    }

    /**
     * Reads the whole file and builds the questions and distributions.
     *
     * @throws InvalidInputException for a missing column, an empty or non-CSV file, invalid UTF-8, broken CSV
     *                               quoting, or when no row could be imported
     */
    public static ImportResult importFile(Path file) {
        ImportSummary summary = new ImportSummary();
        List<Question> questions = new ArrayList<>();
        Map<Country, Map<String, HumanDistribution>> distributions = new TreeMap<>();
        Map<Country, Map<String, String>> qualifiers = new TreeMap<>();
        Map<String, Long> firstLine = new HashMap<>();
        String sha;
        long rows = 0;
        long malformed = 0;
        long renormalised = 0;
        try (CsvSource csv = CsvSource.open(file)) {
            String what = "a GlobalOpinionQA column";
            int qCol = csv.requireColumn("question", what);
            int sCol = csv.requireColumn("selections", what);
            int oCol = csv.requireColumn("options", what);
            int srcCol = csv.requireColumn("source", what);
            for (CSVRecord r = csv.nextAnyWidth().orElse(null); r != null; r = csv.nextAnyWidth().orElse(null)) {
                rows++;
                String at = "line " + csv.line();
                if (r.size() != csv.header().size()) {
                    malformed++;
                    summary.skip(at, "malformed row: " + r.size() + " fields, the header has " + csv.header().size());
                    continue;
                }
                String question = r.get(qCol).strip();
                if (question.isEmpty()) {
                    summary.skip(at, "empty question");
                    continue;
                }
                Object selections;
                Object options;
                try {
                    selections = PythonLiteral.parse(r.get(sCol));
                    options = PythonLiteral.parse(r.get(oCol));
                } catch (PythonLiteral.SyntaxError e) {
                    malformed++;
                    summary.skip(at, "malformed " + (isParsable(r.get(sCol)) ? "options" : "selections") + ": "
                            + e.getMessage());
                    continue;
                }
                if (!(selections instanceof Map<?, ?> byCountry)) {
                    malformed++;
                    summary.skip(at, "malformed selections: expected a dict of country to share list");
                    continue;
                }
                List<String> labels = labels(options);
                if (labels == null) {
                    malformed++;
                    summary.skip(at, "malformed options: expected a list of non-blank strings");
                    continue;
                }
                if (labels.size() < 2) {
                    summary.skip(at, "fewer than two options " + labels);
                    continue;
                }
                String id = questionId(question, labels);
                Long earlier = firstLine.putIfAbsent(id, csv.line());
                if (earlier != null) {
                    summary.skip(at, "same question and options as line " + earlier + " (" + id + ")");
                    continue;
                }
                Map<Country, Candidate> chosen = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : byCountry.entrySet()) {
                    String printed = String.valueOf(e.getKey());
                    String where = at + " " + printed;
                    var resolved = CountryNames.resolve(printed);
                    if (resolved.isEmpty()) {
                        summary.skip(where, "unknown country name");
                        continue;
                    }
                    String problem = shareProblem(e.getValue(), labels.size());
                    if (problem != null) {
                        summary.skip(where, problem);
                        continue;
                    }
                    Candidate c = new Candidate(resolved.get(), shares(e.getValue()));
                    Candidate other = chosen.get(c.country.country());
                    if (other == null || rank(c) < rank(other)) {
                        chosen.put(c.country.country(), c);
                        if (other != null) {
                            summary.skip(at + " " + other.printed(), c.country.country() + " already has data from '"
                                    + c.printed() + "' in this question");
                        }
                    } else {
                        summary.skip(where, c.country.country() + " already has data from '" + other.printed()
                                + "' in this question");
                    }
                }
                if (chosen.isEmpty()) {
                    summary.skip(at, "no country with usable shares");
                    continue;
                }
                String tag = r.get(srcCol).strip();
                AnswerScale scale = new AnswerScale(codes(labels.size()), ScaleType.NOMINAL);
                questions.add(new Question(id, "", scale, Map.of("en", new QuestionText(question, labels)), Map.of(),
                        "", tag.isEmpty() ? "GlobalOpinionQA" : tag));
                for (Candidate c : chosen.values()) {
                    double sum = 0;
                    for (double s : c.shares) {
                        sum += s;
                    }
                    if (Math.abs(sum - 1) > HumanDistribution.SUM_TOLERANCE) {
                        renormalised++;
                    }
                    double[] normal = new double[c.shares.length];
                    for (int i = 0; i < normal.length; i++) {
                        normal[i] = c.shares[i] / sum;
                    }
                    Country country = c.country.country();
                    distributions.computeIfAbsent(country, k -> new LinkedHashMap<>()).put(id, HumanDistribution
                            .ofShares(normal, OptionalLong.empty(), OptionalDouble.empty(), at + " " + c.printed()));
                    if (rank(c) > 0) {
                        qualifiers.computeIfAbsent(country, k -> new LinkedHashMap<>()).put(id, c.country.qualifier());
                    }
                }
            }
            if (rows == 0) {
                throw new InvalidInputException(file + ":2: no data rows after the header; expected one row per "
                        + "question");
            }
            sha = csv.sha256();
        }
        if (questions.isEmpty()) {
            throw new InvalidInputException(file + ": nothing to import: none of the " + rows + " rows is usable ("
                    + summary.skipped().stream().limit(3).map(Object::toString).reduce((a, b) -> a + "; " + b)
                    .orElse("") + ")");
        }
        Map<Country, String> names = new TreeMap<>();
        List<String> qualifierNotes = new ArrayList<>();
        for (Country c : distributions.keySet()) {
            String name = CountryNames.englishName(c);
            Map<String, String> q = qualifiers.getOrDefault(c, Map.of());
            if (!q.isEmpty()) {
                int total = distributions.get(c).size();
                String kinds = String.join(", ", new java.util.TreeSet<>(q.values()));
                name = q.size() == total ? name + " (" + kinds + ")"
                        : name + " (partly " + kinds + ": " + q.size() + " of " + total + " questions)";
                qualifierNotes.add(c + " " + kinds + " in " + q.size() + " of " + total + " questions");
            }
            names.put(c, name);
        }
        summary.count("rows read", rows);
        summary.count("questions", questions.size());
        summary.count("countries", distributions.size());
        summary.count("country-question pairs", distributions.values().stream().mapToLong(Map::size).sum());
        summary.count("rows malformed", malformed);
        summary.count("rows skipped", summary.skipped().stream()
                .filter(s -> s.what().matches("line \\d+")).count());
        summary.count("share lists renormalised (sum off 1 by more than " + HumanDistribution.SUM_TOLERANCE + ")",
                renormalised);
        if (!qualifierNotes.isEmpty()) {
            summary.note("qualified samples (not plainly the national population): "
                    + String.join("; ", qualifierNotes));
        }
        String notice = "Derived from GlobalOpinionQA (Durmus et al. 2023, \"Towards Measuring the Representation of "
                + "Subjective Global Opinions in Language Models\"; Pew Global Attitudes Survey and World Values "
                + "Survey data)" + (qualifierNotes.isEmpty() ? "" : "; qualified samples: "
                + String.join("; ", qualifierNotes)) + "; imported by culturalign (" + VERSION + ").";
        DataSource source = new DataSource(file.getFileName().toString(), VERSION, sha, notice);
        return new ImportResult(new SurveyData(source, questions, distributions, names), summary);
    }

    /** The stable question id: "GOQA-" + 10 hex digits of SHA-256(question U+001F option1 U+001F ...). */
    public static String questionId(String question, List<String> options) {
        MessageDigest sha = Sha256.digest();
        sha.update(question.getBytes(StandardCharsets.UTF_8));
        for (String o : options) {
            sha.update((byte) 0x1f);
            sha.update(o.getBytes(StandardCharsets.UTF_8));
        }
        return "GOQA-" + Sha256.hex(sha).substring(0, 10);
    }

    private record Candidate(CountryNames.Resolved country, double[] shares) {
        String printed() {
            return country.qualified() ? country.name() + " (" + country.qualifier() + ")" : country.name();
        }
    }

    /** 0 = plain name, 1 = "Current national sample", 2 = any other qualifier (e.g. non-national). */
    private static int rank(Candidate c) {
        if (!c.country.qualified()) {
            return 0;
        }
        return c.country.qualifier().equalsIgnoreCase(NATIONAL) ? 1 : 2;
    }

    private static boolean isParsable(String literal) {
        try {
            PythonLiteral.parse(literal);
            return true;
        } catch (PythonLiteral.SyntaxError e) {
            return false;
        }
    }

    private static List<String> labels(Object options) {
        if (!(options instanceof List<?> list)) {
            return null;
        }
        List<String> labels = new ArrayList<>();
        for (Object o : list) {
            String label = o instanceof String s ? s.strip() : o instanceof Number n ? n.toString() : null;
            if (label == null || label.isEmpty()) {
                return null;
            }
            labels.add(label);
        }
        return labels;
    }

    private static String shareProblem(Object value, int options) {
        if (!(value instanceof List<?> list)) {
            return "expected a list of shares, found " + value;
        }
        if (list.isEmpty()) {
            return "empty share list";
        }
        if (list.size() != options) {
            return list.size() + " shares for " + options + " options";
        }
        double sum = 0;
        for (Object o : list) {
            if (!(o instanceof Number n) || o instanceof Boolean || !Double.isFinite(n.doubleValue())
                    || n.doubleValue() < 0) {
                return "share " + o + " is not a finite non-negative number";
            }
            sum += n.doubleValue();
        }
        return sum > 0 ? null : "all shares are 0";
    }

    private static double[] shares(Object value) {
        List<?> list = (List<?>) value;
        double[] shares = new double[list.size()];
        for (int i = 0; i < shares.length; i++) {
            shares[i] = ((Number) list.get(i)).doubleValue();
        }
        return shares;
    }

    private static List<Integer> codes(int k) {
        List<Integer> codes = new ArrayList<>(k);
        for (int i = 1; i <= k; i++) {
            codes.add(i);
        }
        return codes;
    }
}
