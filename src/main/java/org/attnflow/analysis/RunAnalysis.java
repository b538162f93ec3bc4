package org.attnflow.analysis;


import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.attnflow.field.ScalarAttentionField;
import org.attnflow.field.Tokens;
import org.attnflow.model.RescaledCoordinates;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.Geometry;
import org.attnflow.model.TimeGrid;

/**
 * Everything the analysis library says about one saved trajectory, as JSON (the body of {@code attnflow analyze}):
 * on the sphere cluster counts over time (union-find and the papers' Gram rank), metastable plateaus, the final
 * clusters, the energy E_β, Rényi centres at the start and the end with the start centres' displacement and
 * consumption; in R^d (M4) the rescaled cloud z, its convex hull at start and end and whether the hulls shrink
 * (I7), and the left-eigenvector levels (C9); for every geometry the attention matrix at the first and last
 * frame (row sums, rank, and in d = 1 the distance to the C7 Boolean limit).
 *
 * @param minPlateau minimum duration of a reported plateau
 * @param renyiC     Rényi separation constant c (δ = c β^{-1/2})
 * @param levelGap   gap tolerance when grouping the levels φ_1*(z_i), relative to their spread
 */
public record RunAnalysis(double minPlateau, double renyiC, double levelGap) {

    public static RunAnalysis defaults(double endTime) { return new RunAnalysis(Math.max(endTime / 20, 0), RenyiCentres.DEFAULT_C, 1e-3); }

    /** The stages {@link #analyse(AttentionModel, double[], double[][], java.util.function.Consumer)} announces, for progress bars. */
    public static final int STAGES = 4;

    public ObjectNode analyse(AttentionModel model, double[] times, double[][] frames) {
        return analyse(model, times, frames, null, stage -> { });
    }

    /**
     * The report; {@code frames} hold the directions θ and {@code radii} ([frames][n], or null) the radii r of a
     * scheme that carries them (x = rθ, spec/math.md §7.2). {@code stage} hears each of the {@link #STAGES} stages as
     * it starts ("clusters", "energy", "Rényi centres", "attention"; in R^d "rescaled z", "hulls", "levels", "attention").
     */
    public ObjectNode analyse(AttentionModel model, double[] times, double[][] frames, double[][] radii, java.util.function.Consumer<String> stage) {
        int d = model.dimension();
        int n = frames[0].length / d;
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("model", model.paperName());
        root.put("n", n);
        root.put("d", d);
        root.put("frames", frames.length);
        root.put("t_end", TimeGrid.decimal(times[times.length - 1]));
        double beta = model.betaDouble();
        if (model.geometry() == Geometry.SPHERE) sphere(root, model, times, frames, n, d, beta, stage);
        else euclidean(root, model, times, frames, n, d, stage);
        if (radii != null) root.set("radius", radius(radii, n));
        stage.accept("attention");
        ObjectNode att = root.putObject("attention");
        att.set("first", attention(model.pieceAt(times[0]), frames[0], n, d));
        att.set("last", attention(model.pieceAt(times[times.length - 1]), frames[frames.length - 1], n, d));
        return root;
    }

    private void sphere(ObjectNode root, AttentionModel model, double[] times, double[][] frames, int n, int d, double beta,
                        java.util.function.Consumer<String> stage) {
        stage.accept("clusters");
        double drift = 0;
        for (double[] x : frames) drift = Math.max(drift, Tokens.maxNormDrift(x, d));
        root.put("max_norm_drift", drift);
        ClusterCountSeries counts = ClusterCountSeries.onSphere(times, frames, d);
        ObjectNode c = root.putObject("clusters");
        c.put("pair_threshold", Clustering.PAPER_PAIR_THRESHOLD);
        c.put("rank_threshold", GramRankCount.PAPER_RANK_THRESHOLD);
        c.set("times", times(times));
        c.set("union_find", ints(counts.unionFind()));
        c.set("gram_rank", ints(counts.gramRank()));
        int disagree = 0;
        for (int k = 0; k < times.length; k++) if (counts.unionFind()[k] != counts.gramRank()[k]) disagree++;
        c.put("frames_where_counts_differ", disagree);
        c.put("min_plateau_duration", minPlateau);
        ArrayNode pl = c.putArray("plateaus");
        for (Plateau p : counts.plateaus(minPlateau)) {
            ObjectNode o = pl.addObject();
            o.put("count", p.count());
            o.put("start", TimeGrid.decimal(p.start()));
            o.put("end", TimeGrid.decimal(p.end()));
            o.put("duration", TimeGrid.decimal(p.end()).subtract(TimeGrid.decimal(p.start())));
        }
        ClusterPartition last = Clustering.onSphere(frames[frames.length - 1], d);
        c.set("final_sizes", ints(last.sizesDescending()));
        c.set("final_centres", rows(last.centres(), d));

        stage.accept("energy");
        if (beta > 0) {
            ObjectNode e = root.putObject("energy");
            e.put("definition", "log E_beta, E_beta = (1/(2 beta n^2)) sum_ij exp(beta <x_i, x_j>)");
            boolean identity = model.isIdentityAttention() && model.layerNorm() == org.attnflow.model.LayerNorm.POST;
            e.put("monotone_expected", identity && model.mask() == org.attnflow.model.Mask.FULL);
            double[] logE = new double[frames.length];
            double worstDrop = 0;
            for (int k = 0; k < frames.length; k++) {
                logE[k] = Energy.logEnergy(frames[k], d, beta);
                if (k > 0) worstDrop = Math.max(worstDrop, logE[k - 1] - logE[k]);
            }
            e.set("log_energy", doubles(logE));
            e.put("largest_decrease_of_log_energy", worstDrop);

            stage.accept("Rényi centres");
            double delta = RenyiCentres.delta(beta, renyiC);
            ObjectNode r = root.putObject("renyi");
            r.put("c", renyiC);
            r.put("delta", delta);
            r.put("consumption_radius", RenyiTracking.CONSUMPTION_RADIUS);
            r.put("consumption_criterion", "token j is consumed by centre c when angle(x_j, x_c) < arccos(1 - 1e-3); each token counted once, for its nearest centre; centres consume themselves");
            int[] strong0 = RenyiCentres.strong(frames[0], d, delta), ordinary0 = RenyiCentres.ordinary(frames[0], d, delta);
            r.set("strong_start", ints(strong0));
            r.set("ordinary_start", ints(ordinary0));
            r.set("strong_end", ints(RenyiCentres.strong(frames[frames.length - 1], d, delta)));
            r.set("ordinary_end", ints(RenyiCentres.ordinary(frames[frames.length - 1], d, delta)));
            RenyiTracking ts = RenyiTracking.of(times, frames, d, strong0), to = RenyiTracking.of(times, frames, d, ordinary0);
            r.put("strong_max_displacement", ts.maxDisplacement());
            r.put("ordinary_max_displacement", to.maxDisplacement());
            r.set("strong_consumed_fraction", doubles(ts.consumedFraction()));
            r.set("ordinary_consumed_fraction", doubles(to.consumedFraction()));
        }
    }

    private void euclidean(ObjectNode root, AttentionModel model, double[] times, double[][] frames, int n, int d,
                           java.util.function.Consumer<String> stage) {
        stage.accept("rescaled z");
        if (!model.singleConstantHead()) {
            root.putObject("rescaled").put("definition", "not defined: z = exp(-tV) x needs one V (the model has several heads or a schedule)");
            return;
        }
        double[] v = model.v().toDoubleArray();
        RescaledCoordinates rescaling = new RescaledCoordinates(v, d);
        double[][] z = new double[frames.length][];
        for (int k = 0; k < frames.length; k++) {
            z[k] = new double[frames[k].length];
            rescaling.apply(times[k], frames[k], z[k]);
        }
        ObjectNode e = root.putObject("rescaled");
        e.put("definition", "z_i(t) = exp(-tV) x_i(t)");
        e.set("z_end", rows(z[z.length - 1], d));
        stage.accept("hulls");
        if (d <= 3) {
            ConvexHull h0 = ConvexHulls.of(z[0], d), h1 = ConvexHulls.of(z[z.length - 1], d);
            ObjectNode hull = e.putObject("hull");
            hull.put("start_measure", h0.measure());
            hull.put("end_measure", h1.measure());
            hull.put("end_affine_dimension", h1.affineDimension());
            hull.set("start_vertices", ints(h0.vertices()));
            hull.set("end_vertices", ints(h1.vertices()));
            int firstEscape = -1;
            for (int k = 1; k < z.length && firstEscape < 0; k++) {
                if (!ConvexHulls.of(z[k - 1], d).containsAll(z[k], 1e-9)) firstEscape = k;
            }
            hull.put("nested_over_time", firstEscape < 0);
            if (firstEscape >= 0) hull.put("first_frame_leaving_previous_hull", firstEscape);
        }
        stage.accept("levels");
        LeftEigenvector phi = LeftEigenvector.of(v, d);
        ObjectNode lv = e.putObject("levels");
        lv.put("lambda_1", phi.lambda());
        lv.put("real", phi.real());
        lv.put("simple", phi.simple());
        if (!(phi.real() && phi.simple() && phi.lambda() > 0)) {
            lv.put("applicable", false);
            lv.put("reason", "C9 needs a real, positive, simple top eigenvalue of V");
        } else {
            lv.put("applicable", true);
            double[] l = phi.levels(z[z.length - 1], d);
            double spread = 0;
            for (double x : l) spread = Math.max(spread, Math.abs(x));
            LevelGroups g = LevelGroups.of(l, levelGap * Math.max(spread, Double.MIN_NORMAL));
            lv.set("phi", doubles(phi.phi()));
            lv.put("gap_tolerance", levelGap * spread);
            lv.set("group_means", doubles(g.means()));
            lv.set("group_sizes", ints(g.sizes()));
            lv.put("max_group_width", g.maxWidth());
        }
    }

    /**
     * The radii of x = rθ over the run: per frame their smallest, largest and mean value, and each token's radius at
     * the last frame (growth under pre-LN, the bound under peri-LN: spec/math.md §7.2).
     */
    static ObjectNode radius(double[][] radii, int n) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("definition", "r_k(t) of the stream x_k = r_k theta_k (the directions theta are the trajectory)");
        double[] min = new double[radii.length], max = new double[radii.length], mean = new double[radii.length];
        for (int k = 0; k < radii.length; k++) {
            double lo = Double.POSITIVE_INFINITY, hi = 0, sum = 0;
            for (int i = 0; i < n; i++) {
                lo = Math.min(lo, radii[k][i]);
                hi = Math.max(hi, radii[k][i]);
                sum += radii[k][i];
            }
            min[k] = lo;
            max[k] = hi;
            mean[k] = sum / n;
        }
        o.set("min", doubles(min));
        o.set("max", doubles(max));
        o.set("mean", doubles(mean));
        o.set("final", doubles(radii[radii.length - 1]));
        return o;
    }

    private static ObjectNode attention(AttentionModel model, double[] x, int n, int d) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        double[][] p;
        try {
            p = new ScalarAttentionField(model, n).attentionMatrix(x);
        } catch (ArithmeticException e) {
            o.put("error", e.getMessage()); // mean normalisation beyond double's range: reported, not hidden
            return o;
        }
        o.put("max_row_sum_deviation", AttentionStructure.maxRowSumDeviation(p));
        o.put("min_entry", AttentionStructure.minEntry(p));
        int[] ranks = AttentionStructure.ranks(p, 1e-6);
        o.put("rank", ranks[0]);
        o.put("rank_at_1e-6", ranks[1]);
        if (d == 1) {
            BooleanLimit b = BooleanLimit.of(p, x);
            o.put("boolean_limit_distance", b.distance());
            o.put("boolean_limit_exceptional_row", b.exceptionalRow());
            o.put("boolean_limit_strict_distance", b.strictDistance());
            o.set("leaders", ints(b.leaders()));
        }
        return o;
    }

    static ArrayNode doubles(double[] a) {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        for (double v : a) arr.add(v);
        return arr;
    }

    /** Save times as the decimals they stand for ({@link TimeGrid#decimal}: 0.3, not 0.30000000000000004). */
    static ArrayNode times(double[] t) {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        for (double v : t) arr.add(TimeGrid.decimal(v));
        return arr;
    }

    /** A row-major array of rows of {@code d} numbers as one JSON list per row (one row per token or centre). */
    static ArrayNode rows(double[] a, int d) {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i + d <= a.length; i += d) {
            ArrayNode row = arr.addArray();
            for (int c = 0; c < d; c++) row.add(a[i + c]);
        }
        return arr;
    }

    static ArrayNode ints(int[] a) {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        for (int v : a) arr.add(v);
        return arr;
    }

}
