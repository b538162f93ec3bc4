package org.attnflow.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Distance from an attention matrix to the Boolean limit of [GLPR-E] in d = 1 (spec/math.md C7): with the tokens sorted
 * by value, every row of the limit is e_1 (attend to the smallest token) or e_n (attend to the largest), except
 * at most one arbitrary row.
 *
 * <p>Row i's distance is min(‖P_i − e_first‖_∞, ‖P_i − e_last‖_∞) (first/last: the indices of the smallest and
 * largest token). The exceptional row is the one farthest from both; {@link #distance} is the largest row
 * distance among the others, {@link #strictDistance} the largest over all rows (no exception allowed).
 *
 * @param first          index of the smallest token
 * @param last           index of the largest token
 * @param target         per row: the index (first or last) of its nearest Boolean row
 * @param rowDistance    per row: its distance to that row
 * @param exceptionalRow the row allowed to be arbitrary
 * @param distance       max row distance excluding the exceptional row
 * @param strictDistance max row distance over all rows
 * @param leaders        the tokens whose columns are non-zero in the limit (first and/or last)
 * @param limitRank      rank of the Boolean limit without the exceptional row (1 or 2)
 */
public record BooleanLimit(int first, int last, int[] target, double[] rowDistance, int exceptionalRow,
                           double distance, double strictDistance, int[] leaders, int limitRank) {

    /** @param p attention matrix; @param values the d = 1 token values that define the order */
    public static BooleanLimit of(double[][] p, double[] values) {
        int n = p.length;
        if (values.length != n) throw new IllegalArgumentException(n + " attention rows but " + values.length + " token values");
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        int first = order[0], last = order[n - 1];
        int[] target = new int[n];
        double[] dist = new double[n];
        int exceptional = 0;
        for (int i = 0; i < n; i++) {
            double toFirst = distanceToUnit(p[i], first), toLast = distanceToUnit(p[i], last);
            target[i] = toFirst <= toLast ? first : last;
            dist[i] = Math.min(toFirst, toLast);
            if (dist[i] > dist[exceptional]) exceptional = i;
        }
        double strict = 0, relaxed = 0;
        List<Integer> leaders = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            strict = Math.max(strict, dist[i]);
            if (i == exceptional) continue;
            relaxed = Math.max(relaxed, dist[i]);
            if (!leaders.contains(target[i])) leaders.add(target[i]);
        }
        int[] lead = leaders.stream().mapToInt(Integer::intValue).sorted().toArray();
        return new BooleanLimit(first, last, target, dist, exceptional, relaxed, strict, lead, Math.max(1, lead.length));
    }

    /** ‖row − e_k‖_∞. */
    private static double distanceToUnit(double[] row, int k) {
        double m = 0;
        for (int j = 0; j < row.length; j++) m = Math.max(m, Math.abs(row[j] - (j == k ? 1 : 0)));
        return m;
    }

    @Override
    public int[] target() { return target.clone(); }

    @Override
    public double[] rowDistance() { return rowDistance.clone(); }

    @Override
    public int[] leaders() { return leaders.clone(); }
}
