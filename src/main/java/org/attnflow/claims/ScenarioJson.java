package org.attnflow.claims;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.attnflow.model.Method;

/**
 * Scenario files built in code: every simulation a claim runs is an ordinary scenario (read by the same
 * ScenarioReader as {@code simulate}), recorded in claims.json so that any run can be replayed by hand.
 */
final class ScenarioJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ScenarioJson() {}

    /** A sphere model with Q = K = V = I, uniform start, dopri5 at rtol 1e-8, atol 1e-10. */
    static ObjectNode sphere(String description, String mask, String normalization, double beta, int n, int d, long seed, double end, double saveEvery) {
        ObjectNode s = F.objectNode();
        s.put("description", description);
        ObjectNode m = s.putObject("model");
        m.put("geometry", "sphere");
        m.put("mask", mask);
        m.put("normalization", normalization);
        m.put("beta", beta);
        ObjectNode i = s.putObject("initial");
        i.put("n", n);
        i.put("d", d);
        i.put("kind", "uniform-sphere");
        i.put("seed", seed);
        time(s, end, saveEvery);
        solver(s, 1e-8, 1e-10);
        return s;
    }

    /** An M4 model (full, softmax) with Q = K = V = I and a Gaussian start of the given scale. */
    static ObjectNode euclidean(String description, double beta, int n, int d, long seed, double scale, double end, double saveEvery) {
        ObjectNode s = F.objectNode();
        s.put("description", description);
        ObjectNode m = s.putObject("model");
        m.put("geometry", "euclidean");
        m.put("mask", "full");
        m.put("normalization", "softmax");
        m.put("beta", beta);
        ObjectNode i = s.putObject("initial");
        i.put("n", n);
        i.put("d", d);
        i.put("kind", "gaussian");
        i.put("seed", seed);
        i.put("scale", scale);
        time(s, end, saveEvery);
        solver(s, 1e-9, 1e-12);
        return s;
    }

    static void time(ObjectNode s, double end, double saveEvery) {
        ObjectNode t = s.putObject("time");
        t.put("end", end);
        t.put("save_every", saveEvery);
    }

    static void solver(ObjectNode s, double rtol, double atol) {
        ObjectNode v = s.putObject("solver");
        v.put("method", Method.DOPRI5.key());
        v.put("rtol", rtol);
        v.put("atol", atol);
    }

    /** A literal matrix (rows). */
    static void matrix(ObjectNode s, String name, double[][] rows) {
        ArrayNode a = ((ObjectNode) s.get("model")).putArray(name);
        for (double[] r : rows) {
            ArrayNode row = a.addArray();
            for (double v : r) row.add(v);
        }
    }

    /** A Gaussian matrix {"random": "gaussian", "seed", "rows", "scale"}. */
    static void random(ObjectNode s, String name, long seed, int rows, double scale) {
        ObjectNode m = ((ObjectNode) s.get("model")).putObject(name);
        m.put("random", "gaussian");
        m.put("seed", seed);
        m.put("rows", rows);
        m.put("scale", scale);
    }

    /** Listed start points (replaces the generated start). */
    static void points(ObjectNode s, double[] x, int d) {
        ObjectNode i = s.putObject("initial");
        i.put("n", x.length / d);
        i.put("d", d);
        i.put("kind", "points");
        ArrayNode pts = i.putArray("points");
        for (int k = 0; k < x.length / d; k++) {
            ArrayNode p = pts.addArray();
            for (int c = 0; c < d; c++) p.add(x[k * d + c]);
        }
    }

    /** The normalisation scheme (spec/math.md §7.2) with its parameters (α for ngpt, τ for mix; else ignored). */
    static void layerNorm(ObjectNode s, String scheme, double alpha, double tau) {
        ObjectNode m = (ObjectNode) s.get("model");
        m.put("layer_norm", scheme);
        if (scheme.equals("ngpt")) m.put("ngpt_alpha", alpha);
        if (scheme.equals("mix")) m.put("mix_tau", tau);
    }

    /** The orthonormal start e_1 .. e_n (d ≥ n) with one radius r0 where the scheme carries it. */
    static void orthonormal(ObjectNode s, int n, int d, double r0, boolean radius) {
        ObjectNode i = s.putObject("initial");
        i.put("n", n);
        i.put("d", d);
        i.put("kind", "orthonormal");
        if (radius) i.put("radius", r0);
    }

    /** Radii per token (the scheme must carry them). */
    static void radius(ObjectNode s, double[] r) {
        ArrayNode a = ((ObjectNode) s.get("initial")).putArray("radius");
        for (double v : r) a.add(v);
    }

    /** True when the scheme key carries a radius (pre, peri, mix). */
    static boolean carriesRadius(String scheme) { return scheme.equals("pre") || scheme.equals("peri") || scheme.equals("mix"); }

    static double[][] diag(double... v) {
        double[][] m = new double[v.length][v.length];
        for (int i = 0; i < v.length; i++) m[i][i] = v[i];
        return m;
    }
}
