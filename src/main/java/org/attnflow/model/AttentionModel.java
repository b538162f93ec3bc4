package org.attnflow.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The immutable description of one self-attention dynamics: geometry, mask, normalisation, the attention heads
 * (each with its β, Q, K (m×d) and V (d×d)) and how they combine, the layer normalisation scheme with its
 * parameters, and, when the weights change with time, the schedule of pieces.
 *
 * <ul>
 *   <li>spec/math.md §1: M1 sphere, full, softmax; M2 sphere, full, mean; M3 sphere, causal, softmax (or mean);
 *       M4 euclidean (full or causal); scores s_ij = β⟨Q x_i, K x_j⟩;</li>
 *   <li>§8.1 multi-head attention: A_k = Σ_h w_h A_k^{(h)} ({@link HeadCombine}); §8.2 normalisations none and
 *       count-n ({@link Normalization}); §8.3 weights piecewise constant in time ({@link #schedule});</li>
 *   <li>§7 normalisation schemes ({@link LayerNorm}): pre, peri, ngpt (α = {@link #ngptAlpha}), mix (switch time
 *       τ = {@link #mixTau}), ln-scaling; post (the default) is M1–M3.</li>
 * </ul>
 *
 * Numbers are exact decimals ({@link BigDecimal}, {@link DecimalMatrix}) so that the arbitrary-precision
 * reference and the double solvers start from the same model.
 *
 * @param beta      the model's β: the default of heads that give none (the reader resolves it into every head)
 * @param heads     one or more heads, all of the same m and d
 * @param combine   how heads combine (irrelevant for one head)
 * @param layerNorm the normalisation scheme; {@link LayerNorm#POST} on the Euclidean geometry
 * @param ngptAlpha α of nGPT (required with ngpt, null otherwise)
 * @param mixTau    the switch time τ &gt; 0 of Mix-LN (required with mix, null otherwise)
 * @param schedule  the pieces of a model whose weights change with time (empty: constant weights); every piece is
 *                  this model with its own heads (and α), governing (previous until, until]
 * @param clock     the model's time at the run's t = 0 (0 for a scenario; a check that restarts a run from a frame at
 *                  time t0 uses {@link #startingAt}): ln-scaling's speed factor reads √(t + clock + 1)
 */
public record AttentionModel(Geometry geometry, Mask mask, Normalization normalization, BigDecimal beta, List<Head> heads,
                             HeadCombine combine, LayerNorm layerNorm, BigDecimal ngptAlpha, BigDecimal mixTau, List<Piece> schedule,
                             double clock) {

    /**
     * One piece of a schedule: {@code model} (without a schedule of its own) governs the times up to and including
     * {@code until}, from the previous piece's until (or the start).
     */
    public record Piece(BigDecimal until, AttentionModel model) {
        public Piece {
            Objects.requireNonNull(model, "model");
        }

        public double untilDouble() { return until == null ? Double.POSITIVE_INFINITY : until.doubleValue(); }
    }

    public AttentionModel {
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(beta, "beta");
        Objects.requireNonNull(combine, "head_combine");
        Objects.requireNonNull(layerNorm, "layer_norm");
        heads = List.copyOf(heads);
        schedule = List.copyOf(schedule);
        if (beta.signum() < 0) throw new IllegalArgumentException("model.beta: must be >= 0, got " + beta.toPlainString());
        if (heads.isEmpty()) throw new IllegalArgumentException("model.heads: must list at least one head, got an empty list");
        checkHeads(heads);
        if (geometry == Geometry.EUCLIDEAN && layerNorm != LayerNorm.POST) {
            throw new IllegalArgumentException("model.layer_norm: '" + layerNorm.key() + "' normalises tokens x = r θ on the sphere; "
                    + "the euclidean geometry has no normalisation scheme (leave layer_norm out)");
        }
        if (layerNorm == LayerNorm.NGPT) {
            if (ngptAlpha == null) throw new IllegalArgumentException("model.ngpt_alpha: is required with layer_norm ngpt (nGPT's step factor alpha > 0)");
            if (ngptAlpha.signum() <= 0) throw new IllegalArgumentException("model.ngpt_alpha: must be > 0, got " + ngptAlpha.toPlainString());
        } else if (ngptAlpha != null) {
            throw new IllegalArgumentException("model.ngpt_alpha: is only read with layer_norm ngpt, but layer_norm is " + layerNorm.key());
        }
        if (layerNorm == LayerNorm.MIX) {
            if (mixTau == null) throw new IllegalArgumentException("model.mix_tau: is required with layer_norm mix (the time tau > 0 of the switch from post to pre)");
            if (mixTau.signum() <= 0) throw new IllegalArgumentException("model.mix_tau: must be > 0, got " + mixTau.toPlainString());
        } else if (mixTau != null) {
            throw new IllegalArgumentException("model.mix_tau: is only read with layer_norm mix, but layer_norm is " + layerNorm.key());
        }
        checkSchedule(schedule, geometry, mask, normalization, heads.get(0), combine, layerNorm, mixTau);
        if (!(clock >= 0) || !Double.isFinite(clock)) throw new IllegalArgumentException("the model's clock must be a finite time >= 0, got " + clock);
    }

    /** A model whose time starts at 0 (every scenario's). */
    public AttentionModel(Geometry geometry, Mask mask, Normalization normalization, BigDecimal beta, List<Head> heads,
                          HeadCombine combine, LayerNorm layerNorm, BigDecimal ngptAlpha, BigDecimal mixTau, List<Piece> schedule) {
        this(geometry, mask, normalization, beta, heads, combine, layerNorm, ngptAlpha, mixTau, schedule, 0);
    }

    /** One head, post-LN, constant weights: the model of spec/math.md §1. */
    public AttentionModel(Geometry geometry, Mask mask, Normalization normalization, BigDecimal beta,
                          DecimalMatrix q, DecimalMatrix k, DecimalMatrix v) {
        this(geometry, mask, normalization, beta, List.of(new Head(beta, q, k, v)), HeadCombine.SUM, LayerNorm.POST, null, null, List.of());
    }

    /** The model with Q = K = V = I_d, the setting of most theorems and oracles. */
    public static AttentionModel identity(Geometry geometry, Mask mask, Normalization normalization, double beta, int d) {
        DecimalMatrix id = DecimalMatrix.identity(d);
        return new AttentionModel(geometry, mask, normalization, new BigDecimal(Double.toString(beta)), id, id, id);
    }

    /** Dimension d of a token. */
    public int dimension() { return heads.get(0).v().rows(); }

    /** Rows m of Q and K (the same for every head). */
    public int queryDimension() { return heads.get(0).q().rows(); }

    public double betaDouble() { return beta.doubleValue(); }

    /** Number of heads H. */
    public int headCount() { return heads.size(); }

    /** The one head of a single-head model; an IllegalStateException for a multi-head model. */
    public Head head() {
        if (heads.size() != 1) throw new IllegalStateException("the model has " + heads.size() + " heads, not one");
        return heads.get(0);
    }

    /** Q of the single head. */
    public DecimalMatrix q() { return head().q(); }

    /** K of the single head. */
    public DecimalMatrix k() { return head().k(); }

    /** V of the single head. */
    public DecimalMatrix v() { return head().v(); }

    /** True when every head has Q = K = V = I (and there is no schedule). */
    public boolean isIdentityAttention() {
        for (Head h : heads) if (!h.isIdentity()) return false;
        return schedule.isEmpty();
    }

    /** True when the field depends on time: a schedule, Mix-LN's switch or ln-scaling's √(t + 1). */
    public boolean timeDependent() {
        return !schedule.isEmpty() || layerNorm == LayerNorm.MIX || layerNorm == LayerNorm.LN_SCALING;
    }

    /** True when the scheme carries radii ({@link LayerNorm#carriesRadius}). */
    public boolean carriesRadius() { return layerNorm.carriesRadius(); }

    /** True for a single head with constant weights: the setting of spec/math.md §1 that some analyses assume. */
    public boolean singleConstantHead() { return heads.size() == 1 && schedule.isEmpty(); }

    /**
     * One stretch between consecutive switch times ({@link #switchTimes}) over which the field is one piece's with one
     * scheme: every solver evaluates a step with the segment it starts in (spec/math.md §8.3).
     *
     * @param start  where it starts (0 or a switch time)
     * @param piece  the index of its piece in {@link #pieces}
     * @param scheme the scheme in force (mix: post before τ, pre from τ on)
     */
    public record Segment(double start, int piece, LayerNorm scheme) {}

    /** The segments of a run, in order: one more than {@link #switchTimes} (of all of them, whatever the run's end). */
    public List<Segment> segments() {
        double[] switches = switchTimes(Double.POSITIVE_INFINITY);
        List<Piece> pieces = pieces();
        List<Segment> segments = new ArrayList<>();
        for (int s = 0; s <= switches.length; s++) {
            double start = s == 0 ? 0 : switches[s - 1];
            int piece = 0;
            while (piece < pieces.size() - 1 && pieces.get(piece).untilDouble() <= start) piece++;
            boolean afterTau = mixTau != null && start >= mixTau.doubleValue();
            segments.add(new Segment(start, piece, layerNorm.activeAt(afterTau)));
        }
        return segments;
    }

    /**
     * The index of the segment that governs a step starting at t: the last whose start is ≤ t ({@code switches}:
     * {@link #switchTimes}). Integrators step exactly onto every switch, so a step starting there belongs to the next.
     */
    public static int segmentAt(double[] switches, double t) {
        int s = 0;
        while (s < switches.length && switches[s] <= t) s++;
        return s;
    }

    /** The model (without schedule) of the piece that governs time t: the first whose until is ≥ t. */
    public AttentionModel pieceAt(double t) {
        for (Piece p : pieces()) if (t <= p.untilDouble()) return p.model();
        return pieces().get(pieces().size() - 1).model();
    }

    /** The pieces of the run: the schedule, or this model alone (until null: for ever). */
    public List<Piece> pieces() { return schedule.isEmpty() ? List.of(new Piece(null, this)) : schedule; }

    /**
     * The times at which the field switches within (0, end): every piece's until and, under mix, τ; sorted, without
     * repetition. Every integrator ends a step exactly at each of them (spec/math.md §8.3).
     */
    public double[] switchTimes(double end) {
        List<Double> times = new ArrayList<>();
        for (Piece p : schedule) if (p.untilDouble() < end) times.add(p.untilDouble());
        if (mixTau != null && mixTau.doubleValue() < end) times.add(mixTau.doubleValue());
        return times.stream().mapToDouble(Double::doubleValue).filter(t -> t > 0).sorted().distinct().toArray();
    }

    /**
     * The model as a run restarted at time t0 sees it (its t = 0 is the model's t0): the schedule's pieces that end
     * after t0 with their ends moved by −t0, Mix-LN's τ moved by −t0 (pre-LN from the start once τ ≤ t0), ln-scaling's
     * clock advanced by t0. The checks that replay a run from one of its frames use it.
     */
    public AttentionModel startingAt(double t0) {
        if (t0 == 0 || !timeDependent()) return this;
        if (!(t0 > 0)) throw new IllegalArgumentException("a time-dependent model restarts at a time t0 >= 0, got " + t0);
        BigDecimal shift = new BigDecimal(t0);
        List<Piece> pieces = new ArrayList<>();
        for (Piece p : schedule) {
            if (p.until().compareTo(shift) > 0) pieces.add(new Piece(p.until().subtract(shift), p.model().startingAt(t0)));
        }
        if (!schedule.isEmpty() && pieces.isEmpty()) pieces.add(new Piece(BigDecimal.ONE, schedule.get(schedule.size() - 1).model().startingAt(t0)));
        LayerNorm scheme = layerNorm;
        BigDecimal tau = mixTau;
        if (scheme == LayerNorm.MIX) {
            tau = mixTau.subtract(shift);
            if (tau.signum() <= 0) {
                scheme = LayerNorm.PRE;
                tau = null;
            }
        }
        Head[] first = pieces.isEmpty() ? heads.toArray(new Head[0]) : pieces.get(0).model().heads().toArray(new Head[0]);
        return new AttentionModel(geometry, mask, normalization, beta, List.of(first), combine, scheme, ngptAlpha, tau, pieces, clock + t0);
    }

    /** Same model with V replaced in every head (used by tests and claims that vary V); no schedule. */
    public AttentionModel withV(DecimalMatrix newV) {
        List<Head> h = new ArrayList<>();
        for (Head head : heads) h.add(head.withV(newV));
        return new AttentionModel(geometry, mask, normalization, beta, h, combine, layerNorm, ngptAlpha, mixTau, requireNoSchedule("withV"), clock);
    }

    /**
     * Same model with its one head's Q, K, V replaced (null keeps a matrix): a batch's per-system matrices. One head
     * without schedule only; the shapes are checked as the constructor checks them.
     */
    public AttentionModel withMatrices(DecimalMatrix newQ, DecimalMatrix newK, DecimalMatrix newV) {
        if (!singleConstantHead()) throw new IllegalArgumentException("per-system matrices replace the one head of a model without heads list or schedule");
        Head h = head();
        Head replaced = new Head(h.beta(), newQ != null ? newQ : h.q(), newK != null ? newK : h.k(), newV != null ? newV : h.v());
        return new AttentionModel(geometry, mask, normalization, beta, List.of(replaced), combine, layerNorm, ngptAlpha, mixTau, schedule, clock);
    }

    /** Same model with another β, for every head; no schedule. */
    public AttentionModel withBeta(BigDecimal newBeta) {
        List<Head> h = new ArrayList<>();
        for (Head head : heads) h.add(new Head(newBeta, head.q(), head.k(), head.v()));
        return new AttentionModel(geometry, mask, normalization, newBeta, h, combine, layerNorm, ngptAlpha, mixTau, requireNoSchedule("withBeta"), clock);
    }

    /** Same model with another mask (also in every piece of its schedule). */
    public AttentionModel withMask(Mask newMask) {
        List<Piece> pieces = new ArrayList<>();
        for (Piece p : schedule) pieces.add(new Piece(p.until(), p.model().withMask(newMask)));
        return new AttentionModel(geometry, newMask, normalization, beta, heads, combine, layerNorm, ngptAlpha, mixTau, pieces, clock);
    }

    /** Same model with another normalisation of its rows (also in every piece of its schedule). */
    public AttentionModel withNormalization(Normalization newNormalization) {
        List<Piece> pieces = new ArrayList<>();
        for (Piece p : schedule) pieces.add(new Piece(p.until(), p.model().withNormalization(newNormalization)));
        return new AttentionModel(geometry, mask, newNormalization, beta, heads, combine, layerNorm, ngptAlpha, mixTau, pieces, clock);
    }

    /** Same model with every V replaced by its transpose (the row convention of public code, spec/math.md §8.5). */
    public AttentionModel withTransposedV() {
        List<Head> h = new ArrayList<>();
        for (Head head : heads) h.add(head.withV(head.v().transpose()));
        List<Piece> pieces = new ArrayList<>();
        for (Piece p : schedule) pieces.add(new Piece(p.until(), p.model().withTransposedV()));
        return new AttentionModel(geometry, mask, normalization, beta, h, combine, layerNorm, ngptAlpha, mixTau, pieces, clock);
    }

    /** True when some head's V is not symmetric (so that V and Vᵀ give different dynamics). */
    public boolean hasAsymmetricV() {
        for (Piece p : pieces()) {
            for (Head h : p.model().heads()) if (!h.v().equals(h.v().transpose())) return true;
        }
        return false;
    }

    /** Same model with another normalisation scheme (and its parameters). */
    public AttentionModel withLayerNorm(LayerNorm scheme, BigDecimal alpha, BigDecimal tau) {
        List<Piece> pieces = new ArrayList<>();
        for (Piece p : schedule) pieces.add(new Piece(p.until(), p.model().withLayerNorm(scheme, alpha, tau)));
        return new AttentionModel(geometry, mask, normalization, beta, heads, combine, scheme, alpha, tau, pieces, clock);
    }

    /** Short name of the paper's model this is: M1, M2, M3 (or M3-mean), M4 (or M4-causal / M4-mean), with suffixes for §7–§8. */
    public String paperName() {
        String base;
        if (geometry == Geometry.EUCLIDEAN) {
            base = "M4" + (mask == Mask.CAUSAL ? "-causal" : "") + (normalization == Normalization.MEAN ? "-mean" : "");
        } else if (mask == Mask.CAUSAL) {
            base = normalization == Normalization.SOFTMAX ? "M3" : "M3-mean";
        } else {
            base = normalization == Normalization.SOFTMAX ? "M1" : "M2";
        }
        if (normalization == Normalization.NONE || normalization == Normalization.COUNT_N) base = base.replace("-mean", "") + "-" + normalization.key();
        if (layerNorm != LayerNorm.POST) base += " " + layerNorm.key() + "-LN";
        if (heads.size() > 1) base += ", " + heads.size() + " heads (" + combine.key() + ")";
        if (!schedule.isEmpty()) base += ", " + schedule.size() + " pieces";
        return base;
    }

    private List<Piece> requireNoSchedule(String what) {
        if (!schedule.isEmpty()) throw new IllegalStateException(what + " on a model with a schedule");
        return schedule;
    }

    private static void checkHeads(List<Head> heads) {
        Head first = heads.get(0);
        int d = first.v().rows();
        int m = first.q().rows();
        for (int h = 0; h < heads.size(); h++) {
            Head head = heads.get(h);
            String at = heads.size() == 1 ? "model." : "model.heads[" + h + "].";
            if (head.beta().signum() < 0) throw new IllegalArgumentException(at + "beta: must be >= 0, got " + head.beta().toPlainString());
            DecimalMatrix q = head.q(), k = head.k(), v = head.v();
            if (v.cols() != v.rows()) throw new IllegalArgumentException(at + "V: must be square (d x d), got " + v.rows() + "x" + v.cols());
            if (v.rows() != d) throw new IllegalArgumentException(at + "V: every head needs d = " + d + " (head 0), got " + v.rows() + "x" + v.cols());
            if (q.cols() != d) throw new IllegalArgumentException(at + "Q: must have d = " + d + " columns, got " + q.rows() + "x" + q.cols());
            if (k.cols() != d) throw new IllegalArgumentException(at + "K: must have d = " + d + " columns, got " + k.rows() + "x" + k.cols());
            if (q.rows() != k.rows()) {
                throw new IllegalArgumentException(at.substring(0, at.length() - 1) + ": Q and K must have the same number of rows m, got Q "
                        + q.rows() + "x" + q.cols() + " and K " + k.rows() + "x" + k.cols());
            }
            if (q.rows() != m) {
                throw new IllegalArgumentException("model.heads: every head needs the same m (rows of Q and K): head 0 has m = " + m
                        + ", head " + h + " has m = " + q.rows());
            }
        }
    }

    private static void checkSchedule(List<Piece> schedule, Geometry geometry, Mask mask, Normalization normalization, Head first,
                                      HeadCombine combine, LayerNorm layerNorm, BigDecimal mixTau) {
        BigDecimal previous = BigDecimal.ZERO;
        for (int i = 0; i < schedule.size(); i++) {
            Piece p = schedule.get(i);
            String at = "model.schedule[" + i + "]";
            if (p.until() == null) throw new IllegalArgumentException(at + ".until: is required");
            if (p.until().compareTo(previous) <= 0) {
                throw new IllegalArgumentException(at + ".until: the pieces must end at increasing times > 0, got " + p.until().toPlainString()
                        + (i == 0 ? "" : " after " + previous.toPlainString()));
            }
            previous = p.until();
            AttentionModel m = p.model();
            if (!m.schedule().isEmpty()) throw new IllegalArgumentException(at + ": a piece cannot have a schedule of its own");
            if (m.geometry() != geometry || m.mask() != mask || m.normalization() != normalization || m.combine() != combine
                    || m.layerNorm() != layerNorm || !Objects.equals(m.mixTau(), mixTau)) {
                throw new IllegalArgumentException(at + ": a piece may change the weights (beta, Q, K, V, heads, ngpt_alpha) only, "
                        + "not geometry, mask, normalization, head_combine, layer_norm or mix_tau");
            }
            if (m.dimension() != first.v().rows() || m.queryDimension() != first.q().rows()) {
                throw new IllegalArgumentException(at + ": its heads must have the model's d = " + first.v().rows() + " and m = " + first.q().rows()
                        + ", got d = " + m.dimension() + ", m = " + m.queryDimension());
            }
        }
    }
}
