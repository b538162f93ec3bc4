package org.attnflow.reference;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * The arbitrary-precision attention kernel of the reference solver, written in the Java subset KeY reads and
 * annotated with JML contracts that KeY proves (see {@code proofs-notes/README.md}).
 *
 * <p>Static and allocation-free apart from the Apfloat results: the caller (the reference solver) owns every
 * array. Shapes, with {@code n} tokens of dimension {@code d} and query/key dimension {@code m}:
 * <ul>
 *   <li>{@code qx[n][m]}, {@code kx[n][m]}: the per-token projections Q x_j and K x_j ({@link #project});</li>
 *   <li>{@code vx[n][d]}: the per-token values V x_j;</li>
 *   <li>{@code work[len]}: workspace for one attention row, exactly its length (it is left holding the row's
 *       weights, and holds nothing else); {@code out[d]}: the result.</li>
 * </ul>
 *
 * <p>The attention output of token {@code k} attending to tokens {@code 0..len-1}
 * ({@code len = k + 1} under the causal mask, {@code len = n} under full attention, i.e.
 * {@code Mask.rowLength(k, n)}):
 * <pre>
 *   f = attend(beta, qx, kx, vx, k, len, divisor, exp, work, out)
 *     s_j   = β ⟨qx[k], kx[j]⟩                         j &lt; len       ({@link #scores})
 *     μ     = max_j s_j                                                ({@link #max})
 *     w_j   = exp(s_j − μ),  Z = Σ_j w_j                               ({@link #exponentiate})
 *     f     = 1/Z  (softmax: divisor 0)   or   e^μ/divisor             ({@link #factor}, via {@link #weights})
 *     out   = f Σ_j w_j vx[j]                                          ({@link #combine})
 * </pre>
 * Only rows {@code 0..len-1} of {@code kx} and {@code vx} and row {@code k} of {@code qx} are read (the contracts'
 * taint labels, proved by KeY): under the causal mask the output of token k depends on tokens 0..k only
 * (invariant I2). On the sphere the velocity is then {@link #projectTangent}{@code (x_k, out)}, and a step is
 * retracted with {@link #normalize}.
 *
 * <p>The caller's side of the contracts: rectangular arrays as above, outputs and workspace distinct from every
 * input row and of type exactly {@code Apfloat[]}. Numbers should carry finite precision: a quotient or a square root of
 * exact (infinite-precision) Apfloats may need an infinite expansion, and the stubs say that such a call may throw
 * {@link ArithmeticException}, which the contracts of {@link #normalize} allow; the softmax path never meets one (Z
 * has finite precision by the exponential's contract).
 *
 * <p>The exponential is injected ({@link Exponential}): the solver passes its fast exp, KeY sees only the
 * interface's contract. Apfloat's own methods are known to KeY only through the JML stubs under {@code spec/}.
 * Subtracting the row maximum changes nothing mathematically (the factor e^{−μ} cancels in the softmax and is
 * restored by e^{μ} under mean normalisation); it keeps the exponentials' arguments ≤ 0 and so their cost and
 * magnitude bounded.
 */
public final class ReferenceAttention {

    private ReferenceAttention() {
    }

    /*@ public behavior
      @   requires 0 <= k && k < len && k < qx.length && len <= kx.length && len <= vx.length && divisor >= 0;
      @   requires qx[k].length >= 1 && work != null && work.length == len && out != null && out.length >= 1;
      @   requires \typeof(work) == \type(Apfloat[]) && \typeof(out) == \type(Apfloat[]);
      @   requires work != qx[k] && out != work;
      @   requires !beta.tainted() && (\forall int c; 0 <= c && c < qx[k].length; !qx[k][c].tainted());
      @   requires (\forall int j; 0 <= j && j < len; kx[j].length == qx[k].length && work != kx[j]);
      @   requires (\forall int j; 0 <= j && j < len; (\forall int c; 0 <= c && c < qx[k].length; !kx[j][c].tainted()));
      @   requires (\forall int j; 0 <= j && j < len; vx[j].length == out.length && out != vx[j] && work != vx[j]);
      @   requires (\forall int j; 0 <= j && j < len; (\forall int c; 0 <= c && c < out.length; !vx[j][c].tainted()));
      @   ensures (\forall int j; 0 <= j && j < len; work[j] != null && work[j].sign() > 0);
      @   ensures \result != null && \result.sign() > 0 && !\result.tainted();
      @   ensures (\forall int c; 0 <= c && c < out.length; out[c] != null && !out[c].tainted());
      @   signals_only ArithmeticException;
      @   assignable work[*], out[*];
      @*/
    /**
     * The attention output of token {@code k} over tokens {@code 0..len-1} into {@code out}: the softmax
     * average (divisor 0) or the sum normalised by {@code divisor} (mean: len, count-n: n, none: 1) of the rows
     * {@code vx[0..len-1]}. Leaves the weights e^{s_j − μ} in {@code work} (exactly one per row: its length is len) and
     * returns the factor they were applied with ({@link #factor}), so that the caller checks the row as applied (I4).
     * The contract's taint labels say that {@code out} is computed from {@code beta}, {@code qx[k]},
     * {@code kx[0..len-1]} and {@code vx[0..len-1]} alone, whatever else the heap holds, through data and control
     * alike (the only branch on a number, {@link #max}'s comparison, requires untainted operands). Throws
     * {@link ArithmeticException} only from the exponential (scores 10^18 apart).
     */
    public static Apfloat attend(Apfloat beta, Apfloat[][] qx, Apfloat[][] kx, Apfloat[][] vx, int k, int len,
                                 int divisor, Exponential exp, /*@ nullable @*/ Apfloat[] work,
                                 /*@ nullable @*/ Apfloat[] out) {
        scores(beta, qx[k], kx, len, work);
        Apfloat factor = weights(work, len, divisor, exp);
        combine(work, vx, len, factor, out);
        return factor;
    }

    /*@ public normal_behavior
      @   requires q.length >= 1 && 1 <= len && len <= kx.length && s != null && len <= s.length;
      @   requires \typeof(s) == \type(Apfloat[]) && s != q;
      @   requires !beta.tainted() && (\forall int c; 0 <= c && c < q.length; !q[c].tainted());
      @   requires (\forall int j; 0 <= j && j < len; kx[j].length == q.length && s != kx[j]);
      @   requires (\forall int j; 0 <= j && j < len; (\forall int c; 0 <= c && c < q.length; !kx[j][c].tainted()));
      @   ensures (\forall int j; 0 <= j && j < len; s[j] != null && !s[j].tainted());
      @   assignable s[0 .. len - 1];
      @*/
    /** The scores {@code s[j] = β ⟨q, kx[j]⟩} of one query {@code q} against the keys {@code kx[0..len-1]}. */
    public static void scores(Apfloat beta, Apfloat[] q, Apfloat[][] kx, int len, /*@ nullable @*/ Apfloat[] s) {
        /*@ loop_invariant 0 <= j && j <= len && (\forall int i; 0 <= i && i < j; s[i] != null && !s[i].tainted());
          @ assignable s[0 .. len - 1];
          @ decreases len - j;
          @*/
        for (int j = 0; j < len; j++) {
            s[j] = beta.multiply(dot(q, kx[j]));
        }
    }

    /*@ public normal_behavior
      @   requires a.length >= 1 && b.length == a.length;
      @   requires (\forall int c; 0 <= c && c < a.length; !a[c].tainted() && !b[c].tainted());
      @   ensures !\result.tainted();
      @   assignable \nothing;
      @*/
    /** The inner product {@code ⟨a, b⟩} of two vectors of equal length. */
    public static /*@ pure @*/ Apfloat dot(Apfloat[] a, Apfloat[] b) {
        Apfloat sum = null;
        /*@ loop_invariant 0 <= c && c <= a.length && (c > 0 ==> sum != null && !sum.tainted());
          @ assignable \nothing;
          @ decreases a.length - c;
          @*/
        for (int c = 0; c < a.length; c++) {
            Apfloat term = a[c].multiply(b[c]);
            sum = c == 0 ? term : sum.add(term);
        }
        return sum;
    }

    /*@ public behavior
      @   requires s != null && 1 <= len && len <= s.length && \typeof(s) == \type(Apfloat[]) && divisor >= 0;
      @   requires (\forall int j; 0 <= j && j < len; s[j] != null && !s[j].tainted());
      @   ensures (\forall int j; 0 <= j && j < len; s[j] != null && s[j].sign() > 0 && !s[j].tainted());
      @   ensures \result != null && \result.sign() > 0 && !\result.tainted();
      @   signals_only ArithmeticException;
      @   assignable s[0 .. len - 1];
      @*/
    /**
     * Turns the scores {@code s[0..len-1]} into the weights {@code exp(s_j − μ)}, μ their maximum, in place and
     * returns the factor the weighted sum is multiplied by ({@link #factor}). Never divides by zero: Z is a sum of
     * positive exponentials.
     */
    public static Apfloat weights(/*@ nullable @*/ Apfloat[] s, int len, int divisor, Exponential exp) {
        Apfloat shift = max(s, len);
        Apfloat sum = exponentiate(s, len, shift, exp);
        return factor(sum, shift, divisor, exp);
    }

    /*@ public behavior
      @   requires divisor >= 0 && sum.sign() > 0 && sum.finite() && !sum.tainted() && !shift.tainted();
      @   ensures \result != null && \result.sign() > 0 && !\result.tainted();
      @   signals_only ArithmeticException;
      @   assignable \nothing;
      @*/
    /**
     * The factor of a row of weights e^{s_j − μ} with sum Z: 1/Z under softmax ({@code divisor} 0), e^μ/divisor
     * otherwise (mean: the row's length, count-n: n, none: 1). Positive, and never a division by zero or an
     * inexact division of exact numbers (Z carries working precision).
     */
    public static Apfloat factor(Apfloat sum, Apfloat shift, int divisor, Exponential exp) {
        if (divisor == 0) {
            return new Apfloat(1L).divide(sum);
        }
        return exp.exp(shift).divide(new Apfloat((long) divisor));
    }

    /*@ public normal_behavior
      @   requires s != null && 1 <= len && len <= s.length;
      @   requires (\forall int j; 0 <= j && j < len; s[j] != null && !s[j].tainted());
      @   ensures (\exists int j; 0 <= j && j < len; \result == s[j]);
      @   ensures (\forall int j; 0 <= j && j < len; s[j].le(\result));
      @   assignable \nothing;
      @*/
    /**
     * The largest of {@code s[0..len-1]}: one of those elements, and no element is larger (the contract's {@code le}
     * is the order of the numbers). Its only data-dependent branch, the comparison, reads elements of
     * {@code s[0..len-1]} only; the stubs require a comparison's operands to be untainted, so a branch on any other
     * number would not prove.
     */
    public static /*@ pure @*/ Apfloat max(/*@ nullable @*/ Apfloat[] s, int len) {
        Apfloat best = s[0];
        /*@ loop_invariant 0 <= j && j <= len && (\exists int i; 0 <= i && i < len; best == s[i]);
          @ loop_invariant (\forall int i; 0 <= i && i < j; s[i].le(best));
          @ assignable \nothing;
          @ decreases len - j;
          @*/
        for (int j = 0; j < len; j++) {
            if (s[j].compareTo(best) > 0) {
                best = s[j];
            }
        }
        return best;
    }

    /*@ public behavior
      @   requires s != null && 1 <= len && len <= s.length && \typeof(s) == \type(Apfloat[]);
      @   requires !shift.tainted() && (\forall int j; 0 <= j && j < len; s[j] != null && !s[j].tainted());
      @   ensures (\forall int j; 0 <= j && j < len; s[j] != null && s[j].sign() > 0 && !s[j].tainted());
      @   ensures \result.sign() > 0 && \result.finite() && !\result.tainted();
      @   signals_only ArithmeticException;
      @   assignable s[0 .. len - 1];
      @*/
    /**
     * Replaces {@code s[j]} by {@code exp(s[j] − shift)} for {@code j < len} and returns their sum Z &gt; 0. Every
     * weight is positive and carries finite precision (the exponential's contract), hence so does Z (so that 1/Z is
     * never the quotient of two exact numbers).
     */
    public static Apfloat exponentiate(/*@ nullable @*/ Apfloat[] s, int len, Apfloat shift, Exponential exp) {
        Apfloat sum = null;
        /*@ loop_invariant 0 <= j && j <= len && (j > 0 ==> sum != null && sum.sign() > 0 && sum.finite() && !sum.tainted());
          @ loop_invariant (\forall int i; 0 <= i && i < len; s[i] != null && !s[i].tainted());
          @ loop_invariant (\forall int i; 0 <= i && i < j; s[i].sign() > 0);
          @ assignable s[0 .. len - 1];
          @ decreases len - j;
          @*/
        for (int j = 0; j < len; j++) {
            Apfloat w = exp.exp(s[j].subtract(shift));
            s[j] = w;
            sum = j == 0 ? w : sum.add(w);
        }
        return sum;
    }

    /*@ public normal_behavior
      @   requires w != null && 1 <= len && len <= w.length && len <= vx.length && out != null && out.length >= 1;
      @   requires \typeof(out) == \type(Apfloat[]) && out != w && !factor.tainted();
      @   requires (\forall int j; 0 <= j && j < len; w[j] != null && !w[j].tainted());
      @   requires (\forall int j; 0 <= j && j < len; vx[j].length == out.length && out != vx[j] && w != vx[j]);
      @   requires (\forall int j; 0 <= j && j < len; (\forall int c; 0 <= c && c < out.length; !vx[j][c].tainted()));
      @   ensures (\forall int c; 0 <= c && c < out.length; out[c] != null && !out[c].tainted());
      @   assignable out[*];
      @*/
    /** {@code out[c] = factor · Σ_{j<len} w[j] vx[j][c]}: the weighted sum of the value rows. */
    public static void combine(/*@ nullable @*/ Apfloat[] w, Apfloat[][] vx, int len, Apfloat factor,
                               /*@ nullable @*/ Apfloat[] out) {
        /*@ loop_invariant 0 <= c && c <= out.length && (\forall int i; 0 <= i && i < c; out[i] != null && !out[i].tainted());
          @ assignable out[*];
          @ decreases out.length - c;
          @*/
        for (int c = 0; c < out.length; c++) {
            out[c] = factor.multiply(weightedSum(w, vx, len, c));
        }
    }

    /*@ public normal_behavior
      @   requires w != null && vx != null && 1 <= len && len <= w.length && len <= vx.length && 0 <= c;
      @   requires (\forall int j; 0 <= j && j < len; w[j] != null && !w[j].tainted());
      @   requires (\forall int j; 0 <= j && j < len; vx[j] != null && c < vx[j].length);
      @   requires (\forall int j; 0 <= j && j < len; vx[j][c] != null && !vx[j][c].tainted());
      @   ensures !\result.tainted();
      @   assignable \nothing;
      @*/
    /** Component {@code c} of {@code Σ_{j<len} w[j] vx[j]}. */
    public static /*@ pure @*/ Apfloat weightedSum(/*@ nullable @*/ Apfloat[] w, /*@ nullable @*/ Apfloat[][] vx,
                                                  int len, int c) {
        Apfloat sum = null;
        /*@ loop_invariant 0 <= j && j <= len && (j > 0 ==> sum != null && !sum.tainted());
          @ assignable \nothing;
          @ decreases len - j;
          @*/
        for (int j = 0; j < len; j++) {
            Apfloat term = w[j].multiply(vx[j][c]);
            sum = j == 0 ? term : sum.add(term);
        }
        return sum;
    }

    /*@ public normal_behavior
      @   requires x.length >= 1 && out != null && out.length == a.length && out.length >= 1;
      @   requires \typeof(out) == \type(Apfloat[]) && out != x;
      @   requires (\forall int c; 0 <= c && c < x.length; !x[c].tainted());
      @   requires (\forall int r; 0 <= r && r < a.length; a[r].length == x.length && a[r] != out);
      @   requires (\forall int r; 0 <= r && r < a.length; (\forall int c; 0 <= c && c < x.length; !a[r][c].tainted()));
      @   ensures (\forall int r; 0 <= r && r < out.length; out[r] != null && !out[r].tainted());
      @   assignable out[*];
      @*/
    /** The projection {@code out = A x} of one token by a matrix {@code a} (rows × x.length): Q x, K x or V x. */
    public static void project(Apfloat[][] a, Apfloat[] x, /*@ nullable @*/ Apfloat[] out) {
        /*@ loop_invariant 0 <= r && r <= out.length && (\forall int i; 0 <= i && i < r; out[i] != null && !out[i].tainted());
          @ assignable out[*];
          @ decreases out.length - r;
          @*/
        for (int r = 0; r < out.length; r++) {
            out[r] = dot(a[r], x);
        }
    }

    /*@ public normal_behavior
      @   requires x.length >= 1 && v.length == x.length && out != null && out.length == x.length;
      @   requires \typeof(out) == \type(Apfloat[]) && out != x && out != v;
      @   requires (\forall int c; 0 <= c && c < x.length; !x[c].tainted() && !v[c].tainted());
      @   ensures (\forall int c; 0 <= c && c < out.length; out[c] != null && !out[c].tainted());
      @   assignable out[*];
      @*/
    /**
     * The tangent projection {@code out = v − ⟨x, v⟩ x} at a unit vector {@code x}: the component of
     * {@code v} orthogonal to {@code x}, so {@code ⟨x, out⟩ = (1 − ‖x‖²)⟨x, v⟩ = 0} (invariant I1).
     */
    public static void projectTangent(Apfloat[] x, Apfloat[] v, /*@ nullable @*/ Apfloat[] out) {
        Apfloat xv = dot(x, v);
        /*@ loop_invariant 0 <= c && c <= out.length && (\forall int i; 0 <= i && i < c; out[i] != null && !out[i].tainted());
          @ assignable out[*];
          @ decreases out.length - c;
          @*/
        for (int c = 0; c < out.length; c++) {
            out[c] = v[c].subtract(xv.multiply(x[c]));
        }
    }

    /*@ public behavior
      @   requires y.length >= 1 && out != null && out.length == y.length;
      @   requires \typeof(out) == \type(Apfloat[]) && out != y;
      @   requires (\forall int c; 0 <= c && c < y.length; !y[c].tainted());
      @   ensures (\forall int c; 0 <= c && c < out.length; out[c] != null && !out[c].tainted());
      @   signals_only ArithmeticException;
      @   assignable out[*];
      @*/
    /**
     * The retraction {@code out = y / ‖y‖} onto the unit sphere; reads {@code y} only. Throws
     * {@link ArithmeticException} for the zero vector, which has no direction, and may throw it for exact entries
     * (infinite precision: the square root and the quotients may need an infinite expansion); the solver's tokens
     * carry working precision.
     */
    public static void normalize(Apfloat[] y, /*@ nullable @*/ Apfloat[] out) {
        Apfloat norm = ApfloatMath.sqrt(dot(y, y));
        /*@ loop_invariant 0 <= c && c <= out.length && (\forall int i; 0 <= i && i < c; out[i] != null && !out[i].tainted());
          @ assignable out[*];
          @ decreases out.length - c;
          @*/
        for (int c = 0; c < out.length; c++) {
            out[c] = y[c].divide(norm);
        }
    }
}
