package org.attnflow.field.simd;

import java.util.List;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.attnflow.field.SymmetricAttentionField;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.Normalization;

/**
 * B small systems with symmetric scores (full attention, Q = K: {@link SymmetricAttentionField#applies}) evaluated
 * with one system per vector lane: a group of {@code L} systems (L the preferred species' length, 8 with AVX-512)
 * runs the symmetric field's loop once, each operation on all L lanes. For phase diagrams and Monte-Carlo sweeps
 * of small n, where one system has too little work for a vector of its own (n = 32, d = 2: two coordinates);
 * spec/math.md §8.8.
 *
 * <p>Each member's output is {@link SymmetricAttentionField}'s bit for bit: lane b performs that field's operations
 * in its order — the same products and sums (multiply then add, never fused, as Java evaluates the scalar loop),
 * the same common shift, {@link VectorExp#exp(DoubleVector)} which is {@link VectorExp#exp(double)} lane by lane,
 * row i's terms added in key order (rows k &lt; i first, then keys j ≥ i), the same division. Only additions into
 * different numbers are reordered (coordinate by coordinate instead of key by key), which changes no number.
 * Where the symmetric field would hand the evaluation to the plain field (one shift cannot serve, a sum that is not
 * finite), that member alone is computed by its own {@link SymmetricAttentionField}, which takes the same branch.
 *
 * <p>The members must share n, d and m; their β, Q, V and normalisation may differ. Single-threaded (a sweep runs
 * one ensemble per thread); one instance per caller.
 */
public final class SymmetricEnsembleField extends BatchedField {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Systems per group: the lanes of a vector. */
    public static final int LANES = S.length();
    private static final int L = LANES;

    private final int m;
    private final int groups;
    // per group, lane-interleaved (entry e of lane l at e·L + l): Q (m×d), V (d×d), β, the fixed divisor's reciprocal
    private final double[][] q;
    private final double[][] v;
    private final double[][] beta;
    private final double[][] fixed;
    private final boolean[][] softmax;
    // the workspace of one group, lane-interleaved: tokens, Qx, Vx, output, row sums
    private final double[] x;
    private final double[] qx;
    private final double[] vx;
    private final double[] out;
    private final double[] sum;
    private final double[] pair; // one row's weights e^{s_ij − c}, j ≥ i
    private final double[] ownScore; // every token's ⟨Qx_i, Qx_i⟩ (project), lane-interleaved
    private final double[] shift; // the group's common shifts c, one per lane
    private final boolean[] handOver; // the group's lanes that the symmetric field hands to the plain field
    private final boolean[] brokeDown; // the group's lanes whose retraction in stepOnSphere broke down
    private final SymmetricAttentionField[] alone; // a member's own field, made the first time it must run alone
    private final double[] memberState;
    private final double[] memberOutput;
    // a step in the lanes (stepOnSphere), for the evaluation in progress: its size, where the new states go, which members took it
    private double stepSize;
    private double[][] stepStates;
    private boolean[] stepTaken;

    /**
     * @param models one model per system (at least one), each with symmetric scores, all of the same d ({@link BatchedField}) and m
     * @param tokens n, the same for every system
     */
    public SymmetricEnsembleField(List<AttentionModel> models, int tokens) {
        super(models.toArray(new AttentionModel[0]), tokens);
        this.m = models.get(0).queryDimension();
        for (int b = 0; b < models.size(); b++) {
            AttentionModel model = models.get(b);
            if (!SymmetricAttentionField.applies(model)) throw new IllegalArgumentException("system " + b + " does not have symmetric scores (full attention, one constant head, Q = K)");
            if (model.queryDimension() != m) throw new IllegalArgumentException("system " + b + " has m = " + model.queryDimension() + ", system 0 has m = " + m);
        }
        this.groups = (models.size() + L - 1) / L;
        this.q = new double[groups][m * d * L];
        this.v = new double[groups][d * d * L];
        this.beta = new double[groups][L];
        this.fixed = new double[groups][L];
        this.softmax = new boolean[groups][L];
        for (int g = 0; g < groups; g++) {
            for (int l = 0; l < L; l++) {
                AttentionModel model = models.get(member(g, l));
                double[] qm = model.q().toDoubleArray();
                double[] vm = model.v().toDoubleArray();
                for (int e = 0; e < qm.length; e++) q[g][e * L + l] = qm[e];
                for (int e = 0; e < vm.length; e++) v[g][e * L + l] = vm[e];
                beta[g][l] = model.head().betaDouble();
                softmax[g][l] = model.normalization() == Normalization.SOFTMAX;
                fixed[g][l] = softmax[g][l] ? 0 : 1.0 / model.normalization().divisor(n, n);
            }
        }
        this.x = new double[n * d * L];
        this.qx = new double[n * m * L];
        this.vx = new double[n * d * L];
        this.out = new double[n * d * L];
        this.sum = new double[n * L];
        this.pair = new double[n * L];
        this.ownScore = new double[n * L];
        this.shift = new double[L];
        this.handOver = new boolean[L];
        this.brokeDown = new boolean[L];
        this.alone = new SymmetricAttentionField[models.size()];
        this.memberState = new double[n * d];
        this.memberOutput = new double[n * d];
    }

    /**
     * The largest d for which the lanes beat {@link EnsembleField} (the SIMD field per system): measured, CPU per
     * system and evaluation, 64 systems, warm (bench/README.md): d = 2: 2.0× to 2.3× faster (n = 16 to 256), d = 3:
     * 1.6× to 2×, d = 4 and 6: 1.1× to 1.4×; d = 8: 0.8×, d = 16: 0.4× to 0.6× (each lane computes d² + m·d
     * projections and d coordinates per pair on its own, where the SIMD field shares its vectors across d).
     */
    public static final int MAX_DIMENSION = 6;

    /**
     * The fewest runs the lanes take on: half a group of 8 (AVX-512); fewer leave most lanes idle. A constant, not
     * {@link #LANES}/2, so that a sweep file settles on the same field on every machine (the numbers are the
     * symmetric field's either way; the choice between it and the SIMD field is not).
     */
    public static final int MIN_RUNS = 4;

    /**
     * True when {@code runs} runs of this model are cheaper in lanes than in {@link EnsembleField} (once the Vector
     * API's warm-up is repaid, which the caller judges): symmetric scores, d ≤ {@link #MAX_DIMENSION}, and at least
     * {@link #MIN_RUNS} runs.
     */
    public static boolean pays(AttentionModel model, int runs) {
        return SymmetricAttentionField.applies(model) && model.dimension() <= MAX_DIMENSION && runs >= MIN_RUNS;
    }

    /** The member in lane l of group g: a partial last group repeats its last member in the spare lanes. */
    private int member(int g, int l) {
        return Math.min(g * L + l, models.length - 1);
    }

    @Override
    protected void compute(boolean[] live) {
        for (int g = 0; g < groups; g++) {
            boolean any = false;
            for (int l = 0; l < L && g * L + l < models.length; l++) any |= live[g * L + l];
            if (any) group(g, live);
        }
    }

    /**
     * One group's evaluation, in the symmetric field's three phases, each a method of its own (small methods reach the
     * JIT's optimising tier sooner than one large loop nest, which matters for a sweep of a few seconds).
     */
    private void group(int g, boolean[] live) {
        int nd = n * d;
        for (int l = 0; l < L; l++) {
            int from = member(g, l) * nd;
            for (int e = 0; e < nd; e++) x[e * L + l] = staged[from + e];
        }
        project(g);
        java.util.Arrays.fill(out, 0);
        java.util.Arrays.fill(sum, 0);
        if (d == 2) {
            for (int i = 0; i < n; i++) {
                selfWeight(i, g);
                circleRow(i, g);
            }
        } else {
            for (int i = 0; i < n; i++) row(i, g);
        }
        normalise(g);
        boolean stepped = stepStates != null;
        if (stepped) retract(g);
        for (int l = 0; l < L && g * L + l < models.length; l++) {
            int member = g * L + l;
            if (!live[member]) continue;
            if (handOver[l]) {
                runAlone(member);
                continue;
            }
            if (stepped && !brokeDown[l]) {
                double[] to = stepStates[member];
                for (int e = 0; e < nd; e++) to[e] = x[e * L + l];
                stepTaken[member] = true;
                unreadable(member); // its output was not written out: its view must not serve the old one
                continue;
            }
            int to = member * nd;
            for (int e = 0; e < nd; e++) result[to + e] = out[e * L + l];
        }
    }

    /**
     * Evaluates the live members' {@code states} and takes their S1 post-LN step on the sphere (spec/math.md §2, §8.8)
     * in the lanes: y = x + h·A(x) coordinate by coordinate (a product, then a sum: never fused), then every token
     * y_i ← y_i/‖y_i‖ with ‖y_i‖ = √(Σ_c y_ic²) summed from 0 in coordinate order, coordinate by coordinate divided —
     * the operations of {@code EulerStep}'s post-LN case and its retraction ({@link org.attnflow.field.Tokens#normalize}), in their order,
     * so each member's new state is the one its own step computes, bit for bit. A member stepped here gets its new
     * state in {@code states[b]} and {@code taken[b]} set. A member the lanes hand to the plain field, or whose
     * retraction breaks down (a norm 0, infinite or NaN), is not taken: its output is readable through
     * {@link #member} as after {@link #evaluate}, and its own step computes the same y and stops with its own failure.
     * A member taken has no readable output (its view refuses to be read until the next evaluation).
     *
     * @param taken one flag per system, set for the members stepped here (the others are left as they are)
     */
    public void stepOnSphere(double h, double[][] states, boolean[] live, boolean[] taken) {
        for (int b = 0; b < live.length; b++) if (live[b]) load(b, states[b]);
        stepSize = h;
        stepStates = states;
        stepTaken = taken;
        try {
            evaluate(live);
        } finally {
            stepStates = null;
            stepTaken = null;
        }
    }

    /**
     * The step of {@link #stepOnSphere} in every lane of the group, x ← normalize(x + h·out) in place; marks in
     * {@code brokeDown} the lanes with a norm that is 0, infinite or NaN (found without mask logic, as in
     * {@link #normalise}: y/‖y‖·0 is NaN for a norm 0, ‖y‖·0 for an infinite or NaN one).
     */
    private void retract(int g) {
        DoubleVector hs = DoubleVector.broadcast(S, stepSize);
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector poison = zero;
        for (int i = 0; i < n; i++) {
            int oi = i * d;
            DoubleVector norm2 = zero;
            for (int c = 0; c < d; c++) {
                int e = (oi + c) * L;
                DoubleVector y = DoubleVector.fromArray(S, x, e).add(DoubleVector.fromArray(S, out, e).mul(hs));
                y.intoArray(x, e);
                norm2 = norm2.add(y.mul(y));
            }
            DoubleVector r = norm2.lanewise(VectorOperators.SQRT);
            poison = poison.add(r.mul(0.0));
            for (int c = 0; c < d; c++) {
                int e = (oi + c) * L;
                DoubleVector y = DoubleVector.fromArray(S, x, e).div(r);
                y.intoArray(x, e);
                poison = poison.add(y.mul(0.0));
            }
        }
        poison.compare(VectorOperators.NE, 0.0).intoArray(brokeDown, 0);
    }

    /**
     * Qx and Vx of every token, the common shift c = β max‖Qx_i‖² (softmax; 0 otherwise), and which lanes the
     * symmetric field would hand to the plain field (one shift cannot serve, or e^{s} may overflow), or that
     * {@link #selfWeight} could not serve (a row's own argument below the exponential's flush).
     */
    private void project(int g) {
        double[] qg = q[g], vg = v[g];
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector most = zero;
        DoubleVector least = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            int oi = i * d;
            DoubleVector norm2 = zero;
            for (int r = 0; r < m; r++) {
                DoubleVector s = zero;
                for (int c = 0; c < d; c++) {
                    s = s.add(DoubleVector.fromArray(S, qg, (r * d + c) * L).mul(DoubleVector.fromArray(S, x, (oi + c) * L)));
                }
                s.intoArray(qx, (i * m + r) * L);
                norm2 = norm2.add(s.mul(s));
            }
            for (int r = 0; r < d; r++) {
                DoubleVector s = zero;
                for (int c = 0; c < d; c++) {
                    s = s.add(DoubleVector.fromArray(S, vg, (r * d + c) * L).mul(DoubleVector.fromArray(S, x, (oi + c) * L)));
                }
                s.intoArray(vx, (oi + r) * L);
            }
            norm2.intoArray(ownScore, i * L); // ⟨Qx_i, Qx_i⟩ summed as row sums a score: the row's own, for selfWeight
            most = most.lanewise(VectorOperators.MAX, norm2);
            least = least.lanewise(VectorOperators.MIN, norm2);
        }
        DoubleVector betas = DoubleVector.fromArray(S, beta[g], 0);
        VectorMask<Double> plain = VectorMask.fromArray(S, softmax[g], 0).not();
        DoubleVector c = betas.mul(most).blend(0.0, plain);
        c.intoArray(shift, 0);
        // the last condition: the least of the rows' own arguments β‖Qx_i‖² − c (the same product and difference as
        // selfWeight's, both monotone in ‖Qx_i‖²) below the exponential's flush, which selfWeight does not apply;
        // possible only through the rounding of c, beyond about 2^59 (the spread test above allows −600)
        notFinite(c)
                .or(betas.mul(most.sub(least)).compare(VectorOperators.LE, SymmetricAttentionField.MAX_SHIFT_SPREAD).not())
                .or(plain.and(betas.mul(most).compare(VectorOperators.GT, SymmetricAttentionField.MAX_SHIFT_SPREAD)))
                .or(betas.mul(least).sub(c).compare(VectorOperators.LT, VectorExp.UNDERFLOW))
                .intoArray(handOver, 0);
    }

    /**
     * Row i: the weights of pairs (i, j ≥ i) first, then their two uses, as the symmetric field does — row i's terms
     * in key order in one register per coordinate, and each key j &gt; i's row gets its term from row i (rows in order).
     */
    private void row(int i, int g) {
        DoubleVector betas = DoubleVector.fromArray(S, beta[g], 0);
        DoubleVector c = DoubleVector.fromArray(S, shift, 0);
        int qi = i * m, oi = i * d;
        for (int j = i; j < n; j++) {
            DoubleVector s = DoubleVector.zero(S);
            int qj = j * m;
            for (int r = 0; r < m; r++) {
                s = s.add(DoubleVector.fromArray(S, qx, (qi + r) * L).mul(DoubleVector.fromArray(S, qx, (qj + r) * L)));
            }
            VectorExp.exp(s.mul(betas).sub(c)).intoArray(pair, j * L);
        }
        for (int k = 0; k < d; k++) {
            DoubleVector o = DoubleVector.fromArray(S, out, (oi + k) * L);
            for (int j = i; j < n; j++) {
                o = o.add(DoubleVector.fromArray(S, pair, j * L).mul(DoubleVector.fromArray(S, vx, (j * d + k) * L)));
            }
            o.intoArray(out, (oi + k) * L);
            DoubleVector vik = DoubleVector.fromArray(S, vx, (oi + k) * L);
            for (int j = i + 1; j < n; j++) {
                int e = (j * d + k) * L;
                DoubleVector.fromArray(S, out, e).add(DoubleVector.fromArray(S, pair, j * L).mul(vik)).intoArray(out, e);
            }
        }
        DoubleVector rowSum = DoubleVector.fromArray(S, sum, i * L);
        for (int j = i; j < n; j++) rowSum = rowSum.add(DoubleVector.fromArray(S, pair, j * L));
        rowSum.intoArray(sum, i * L);
        for (int j = i + 1; j < n; j++) {
            DoubleVector.fromArray(S, sum, j * L).add(DoubleVector.fromArray(S, pair, j * L)).intoArray(sum, j * L);
        }
    }

    /**
     * {@link #row} on the circle (d = 2, the phase diagrams'), in one pass over the keys j &gt; i: each weight
     * e^{s_ij − c} goes at once into row i's two coordinates and sum (registers) and into key j's (memory); the row's
     * own weight e^{s_ii − c} comes from {@link #selfWeight}. Every accumulator receives the same terms in the same
     * order as in {@link #row}'s separate passes (row i's in key order from j = i, key j's from the rows in order), so
     * every sum is the same number; only the weights are not stored and reloaded, and the loops' overhead is paid
     * once instead of seven times. One exponential in the method: a second one (the own weight peeled off the loop)
     * made the method too large for the JIT to compile the vector operations as such (3× slower).
     */
    private void circleRow(int i, int g) {
        DoubleVector betas = DoubleVector.fromArray(S, beta[g], 0);
        DoubleVector c = DoubleVector.fromArray(S, shift, 0);
        int qi = i * m, e0 = 2 * i * L, e1 = e0 + L;
        DoubleVector vi0 = DoubleVector.fromArray(S, vx, e0);
        DoubleVector vi1 = DoubleVector.fromArray(S, vx, e1);
        DoubleVector w = DoubleVector.fromArray(S, pair, i * L);
        DoubleVector o0 = DoubleVector.fromArray(S, out, e0).add(w.mul(vi0));
        DoubleVector o1 = DoubleVector.fromArray(S, out, e1).add(w.mul(vi1));
        DoubleVector rowSum = DoubleVector.fromArray(S, sum, i * L).add(w);
        for (int j = i + 1; j < n; j++) {
            // ⟨Qx_i, Qx_j⟩ written out as in row: a helper returning the vector was compiled as a call of its own,
            // its result boxed (JFR: `score` 15–19 % of the samples, 1.22 against 0.75–0.93 µs per system)
            DoubleVector s = DoubleVector.zero(S);
            int qj = j * m;
            for (int r = 0; r < m; r++) {
                s = s.add(DoubleVector.fromArray(S, qx, (qi + r) * L).mul(DoubleVector.fromArray(S, qx, (qj + r) * L)));
            }
            w = VectorExp.exp(s.mul(betas).sub(c));
            int f0 = 2 * j * L, f1 = f0 + L;
            o0 = o0.add(w.mul(DoubleVector.fromArray(S, vx, f0)));
            o1 = o1.add(w.mul(DoubleVector.fromArray(S, vx, f1)));
            rowSum = rowSum.add(w);
            DoubleVector.fromArray(S, out, f0).add(w.mul(vi0)).intoArray(out, f0);
            DoubleVector.fromArray(S, out, f1).add(w.mul(vi1)).intoArray(out, f1);
            DoubleVector.fromArray(S, sum, j * L).add(w).intoArray(sum, j * L);
        }
        o0.intoArray(out, e0);
        o1.intoArray(out, e1);
        rowSum.intoArray(sum, i * L);
    }

    /**
     * Row i's own weight e^{s_ii − c} into {@code pair} (at i·L), for {@link #circleRow}: the number {@link #row}
     * computes (its score ⟨Qx_i, Qx_i⟩ as {@link #project} summed it for the shift: the same sum), without {@link VectorExp#exp}'s flush to 0 ({@link VectorExp#expAbove}): the argument is ≥ −708 in every
     * lane not handed over ({@link #project}'s last condition), where the two give the same bits. One row per call, no
     * loop over the rows and no vector carried from one iteration to the next: as a loop over all rows, with the
     * flush or with a running minimum, C2 now and then compiled it with the Vector API's Java fallbacks (15 % of the
     * Fig. 3 job in JFR; in one JMH fork of two, 1.25 against 0.9 µs per system).
     */
    private void selfWeight(int i, int g) {
        DoubleVector own = DoubleVector.fromArray(S, ownScore, i * L);
        VectorExp.expAbove(own.mul(DoubleVector.fromArray(S, beta[g], 0)).sub(DoubleVector.fromArray(S, shift, 0))).intoArray(pair, i * L);
    }


    /** 1/Z_i (softmax) or the fixed divisor's reciprocal times every row; a sum that is not finite hands the lane over. */
    private void normalise(int g) {
        VectorMask<Double> plain = VectorMask.fromArray(S, softmax[g], 0).not();
        DoubleVector fix = DoubleVector.fromArray(S, fixed[g], 0);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        // 0·x is 0 for a finite x and NaN for an infinity or a NaN: the sum of these stays 0 exactly in the lanes
        // where every f and every row sum is finite (no mask work per row: mask logic is slow outside the JIT's
        // optimising tier). With β ≥ 0 and project's checks passed this cannot trigger (under softmax a row's own
        // term is ≥ e^{−600}; otherwise every term ≤ e^{600}): kept, as the scalar field keeps it, for safety.
        DoubleVector poison = DoubleVector.zero(S);
        for (int i = 0; i < n; i++) {
            DoubleVector rowSum = DoubleVector.fromArray(S, sum, i * L);
            DoubleVector f = one.div(rowSum).blend(fix, plain);
            poison = poison.add(f.mul(0.0)).add(rowSum.mul(0.0));
            for (int k = 0; k < d; k++) {
                int e = (i * d + k) * L;
                DoubleVector.fromArray(S, out, e).mul(f).intoArray(out, e);
            }
        }
        VectorMask.fromArray(S, handOver, 0).or(poison.compare(VectorOperators.NE, 0.0)).intoArray(handOver, 0);
    }

    /** The lanes that hold an infinity or a NaN (|x| ≤ MAX_VALUE is false for both; a compare the JIT turns into one instruction). */
    private static VectorMask<Double> notFinite(DoubleVector x) {
        return x.abs().compare(VectorOperators.LE, Double.MAX_VALUE).not();
    }

    /** Member b through its own symmetric field (which hands over to the plain field, with its errors). */
    private void runAlone(int member) {
        if (alone[member] == null) alone[member] = new SymmetricAttentionField(models[member], n);
        int nd = n * d;
        System.arraycopy(staged, member * nd, memberState, 0, nd);
        try {
            alone[member].attend(memberState, memberOutput);
            System.arraycopy(memberOutput, 0, result, member * nd, nd);
        } catch (ArithmeticException e) {
            failures[member] = e;
        }
    }
}
