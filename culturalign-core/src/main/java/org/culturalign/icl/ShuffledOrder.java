package org.culturalign.icl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.culturalign.InvalidInputException;

/**
 * A selector's demonstrations in a seeded random order: the same k questions as the wrapped selector chooses, shown
 * in another order, to measure how much the ICL gain depends on demonstration order alone (order sensitivity of
 * few-shot prompts: Lu et al. 2022, "Fantastically Ordered Prompts and Where to Find Them", ACL 2022). Named
 * {@code NAME@orderN} ({@code chrf@order1}, {@code random@order3}); N &gt;= 1 picks the shuffle. The permutation is
 * a Fisher-Yates shuffle from {@code StableSeed.of("demonstration-order", N, seed, country, language, test, k)}, so it
 * depends on what it is for, not on call order.
 */
public final class ShuffledOrder implements DemonstrationSelector {
    /** The suffix that names an order variant: {@code @order} and a whole number &gt;= 1. */
    public static final String SUFFIX = "@order";
    private static final Pattern NAME = Pattern.compile("(.+)@order(\\d+)", Pattern.CASE_INSENSITIVE);

    private final DemonstrationSelector inner;
    private final int order;

    /**
     * @param inner the selector whose choice is reordered
     * @param order which shuffle, &gt;= 1
     * @throws InvalidInputException for an order below 1
     */
    public ShuffledOrder(DemonstrationSelector inner, int order) {
        if (order < 1) {
            throw new InvalidInputException("demonstration selector '" + inner.name() + SUFFIX + order
                    + "': the order number must be >= 1 (" + SUFFIX + "1, " + SUFFIX + "2, ...)");
        }
        this.inner = inner;
        this.order = order;
    }

    /**
     * Splits an order variant's name.
     *
     * @return the base selector's name and the order number, or empty when {@code name} has no {@code @orderN} suffix
     */
    public static Optional<Variant> parse(String name) {
        Matcher m = NAME.matcher(name == null ? "" : name.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Variant(m.group(1), Integer.parseInt(m.group(2))));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("demonstration selector '" + name + "': the order number is too large");
        }
    }

    /** The parts of {@code NAME@orderN}. */
    public record Variant(String base, int order) {
    }

    /** The selector whose choice is reordered. */
    public DemonstrationSelector inner() {
        return inner;
    }

    @Override
    public String name() {
        return inner.name() + SUFFIX + order;
    }

    @Override
    public Selection select(SelectionRequest request) {
        return shuffled(inner.select(request), StableSeed.of("demonstration-order", order, request.seed(),
                request.country().code(), request.language(), request.test().id(), request.k()));
    }

    /** The wrapped selector's choice for free text, shuffled with a seed of (order, seed, country, language, text). */
    @Override
    public Selection selectForText(TextSelectionRequest request) {
        return shuffled(inner.selectForText(request), StableSeed.of("demonstration-order", order, request.seed(),
                request.country().code(), request.language(), request.text(), request.k()));
    }

    private static Selection shuffled(Selection s, long seed) {
        List<String> ids = new ArrayList<>(s.questionIds());
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = ids.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = ids.get(i);
            ids.set(i, ids.get(j));
            ids.set(j, t);
        }
        return new Selection(ids, s.fellBack(), s.note());
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
