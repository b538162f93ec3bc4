package org.attnflow.verify;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.attnflow.io.InputException;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.Geometry;
import org.attnflow.model.LayerNorm;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.attnflow.model.RescaledCoordinates;
import org.attnflow.model.Scenario;
import org.attnflow.model.StepRule;

/**
 * {@code identify}: which scheme and which conventions made a trajectory file. Every candidate attnflow knows is
 * stepped in double ({@link DoubleInterval}) from their frame f over one frame interval and compared with their frame
 * f+1: the largest such <i>one-step defect</i> over the frames ranks the candidates. A file made by a candidate in
 * float64 has defects at its rounding (~10^-16); every other candidate is off by the difference of the schemes per
 * step (10^-9 for the public forms' 1e-9 terms, 10^-3 and more for a wrong mask, normalisation or V). The candidates
 * (spec/math.md §2, §7.4, §8):
 * <ul>
 *   <li>schemes: S1 ({@code euler-postln}, S3 in R^d), S2 ({@code euler-projected}), {@code rk4}, {@code rkmk4}, the
 *       public simulator's steps (under their layer norm), {@code z-euler} (R^d), and the exact flow (dopri5 at rtol
 *       {@value DoubleInterval#FLOW_RTOL}: an adaptive solver's file comes closest to it);</li>
 *   <li>the normalisation scheme's discrete form: every {@code layer_norm} (ngpt with the scenario's α and the public 0.2,
 *       mix when the scenario gives τ) on the sphere;</li>
 *   <li>steps: h = Δ/k, k = 1..{@value #MAX_STEPS_PER_FRAME} steps per frame interval Δ (the shortest interval; longer
 *       ones end with a shortened step, as attnflow's integrators do), and under the mean normalisation the USA rule
 *       h/max(√β e^{β−1/2}, 1) of public code whose frame times count nominal steps;</li>
 *   <li>V or Vᵀ (the row convention), softmax, mean, none or count-n, full or causal mask.</li>
 * </ul>
 * Pruning: every candidate on the first frame interval; the best {@value #SECOND_ROUND} on three intervals spread over
 * the file; the best {@value #CONFIRMED} on every interval (the file read once more, two frames held). A frozen
 * "RK4" (all stages equal k1, spec/math.md §8.6) is Euler, and is identified as such.
 */
public final class Identification {
    /** Steps per frame interval tried. */
    static final int MAX_STEPS_PER_FRAME = 8;
    /** Candidates kept after the first interval. */
    static final int SECOND_ROUND = 64;
    /** Candidates confirmed on every interval. */
    static final int CONFIRMED = 12;
    /** Units of the data's rounding (times the steps per frame + 1) within which a defect is rounding. */
    static final double ROUNDING_UNITS = 256;
    /** Matches listed in the report beyond the confirmed ones. */
    static final int LISTED = 40;

    private Identification() {}

    /**
     * One candidate: a method on a model variant, k steps per frame interval (0 for the exact flow), and whether the
     * USA step rule divides the step.
     */
    record Candidate(Method method, AttentionModel model, int stepsPerFrame, double usaDivisor, String convention, String layerNorm) {
        String scheme() { return method == Method.DOPRI5 ? "dopri5" : method.key(); }
    }

    /**
     * One ranked candidate.
     *
     * @param scheme        the {@code solver.method} key ("dopri5" for the exact flow, run adaptively)
     * @param step          the step h (NaN for the exact flow); under the USA rule the step taken
     * @param stepsPerFrame steps per frame interval (0: adaptive)
     * @param convention    the conventions, one line ("V^T, softmax, causal, layer_norm post")
     * @param maxDefect     the largest one-step defect over the frames checked
     * @param framesChecked frame intervals the defect was measured on
     * @param worstFrame    the frame (f+1) of the largest defect
     * @param worstToken    its token
     * @param firstOff      the first frame whose defect is beyond the rounding level, −1 if none (confirmed candidates)
     */
    public record Match(String scheme, double step, int stepsPerFrame, String convention, String v, String normalization, String mask,
                        String layerNorm, String stepRule, double maxDefect, int framesChecked, long worstFrame, int worstToken, long firstOff,
                        boolean confirmed) {}

    /**
     * The outcome.
     *
     * @param matches     best first: the confirmed candidates by their defect on every frame, then the others by their
     *                    defect on the sampled frames
     * @param rounding    the defect within which a candidate reproduces their file (their data's rounding)
     * @param identified  true when the best candidate reproduces every frame to rounding
     * @param verdict     one line: what made the file, or where it departs, or that nothing known made it
     */
    public record Result(String scenario, String trajectory, String storedAs, long frames, int n, int d, String timesFrom, String coordinates,
                         int candidates, List<Match> matches, double rounding, boolean identified, String verdict, double seconds) {}

    /** Identifies the scheme of the file {@code trajectory} opens (twice: the samples, then every frame). */
    public static Result identify(String scenarioName, Scenario scenario, String trajectoryName, Validation.Trajectory trajectory, Path timesOption,
                                  Validation.Coordinates coordinates) throws IOException {
        long started = System.nanoTime();
        int n = scenario.tokens(), d = scenario.dimension();
        boolean sphere = scenario.model().geometry() == Geometry.SPHERE;
        TokenDistance metric = TokenDistance.of(scenario.model().geometry());
        RescaledCoordinates zToX = null;
        if (coordinates == Validation.Coordinates.Z) {
            String why = Method.Z_EULER.unsupported(scenario.model());
            if (why != null) throw new InputException("--coordinates z: the file holds z = e^{-tV}x of a Euclidean model with one V: " + why);
            zToX = new RescaledCoordinates(scenario.model().v().toDoubleArray(), d);
        }
        double[] times;
        String timesFrom, storedAs;
        long frames;
        try (TrajectorySource source = trajectory.open()) {
            frames = source.frames();
            if (frames < 2) throw new InputException(trajectoryName + ": " + frames + " frame" + (frames == 1 ? "" : "s") + "; at least 2 are needed to identify a step");
            Validation.FrameTimes t = Validation.FrameTimes.of(timesOption, source, scenario, trajectoryName, frames);
            times = t.times();
            timesFrom = t.from();
            storedAs = source.storedAs();
        }
        double shortest = Double.POSITIVE_INFINITY;
        for (int f = 1; f < times.length; f++) shortest = Math.min(shortest, times[f] - times[f - 1]);
        Reader reader = new Reader(trajectory, trajectoryName, n, d, sphere, times, zToX);
        List<Candidate> candidates = candidates(scenario, shortest);
        double u = Validation.unitRoundoff(storedAs);

        // round 1: every candidate on the first interval; round 2: the best on three intervals spread over the file
        int last = times.length - 1;
        long[] sampled = last >= 3 ? new long[] {0, last / 2, last - 1} : last == 2 ? new long[] {0, 1} : new long[] {0};
        Frame[][] pairs = reader.pairs(sampled);
        if (reader.nonFinite != null) return nonFinite(scenarioName, trajectoryName, storedAs, frames, n, d, timesFrom, coordinates, candidates.size(),
                reader.nonFinite, started);
        // a candidate that reproduces more intervals to rounding ranks first; then the smaller largest defect
        List<Scored> scored = new ArrayList<>();
        for (Candidate c : candidates) {
            Defect e = defect(c, new Intervals(), pairs[0], times, metric, n, d);
            scored.add(new Scored(c, e, e.max <= rounding(u, c) ? 1 : 0));
        }
        scored.sort(RANKING);
        List<Scored> second = new ArrayList<>();
        for (int i = 0; i < Math.min(SECOND_ROUND, scored.size()); i++) {
            Scored s = scored.get(i);
            Defect at = s.defect;
            int atRounding = s.atRounding;
            Intervals intervals = new Intervals();
            for (int p = 1; p < pairs.length; p++) {
                Defect other = defect(s.candidate, intervals, pairs[p], times, metric, n, d);
                if (other.max <= rounding(u, s.candidate)) atRounding++;
                if (!(other.max <= at.max)) at = other;
            }
            second.add(new Scored(s.candidate, at, atRounding));
        }
        second.sort(RANKING);

        // round 3: the best on every interval, the file read once more
        List<Scored> best = second.subList(0, Math.min(CONFIRMED, second.size()));
        List<Profile> confirmed = reader.profiles(best, metric, u);
        confirmed.sort(Comparator.comparingInt((Profile p) -> -p.atRounding).thenComparingDouble(p -> p.max));
        if (reader.nonFinite != null) return nonFinite(scenarioName, trajectoryName, storedAs, frames, n, d, timesFrom, coordinates, candidates.size(),
                reader.nonFinite, started);

        List<Match> matches = new ArrayList<>();
        for (Profile p : confirmed) matches.add(match(p.candidate, shortest, p.max, times.length - 1, p.worstFrame, p.worstToken, p.firstOff, true));
        for (int i = best.size(); i < Math.min(second.size(), LISTED); i++) {
            Scored s = second.get(i);
            matches.add(match(s.candidate, shortest, s.defect.max, pairs.length, s.defect.frame, s.defect.token, -1, false));
        }
        for (int i = second.size(); i < scored.size() && matches.size() < LISTED + CONFIRMED; i++) {
            Scored s = scored.get(i);
            matches.add(match(s.candidate, shortest, s.defect.max, 1, s.defect.frame, s.defect.token, -1, false));
        }
        Match top = matches.get(0);
        double rounding = rounding(u, confirmed.get(0).candidate);
        boolean identified = top.confirmed() && top.maxDefect() <= rounding;
        String verdict = verdict(matches, rounding, identified, storedAs);
        return new Result(scenarioName, trajectoryName, storedAs, frames, n, d, timesFrom, coordinates == null ? "x" : coordinates.key(), candidates.size(),
                matches, rounding, identified, verdict, Verification.seconds(started));
    }

    /** The defect within which candidate c reproduces data of unit roundoff u: their rounding, per step taken. */
    static double rounding(double u, Candidate c) { return ROUNDING_UNITS * u * (Math.max(1, c.stepsPerFrame()) + 1); }

    private static final Comparator<Scored> RANKING = Comparator.comparingInt((Scored s) -> -s.atRounding).thenComparingDouble(Scored::max);

    private static Result nonFinite(String scenarioName, String trajectoryName, String storedAs, long frames, int n, int d, String timesFrom,
                                    Validation.Coordinates coordinates, int candidates, String where, long started) {
        return new Result(scenarioName, trajectoryName, storedAs, frames, n, d, timesFrom, coordinates == null ? "x" : coordinates.key(), candidates,
                List.of(), Double.NaN, false, "non-finite: " + where + ": their run broke down there; identify the scheme on the frames before it "
                + "(validate reports the breakdown)", Verification.seconds(started));
    }

    private static String verdict(List<Match> matches, double rounding, boolean identified, String storedAs) {
        Match top = matches.get(0);
        String name = describe(top);
        Match next = null;
        for (Match m : matches) {
            if (m != top && m.maxDefect() > top.maxDefect()) {
                next = m;
                break;
            }
        }
        String runnerUp = next == null ? "" : String.format(Locale.ROOT, "; the next best, %s, is off by %s", describe(next), Format.e(next.maxDefect()));
        if (identified) {
            return String.format(Locale.ROOT, "identified: %s reproduces every frame to the rounding of %s data (one-step defect <= %s <= %s)%s",
                    name, storedAs, Format.e(top.maxDefect()), Format.e(rounding), runnerUp);
        }
        if (top.confirmed() && top.firstOff() > 1) {
            return String.format(Locale.ROOT, "identified up to frame %d: %s reproduces frames 0-%d to rounding; from frame %d on their step departs "
                            + "from it (largest one-step defect %s at frame %d, token %d): run validate with this scheme for the diagnosis",
                    top.firstOff() - 1, name, top.firstOff() - 1, top.firstOff(), Format.e(top.maxDefect()), top.worstFrame(), top.worstToken());
        }
        Match flow = null;
        for (Match m : matches) {
            if (m.scheme().equals("dopri5")) {
                flow = m;
                break;
            }
        }
        if (flow != null && flow.maxDefect() <= 10 * top.maxDefect()) {
            return String.format(Locale.ROOT, "not identified to rounding: the closest are %s (one-step defect %s) and the exact flow (%s, %s): "
                            + "an adaptive solver, or a scheme of higher order than attnflow's; validate --scheme ode with their --rtol and --atol",
                    name, Format.e(top.maxDefect()), Format.e(flow.maxDefect()), flow.convention());
        }
        return String.format(Locale.ROOT, "not identified: no scheme attnflow knows reproduces their steps to rounding (%s); the closest is %s, "
                + "one-step defect %s at frame %d, token %d", Format.e(rounding), name, Format.e(top.maxDefect()), top.worstFrame(), top.worstToken());
    }

    /** "euler-postln h = 0.1 (V^T, softmax, causal)". */
    static String describe(Match m) {
        String step = m.stepsPerFrame() == 0 ? "adaptive" : "h = " + Format.g(m.step()) + (m.stepsPerFrame() > 1 ? " (" + m.stepsPerFrame() + " steps per frame)" : "");
        return m.scheme() + " " + step + " (" + m.convention() + ")";
    }

    private static Match match(Candidate c, double shortest, double defect, int checked, long frame, int token, long firstOff, boolean confirmed) {
        double step = c.stepsPerFrame() == 0 ? Double.NaN : shortest / c.stepsPerFrame() / c.usaDivisor();
        AttentionModel m = c.model();
        return new Match(c.scheme(), step, c.stepsPerFrame(), c.convention(), c.convention().startsWith("V^T") ? "V^T" : "V", m.normalization().key(),
                m.mask().key(), c.layerNorm(), c.usaDivisor() > 1 ? "usa-rescaled" : "as-given", defect, checked, frame, token, firstOff, confirmed);
    }

    // ------------------------------------------------------------------ candidates

    /** Every candidate for this scenario's geometry, Q, K, V and β, frame intervals of at least {@code shortest}. */
    static List<Candidate> candidates(Scenario scenario, double shortest) {
        AttentionModel base = scenario.model();
        boolean sphere = base.geometry() == Geometry.SPHERE;
        List<AttentionModel> vs = base.hasAsymmetricV() ? List.of(base, base.withTransposedV()) : List.of(base);
        List<Candidate> out = new ArrayList<>();
        for (AttentionModel v : vs) {
            boolean transposed = v != base;
            for (Mask mask : Mask.values()) {
                for (Normalization norm : Normalization.values()) {
                    if (norm == Normalization.COUNT_N && mask == Mask.FULL) continue; // = mean under the full mask
                    AttentionModel m = v.withMask(mask).withNormalization(norm);
                    for (AttentionModel ln : sphere ? layerNorms(m, base) : List.of(m)) {
                        String convention = (transposed ? "V^T" : "V") + ", " + norm.key() + ", " + mask.key()
                                + (sphere ? ", layer_norm " + lnKey(ln) : "");
                        for (Method method : methods(sphere)) {
                            if (method.unsupported(ln) != null) continue;
                            if (method == Method.DOPRI5) {
                                out.add(new Candidate(method, ln, 0, 1, convention, lnKey(ln)));
                                continue;
                            }
                            for (int k = 1; k <= MAX_STEPS_PER_FRAME; k++) {
                                out.add(new Candidate(method, ln, k, 1, convention, lnKey(ln)));
                                double usa = usaDivisor(ln);
                                if (usa > 1) out.add(new Candidate(method, ln, k, usa, convention + ", step_rule usa-rescaled", lnKey(ln)));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** h / h_eff of the USA rule under the mean normalisation (1 when it does not change the step). */
    private static double usaDivisor(AttentionModel m) {
        if (StepRule.USA_RESCALED.unsupported(m, Method.EULER_POSTLN) != null) return 1;
        return 1 / StepRule.USA_RESCALED.effective(1, m);
    }

    private static String lnKey(AttentionModel m) {
        if (m.layerNorm() == LayerNorm.NGPT) return "ngpt, alpha " + m.ngptAlpha().toPlainString();
        if (m.layerNorm() == LayerNorm.MIX) return "mix, tau " + m.mixTau().toPlainString();
        return m.layerNorm().key();
    }

    /** The model under every normalisation scheme a sphere file may come from (ngpt: the scenario's α and 0.2; mix: the scenario's τ). */
    private static List<AttentionModel> layerNorms(AttentionModel m, AttentionModel base) {
        List<AttentionModel> out = new ArrayList<>();
        for (LayerNorm ln : LayerNorm.values()) {
            switch (ln) {
                case NGPT -> {
                    List<BigDecimal> alphas = new ArrayList<>(List.of(Method.PUBLIC_NGPT_ALPHA));
                    if (base.ngptAlpha() != null && base.ngptAlpha().compareTo(Method.PUBLIC_NGPT_ALPHA) != 0) alphas.add(0, base.ngptAlpha());
                    for (BigDecimal a : alphas) out.add(m.withLayerNorm(ln, a, null));
                }
                case MIX -> {
                    if (base.mixTau() != null) out.add(m.withLayerNorm(ln, null, base.mixTau()));
                }
                default -> out.add(m.withLayerNorm(ln, null, null));
            }
        }
        return out;
    }

    private static List<Method> methods(boolean sphere) {
        List<Method> out = new ArrayList<>();
        for (Method m : Method.doublePrecisionMethods()) {
            if (!sphere && (m == Method.EULER_PROJECTED || m == Method.RKMK4)) continue; // S3 and rk4 already in R^d
            out.add(m);
        }
        return out;
    }

    // ------------------------------------------------------------------ defects

    /** Their frame as the candidates read it: directions (unit on the sphere) and, on the sphere, the radii |x|. */
    record Frame(long index, double[] directions, double[] radii) {}

    /** The largest one-step defect of a candidate over one interval, where it is. */
    record Defect(double max, long frame, int token) {}

    /** A candidate's largest defect over the intervals tried, and on how many of them it was within rounding. */
    private record Scored(Candidate candidate, Defect defect, int atRounding) {
        double max() { return defect.max; }
    }

    /**
     * A candidate's replay of one frame interval, kept while the step size stays the same (evenly spaced frames: the
     * whole file), so that its dynamics and integrator are built once per candidate, not once per frame.
     */
    static final class Intervals {
        private double h = Double.NaN;
        private DoubleInterval interval;

        DoubleInterval of(Candidate c, int n, double h) {
            if (interval == null || h != this.h) {
                interval = new DoubleInterval(c.model(), n, c.method(), h / c.usaDivisor());
                this.h = h;
            }
            return interval;
        }
    }

    /** The candidate's step from pair[0] to pair[1] against pair[1] (∞ when the candidate cannot step it). */
    static Defect defect(Candidate c, Intervals intervals, Frame[] pair, double[] times, TokenDistance metric, int n, int d) {
        int f = (int) pair[0].index();
        double dt = times[f + 1] - times[f];
        try {
            double h = dt / Math.max(1, c.stepsPerFrame());
            DoubleInterval interval = intervals.of(c, n, h);
            double[] start = interval.dynamics().state(pair[0].directions(), c.model().carriesRadius() ? pair[0].radii() : null);
            double[] out = interval.advance(start, times[f], dt / c.usaDivisor());
            return worst(out, c.model().carriesRadius(), pair[0], pair[1], metric, n, d);
        } catch (ArithmeticException | IllegalArgumentException | IllegalStateException e) {
            return new Defect(Double.POSITIVE_INFINITY, pair[1].index(), -1);
        }
    }

    private static Defect worst(double[] out, boolean radius, Frame before, Frame after, TokenDistance metric, int n, int d) {
        double max = -1;
        int token = 0;
        for (int i = 0; i < n; i++) {
            double e = metric.between(after.directions(), out, i, d);
            if (after.radii() != null) {
                double predicted = radius ? out[n * d + i] : before.radii()[i];
                e = Math.max(e, TokenDistance.radial(after.radii()[i], predicted));
            }
            if (Double.isNaN(e)) return new Defect(Double.POSITIVE_INFINITY, after.index(), i);
            if (e > max) {
                max = e;
                token = i;
            }
        }
        return new Defect(max, after.index(), token);
    }

    /** A confirmed candidate's defect over every interval. */
    private static final class Profile {
        final Candidate candidate;
        final Intervals intervals = new Intervals();
        double max;
        long worstFrame;
        int worstToken;
        long firstOff = -1;
        int atRounding;

        Profile(Candidate candidate) { this.candidate = candidate; }
    }

    /** Reads their file: chosen frame pairs, or every frame in order (two held) for the confirmed candidates. */
    private static final class Reader {
        private final Validation.Trajectory trajectory;
        private final String name;
        private final int n;
        private final int d;
        private final boolean sphere;
        private final double[] times;
        private final RescaledCoordinates zToX;
        String nonFinite;

        Reader(Validation.Trajectory trajectory, String name, int n, int d, boolean sphere, double[] times, RescaledCoordinates zToX) {
            this.trajectory = trajectory;
            this.name = name;
            this.n = n;
            this.d = d;
            this.sphere = sphere;
            this.times = times;
            this.zToX = zToX;
        }

        /** The pairs (f, f+1) for the given f, in one pass; null entries after a non-finite value. */
        Frame[][] pairs(long[] firsts) throws IOException {
            Frame[][] pairs = new Frame[firsts.length][2];
            try (TrajectorySource s = trajectory.open()) {
                double[] x = new double[n * d];
                for (long f = 0; f <= firsts[firsts.length - 1] + 1 && s.next(x); f++) {
                    for (int p = 0; p < firsts.length; p++) {
                        if (f == firsts[p]) pairs[p][0] = frame(f, x);
                        if (f == firsts[p] + 1) pairs[p][1] = frame(f, x);
                    }
                    if (nonFinite != null) return pairs;
                }
            }
            return pairs;
        }

        List<Profile> profiles(List<Scored> candidates, TokenDistance metric, double u) throws IOException {
            List<Profile> profiles = new ArrayList<>();
            for (Scored s : candidates) profiles.add(new Profile(s.candidate()));
            try (TrajectorySource s = trajectory.open()) {
                double[] x = new double[n * d];
                Frame previous = null;
                for (long f = 0; s.next(x); f++) {
                    Frame current = frame(f, x);
                    if (nonFinite != null) break;
                    if (previous != null) {
                        Frame[] pair = {previous, current};
                        for (Profile p : profiles) {
                            Defect e = defect(p.candidate, p.intervals, pair, times, metric, n, d);
                            if (!(e.max <= p.max)) {
                                p.max = e.max;
                                p.worstFrame = e.frame;
                                p.worstToken = e.token;
                            }
                            if (e.max <= rounding(u, p.candidate)) p.atRounding++;
                            else if (p.firstOff < 0) p.firstOff = f;
                        }
                    }
                    previous = current;
                }
            }
            return profiles;
        }

        private Frame frame(long f, double[] raw) {
            double[] x = raw.clone();
            for (int k = 0; k < x.length; k++) {
                if (!Double.isFinite(x[k])) {
                    nonFinite = String.format(Locale.ROOT, "their frame %d, token %d, coordinate %d is %s", f, k / d, k % d, x[k]);
                    return null;
                }
            }
            if (zToX != null) zToX.apply(-times[(int) f], raw, x);
            if (!sphere) return new Frame(f, x, null);
            double[] r = new double[n];
            Validation.splitStream(x, r, n, d, name, f);
            return new Frame(f, x, r);
        }
    }

}
