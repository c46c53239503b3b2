package org.culturalign.report;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which probes the per-question drill-down shows: a deterministic spread over questions and grid cells, so a reader
 * sees many questions and every cell rather than the first questions of the file.
 *
 * <p>Round-robin over the questions (in file order): each round gives every question one more probe. The probe's cell
 * comes from one rotation over the cells shared by all turns (k-shot cells first, then 0-shot cells, each in file
 * order): a turn takes the next cell in the rotation that the question has a probe left in, so the cells come up
 * evenly. Shown listed by question, then cell.
 */
final class DrillDown {
    /** Probes shown per run at most (all probes are in samples.jsonl). */
    static final int CAP = 40;

    private DrillDown() {
    }

    /** The grid cell a sample belongs to (model, country, language, shots, selector, format, persona). */
    static String cell(Sample s) {
        return s.model() + '|' + s.country() + '|' + s.language() + '|' + s.shots() + '|' + s.selector() + '|'
                + s.format() + '|' + s.persona();
    }

    /**
     * The indices (into {@code samples}) of at most {@code cap} probes spread over questions and cells, listed by
     * question (file order) then cell (k-shot first). Depends only on the samples' questions and cells, never on
     * prompt texts, so the reader and the page pick the same probes.
     */
    static List<Integer> pick(List<Sample> samples, int cap) {
        Map<String, Map<String, Deque<Integer>>> byQuestion = new LinkedHashMap<>();
        Set<String> kCells = new LinkedHashSet<>();
        Set<String> zeroCells = new LinkedHashSet<>();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            String cell = cell(s);
            (s.shots() > 0 ? kCells : zeroCells).add(cell);
            byQuestion.computeIfAbsent(s.questionId(), q -> new HashMap<>())
                    .computeIfAbsent(cell, c -> new ArrayDeque<>()).add(i);
        }
        List<String> cells = new ArrayList<>(kCells);
        cells.addAll(zeroCells);
        Map<String, Integer> cellRank = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            cellRank.put(cells.get(i), i);
        }
        List<String> questions = new ArrayList<>(byQuestion.keySet());
        List<Integer> picked = new ArrayList<>();
        int cursor = 0; // one rotation over the cells shared by all questions, so every cell comes up in turn
        boolean progress = true;
        while (progress && picked.size() < cap) {
            progress = false;
            for (int q = 0; q < questions.size() && picked.size() < cap; q++) {
                Map<String, Deque<Integer>> mine = byQuestion.get(questions.get(q));
                for (int step = 0; step < cells.size(); step++) {
                    int c = (cursor + step) % cells.size();
                    Deque<Integer> left = mine.get(cells.get(c));
                    if (left != null && !left.isEmpty()) {
                        picked.add(left.poll());
                        cursor = (c + 1) % cells.size();
                        progress = true;
                        break;
                    }
                }
            }
        }
        Map<String, Integer> questionRank = new HashMap<>();
        for (int q = 0; q < questions.size(); q++) {
            questionRank.put(questions.get(q), q);
        }
        picked.sort(Comparator.<Integer>comparingInt(i -> questionRank.get(samples.get(i).questionId()))
                .thenComparingInt(i -> cellRank.get(cell(samples.get(i)))).thenComparingInt(i -> i));
        return picked;
    }

    /** How the shown probes were picked, for the page. */
    static String method(List<Sample> samples) {
        long questions = samples.stream().map(Sample::questionId).distinct().count();
        long cells = samples.stream().map(DrillDown::cell).distinct().count();
        return "picked round-robin over the " + plural(questions, "question") + ", the grid cells taken in rotation "
                + "over the " + plural(cells, "cell") + " (k-shot cells first), so every question appears before any "
                + "appears twice and the cells come up evenly; listed by question";
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
