package org.attnflow.enclosure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;

/**
 * The independent solutions computed by mpmath's odefun (bench/enclosure/mpmath_solutions.py), stored in
 * src/test/resources/org/attnflow/enclosure/mpmath-solutions.json: each case's exact decimal inputs, the saved
 * times, the solution at each time and a bound on its error.
 */
record MpmathSolutions(String name, long seed, AttentionModel model, DecimalMatrix start, BigDecimal[] times,
                       BigDecimal[][] solution, BigDecimal errorBound) {

    static List<MpmathSolutions> load() {
        try (InputStream in = MpmathSolutions.class.getResourceAsStream("mpmath-solutions.json")) {
            if (in == null) throw new IllegalStateException("mpmath-solutions.json is missing from the test resources");
            List<MpmathSolutions> cases = new ArrayList<>();
            for (JsonNode c : new ObjectMapper().readTree(in).get("cases")) cases.add(parse(c));
            return cases;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read mpmath-solutions.json: " + e.getMessage(), e);
        }
    }

    static MpmathSolutions named(String name) {
        for (MpmathSolutions c : load()) if (c.name.equals(name)) return c;
        throw new IllegalStateException("no case " + name + " in mpmath-solutions.json");
    }

    static MpmathSolutions parse(JsonNode c) {
        AttentionModel model = new AttentionModel(Geometry.fromKey(c.get("geometry").asText()), Mask.fromKey(c.get("mask").asText()),
                Normalization.fromKey(c.get("normalization").asText()), new BigDecimal(c.get("beta").asText()),
                matrix(c.get("q")), matrix(c.get("k")), matrix(c.get("v")));
        JsonNode times = c.get("times"), solution = c.get("solution");
        BigDecimal[] t = new BigDecimal[times.size()];
        BigDecimal[][] x = new BigDecimal[times.size()][];
        for (int f = 0; f < t.length; f++) {
            t[f] = new BigDecimal(times.get(f).asText());
            x[f] = new BigDecimal[solution.get(f).size()];
            for (int i = 0; i < x[f].length; i++) x[f][i] = new BigDecimal(solution.get(f).get(i).asText());
        }
        return new MpmathSolutions(c.get("name").asText(), c.get("seed").asLong(), model, matrix(c.get("points")), t, x,
                new BigDecimal(c.get("error_bound").asText()));
    }

    private static DecimalMatrix matrix(JsonNode rows) {
        int r = rows.size(), cols = rows.get(0).size();
        BigDecimal[] e = new BigDecimal[r * cols];
        for (int i = 0; i < r; i++) for (int j = 0; j < cols; j++) e[i * cols + j] = new BigDecimal(rows.get(i).get(j).asText());
        return DecimalMatrix.of(r, cols, e);
    }

    /** The saved times as doubles; each must be exactly the decimal the case lists (they are short decimals). */
    double[] timesAsDoubles() {
        double[] d = new double[times.length + 1];
        for (int f = 0; f < times.length; f++) {
            d[f + 1] = times[f].doubleValue();
        }
        return d;
    }
}
