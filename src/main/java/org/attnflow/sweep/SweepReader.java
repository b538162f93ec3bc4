package org.attnflow.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.attnflow.io.InputException;
import org.attnflow.io.InputFiles;
import org.attnflow.io.JsonFields;
import org.attnflow.io.Json;
import org.attnflow.io.LoadedScenario;
import org.attnflow.io.ScenarioReader;
import org.attnflow.model.Geometry;
import org.attnflow.model.InitialKind;
import org.attnflow.model.Keys;
import org.attnflow.model.Scenario;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a sweep file (JSON) strictly into a {@link SweepSpec}, in the manner of {@link ScenarioReader}: exact
 * decimals, duplicate keys and unknown keys are errors, and every error is an {@link InputException} of one line
 * naming the file and the key's path. The base scenario is read by {@link ScenarioReader} itself, and so is the
 * scenario of every combination of the axes (with its first seed) before anything runs, so that a sweep cannot
 * fail half-way on an input error.
 *
 * <pre>
 * { "description": "...",
 *   "base": SCENARIO | "scenario.json",                    (a path is relative to the sweep file)
 *   "axes": { "beta": LIST | {"from": 0.5, "to": 10, "step": 0.5},
 *             "n": INTS, "d": INTS,                        (INTS = list | {"from", "to", "step"})
 *             "V": {"name": MATRIX, ...},
 *             "seeds": [1, 2, 3] | {"from": 1, "count": 32} },
 *   "statistics": ["pair-clustered-fraction", "cluster-count", "renyi-strong", "renyi-ordinary", "distance-to-final-cluster"],
 *   "pair_threshold": 0.999, "renyi_c": 4,
 *   "aggregate": ["mean", "sd", "min", "max", "p10", "p50", "p90"],
 *   "figure": {"statistic": "pair-clustered-fraction", "aggregate": "mean"} }     (or "figure": false: no phase diagrams)
 * </pre>
 */
public final class SweepReader {
    private static final List<String> TOP_KEYS = List.of("description", "base", "axes", "statistics", "pair_threshold", "renyi_c", "aggregate", "figure");
    private static final List<String> AXIS_KEYS = List.of("beta", "n", "d", "V", "seeds");
    private static final List<String> RANGE_KEYS = List.of("from", "to", "step");
    private static final List<String> SEED_RANGE_KEYS = List.of("from", "count");
    private static final List<String> FIGURE_KEYS = List.of("statistic", "aggregate");
    private static final List<String> DEFAULT_AGGREGATES = List.of("mean", "p10", "p50", "p90");
    private static final Pattern V_NAME = Pattern.compile("[A-Za-z0-9_.+-]+");
    /** Upper bound on one axis' length, so that a range typo cannot allocate without bound. */
    private static final int MAX_AXIS = 1_000_000;

    private final String origin;
    private final JsonFields fields;
    private final Path directory;

    private SweepReader(String origin, Path directory) {
        this.origin = origin;
        this.fields = new JsonFields(origin);
        this.directory = directory;
    }

    /** Reads and validates the sweep file {@code file}. */
    public static SweepSpec read(Path file) {
        String text = InputFiles.readText(file, "sweep");
        Path dir = file.toAbsolutePath().getParent();
        return new SweepReader(file.toString(), dir).parse(text);
    }

    /** Parses and validates sweep JSON; {@code origin} names it in messages; a base given as a path is relative to {@code directory}. */
    public static SweepSpec parse(String json, String origin, Path directory) {
        return new SweepReader(origin, directory).parse(json);
    }

    private SweepSpec parse(String json) {
        ObjectNode source = fields.document(json, "sweep", TOP_KEYS);

        LoadedScenario loaded = base(source.get("base"));
        Scenario base = loaded.scenario();
        ObjectNode resolvedBase = loaded.source();
        if (base.model().geometry() != Geometry.SPHERE) {
            throw fields.error("base.model.geometry", "sweeps record statistics of tokens on the sphere; the base scenario's geometry is " + base.model().geometry().key());
        }

        ObjectNode axes = source.has("axes") ? fields.object(source.get("axes"), "axes") : Json.MAPPER.createObjectNode();
        fields.onlyKeys(axes, "axes", AXIS_KEYS);
        InitialKind kind = base.initial().kind();
        boolean random = kind == InitialKind.UNIFORM_SPHERE || kind == InitialKind.GAUSSIAN;
        if (kind == InitialKind.POINTS) {
            for (String key : List.of("n", "d")) {
                if (axes.has(key)) throw fields.error("axes." + key, "cannot vary: the base scenario lists its points (initial.kind points)");
            }
        }
        if (!random && axes.has("seeds")) {
            throw fields.error("axes.seeds", "has no effect: the base scenario's start (initial.kind " + kind.key() + ") is not random");
        }
        List<BigDecimal> betas = axes.has("beta") ? betas(axes.get("beta")) : List.of(base.model().beta());
        List<Integer> ns = axes.has("n") ? ints(axes.get("n"), "axes.n") : List.of(base.tokens());
        List<Integer> ds = axes.has("d") ? ints(axes.get("d"), "axes.d") : List.of(base.dimension());
        Map<String, JsonNode> vs = axes.has("V") ? vChoices(axes.get("V")) : singleBaseV();
        List<Long> seeds = axes.has("seeds") ? seeds(axes.get("seeds"))
                : random ? List.of(resolvedBase.path("initial").path("seed").longValue()) : nullSeed();

        List<Statistic> statistics = statistics(source.get("statistics"));
        double pairThreshold = source.has("pair_threshold") ? fields.finite(source.get("pair_threshold"), "pair_threshold").doubleValue()
                : StatisticSettings.DEFAULT.pairThreshold();
        if (!(pairThreshold > -1 && pairThreshold < 1)) throw fields.error("pair_threshold", "an inner-product threshold must be in (-1, 1), got " + pairThreshold);
        double renyiC = source.has("renyi_c") ? fields.finite(source.get("renyi_c"), "renyi_c").doubleValue() : StatisticSettings.DEFAULT.renyiC();
        if (!(renyiC > 0)) throw fields.error("renyi_c", "must be > 0, got " + renyiC);
        for (Statistic s : statistics) {
            if (s.needsPositiveBeta()) {
                for (BigDecimal b : betas) {
                    if (b.signum() <= 0) throw fields.error(axes.has("beta") ? "axes.beta" : "base.model.beta", s.key() + " needs beta > 0 (delta = c beta^-1/2), got beta = " + b.toPlainString());
                }
            }
        }
        List<Aggregate> aggregates = aggregates(source.get("aggregate"));
        Statistic figureStatistic = statistics.get(0);
        Aggregate figureAggregate = aggregates.get(0);
        if (source.has("figure") && source.get("figure").isBoolean() && !source.get("figure").booleanValue()) {
            figureStatistic = null; // "figure": false: the aggregate table only (a benchmark's job, a cluster's batch)
            figureAggregate = null;
        } else if (source.has("figure")) {
            ObjectNode figure = fields.object(source.get("figure"), "figure");
            fields.onlyKeys(figure, "figure", FIGURE_KEYS);
            if (figure.has("statistic")) {
                figureStatistic = fields.choice(figure.get("statistic"), "figure.statistic", Statistic.class);
                if (!statistics.contains(figureStatistic)) throw fields.error("figure.statistic", figureStatistic.key() + " is not among the recorded statistics");
            }
            if (figure.has("aggregate")) {
                String key = fields.text(figure.get("aggregate"), "figure.aggregate");
                figureAggregate = aggregates.stream().filter(a -> a.key().equals(key)).findFirst()
                        .orElseThrow(() -> fields.error("figure.aggregate", "'" + key + "' is not among the aggregates " + aggregates.stream().map(Aggregate::key).toList()));
            }
        }

        long runs = (long) betas.size() * ns.size() * ds.size() * vs.size() * seeds.size();
        if (runs > SweepSpec.MAX_RUNS) throw fields.error("axes", "the axes give " + runs + " runs; at most " + SweepSpec.MAX_RUNS + " are allowed in one sweep");

        if (axes.has("seeds")) {
            // the seeds axis replaces the base's initial.seed (written, or generated by the scenario reader): the
            // resolved base carries the first seed, so that sweep.json holds no seed that is never used
            resolvedBase.withObjectProperty("initial").put("seed", seeds.get(0));
        }
        ObjectNode resolved = source.deepCopy();
        resolved.set("base", resolvedBase);
        // in the form it has when read back from sweep.json (numbers as the reader makes them), so that a sweep
        // and its re-read record compare equal
        resolved = reread(resolved);
        resolvedBase = (ObjectNode) resolved.get("base");
        SweepSpec spec = new SweepSpec(source, resolved, resolvedBase, betas, ns, ds, vs, seeds, axes.has("n"), axes.has("d"),
                statistics, new StatisticSettings(pairThreshold, renyiC), aggregates, figureStatistic, figureAggregate, base.time().times());
        checkEveryCombination(spec);
        return spec;
    }

    // ---------------------------------------------------------------- sections

    private LoadedScenario base(JsonNode node) {
        if (node == null) throw fields.error("base", "is required (a scenario object, or the path of a scenario file)");
        if (node.isTextual()) {
            Path file = directory == null ? Path.of(node.asText()) : directory.resolve(node.asText());
            try {
                return ScenarioReader.read(file);
            } catch (InputException e) {
                throw new InputException(origin + ": base: " + e.getMessage(), e);
            }
        }
        if (!node.isObject()) throw fields.error("base", "expected a scenario object or a file path, got " + JsonFields.describe(node));
        return ScenarioReader.parse(write(node), origin + ": base");
    }

    /**
     * Reads the scenario of every combination of the axes but the seed (with the first seed) as simulate would, so
     * that an input error of one combination (a V choice that does not fit some d, a method that cannot run some
     * model: {@link org.attnflow.model.Method#unsupported}) is reported before any run starts. The reader checks
     * every combination of settings through the model's types; nothing is built or run here.
     */
    private void checkEveryCombination(SweepSpec spec) {
        int seeds = spec.seeds().size();
        for (int g = 0; g < spec.groupCount(); g++) {
            RunPoint p = spec.run(g * seeds);
            ScenarioReader.parse(spec.scenario(p), origin + " (run " + p.describe() + ")");
        }
    }

    /**
     * One axis: a range object ({@code range} reads it, after its keys are checked against {@code rangeKeys}) or a
     * non-empty list ({@code element} reads each entry), without a value twice ({@code identity}: what counts as the
     * same value).
     */
    private <T> List<T> axis(JsonNode node, String path, List<String> rangeKeys, Function<ObjectNode, List<T>> range,
                             BiFunction<JsonNode, String, T> element, Function<T, Object> identity) {
        List<T> values = new ArrayList<>();
        if (node.isObject()) {
            ObjectNode r = (ObjectNode) node;
            fields.onlyKeys(r, path, rangeKeys);
            values.addAll(range.apply(r));
        } else {
            for (JsonNode v : fields.list(node, path)) values.add(element.apply(v, path + "[" + values.size() + "]"));
        }
        noDuplicates(values.stream().map(identity).toList(), path);
        return values;
    }

    private List<BigDecimal> betas(JsonNode node) {
        String path = "axes.beta";
        List<BigDecimal> values = axis(node, path, RANGE_KEYS, range -> {
            BigDecimal from = fields.finite(fields.required(range, "from", path), path + ".from");
            BigDecimal to = fields.finite(fields.required(range, "to", path), path + ".to");
            BigDecimal step = fields.finite(fields.required(range, "step", path), path + ".step");
            if (step.signum() <= 0) throw fields.error(path + ".step", "must be > 0, got " + step);
            if (to.compareTo(from) < 0) throw fields.error(path, "to (" + to + ") is below from (" + from + ")");
            // from + k·step exactly, for k = 0, 1, ... while <= to: no accumulated rounding.
            List<BigDecimal> l = new ArrayList<>();
            for (int k = 0; ; k++) {
                BigDecimal b = from.add(step.multiply(BigDecimal.valueOf(k)));
                if (b.compareTo(to) > 0) break;
                if (l.size() == MAX_AXIS) throw fields.error(path, "gives more than " + MAX_AXIS + " values");
                l.add(b);
            }
            return l;
        }, fields::finite, BigDecimal::stripTrailingZeros);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).signum() < 0) throw fields.error(path + (node.isObject() ? ".from" : "[" + i + "]"), "beta must be >= 0, got " + values.get(i).toPlainString());
        }
        return values;
    }

    private List<Integer> ints(JsonNode node, String path) {
        return axis(node, path, RANGE_KEYS, range -> {
            int from = fields.positiveInt(fields.required(range, "from", path), path + ".from");
            int to = fields.positiveInt(fields.required(range, "to", path), path + ".to");
            int step = range.has("step") ? fields.positiveInt(range.get("step"), path + ".step") : 1;
            if (to < from) throw fields.error(path, "to (" + to + ") is below from (" + from + ")");
            if ((to - from) / step >= MAX_AXIS) throw fields.error(path, "gives more than " + MAX_AXIS + " values");
            List<Integer> l = new ArrayList<>();
            for (long v = from; v <= to; v += step) l.add((int) v);
            return l;
        }, fields::positiveInt, v -> v);
    }

    private List<Long> seeds(JsonNode node) {
        String path = "axes.seeds";
        return axis(node, path, SEED_RANGE_KEYS, range -> {
            long from = fields.seed(fields.required(range, "from", path), path + ".from");
            int count = fields.positiveInt(fields.required(range, "count", path), path + ".count");
            if (count > MAX_AXIS) throw fields.error(path + ".count", "at most " + MAX_AXIS + " seeds, got " + count);
            if (from > Long.MAX_VALUE - count) throw fields.error(path, "from + count overflows a 64-bit seed");
            List<Long> l = new ArrayList<>();
            for (int k = 0; k < count; k++) l.add(from + k);
            return l;
        }, fields::seed, v -> v);
    }

    private Map<String, JsonNode> vChoices(JsonNode node) {
        String path = "axes.V";
        if (!node.isObject() || node.isEmpty()) {
            throw fields.error(path, "expected a non-empty object naming each choice, e.g. {\"identity\": \"identity\", \"minus\": {\"scaled_identity\": -1}}, got " + JsonFields.describe(node));
        }
        Map<String, JsonNode> choices = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!V_NAME.matcher(e.getKey()).matches()) {
                throw fields.error(path + "." + e.getKey(), "a choice's name is letters, digits and _ . + - only (it names output files)");
            }
            choices.put(e.getKey(), e.getValue());
        }
        return choices;
    }

    private List<Statistic> statistics(JsonNode node) {
        if (node == null) throw fields.error("statistics", "is required: a list of " + Keys.choices(Statistic.class));
        List<Statistic> values = new ArrayList<>();
        for (JsonNode v : fields.list(node, "statistics")) values.add(fields.choice(v, "statistics[" + values.size() + "]", Statistic.class));
        noDuplicates(values, "statistics");
        return values;
    }

    private List<Aggregate> aggregates(JsonNode node) {
        List<String> keys = new ArrayList<>();
        if (node == null) {
            keys.addAll(DEFAULT_AGGREGATES);
        } else {
            for (JsonNode v : fields.list(node, "aggregate")) keys.add(fields.text(v, "aggregate[" + keys.size() + "]"));
        }
        noDuplicates(keys, "aggregate");
        List<Aggregate> values = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            try {
                values.add(Aggregate.of(keys.get(i)));
            } catch (IllegalArgumentException e) {
                throw fields.error("aggregate[" + i + "]", e.getMessage());
            }
        }
        return values;
    }

    private static Map<String, JsonNode> singleBaseV() {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        m.put(SweepSpec.BASE_V, null);
        return m;
    }

    private static List<Long> nullSeed() {
        List<Long> l = new ArrayList<>();
        l.add(null);
        return l;
    }

    // ---------------------------------------------------------------- checks

    private <T> void noDuplicates(List<T> values, String path) {
        Set<T> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (!seen.add(values.get(i))) throw fields.error(path, "lists " + values.get(i) + " twice (each run would be done twice)");
        }
    }

    private static ObjectNode reread(ObjectNode node) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(write(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
