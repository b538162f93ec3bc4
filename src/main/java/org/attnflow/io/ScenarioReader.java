package org.attnflow.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Geometry;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.Head;
import org.attnflow.model.HeadCombine;
import org.attnflow.model.InitialKind;
import org.attnflow.model.Keys;
import org.attnflow.model.LayerNorm;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;
import org.attnflow.model.StepRule;
import org.attnflow.model.TimeGrid;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Reads a scenario file (JSON) strictly into a {@link Scenario}. The keys are a public interface (README,
 * "Scenario format"):
 *
 * <pre>
 * { "description": "free text (optional)",
 *   "model":   { "geometry": "sphere|euclidean", "mask": "full|causal", "normalization": "softmax|mean|none|count-n",
 *                "beta": 1, "Q": MATRIX, "K": MATRIX, "V": MATRIX,
 *                  or "heads": [{"Q": MATRIX, "K": MATRIX, "V": MATRIX, "beta": 1}, ...], "head_combine": "sum|mean",
 *                "layer_norm": "post|pre|peri|ngpt|mix|ln-scaling", "ngpt_alpha": α, "mix_tau": τ,
 *                "schedule": [{"until": t, "beta"|"Q"|"K"|"V"|"heads"|"ngpt_alpha": ...}, ...] },
 *   "initial": { "n": 32, "d": 2, "kind": "uniform-sphere|gaussian|orthonormal|points", "seed": 1,
 *                "scale": 1, "points": [[...], ...], "radius": 1 | [r_1, ..., r_n] },
 *   "time":    { "end": 10, "save_every": 0.5 }            or { "end": 10, "save_times": [...] }
 *   "solver":  { "method": "dopri5", "step": 0.1, "rtol": 1e-8, "atol": 1e-10, "digits": 50,
 *                "field": "auto|scalar|symmetric|simd|fourier", "threads": 0 } }
 * MATRIX = "identity" | [[...], ...] | {"scaled_identity": λ}
 *        | {"random": "gaussian", "seed": 3, "rows": m, "scale": s}
 * </pre>
 *
 * <p>Every number is kept as the exact decimal written (see {@link Json}). Every error is an
 * {@link InputException} naming the file and the key's path ({@code model.Q[1][0]}), and nothing is silently
 * ignored: an unknown key, or a key that has no effect in its context (a seed for listed points), is an error.
 * The JSON checks are {@link JsonFields}' (shared with the sweep reader); what the values must satisfy beyond
 * their JSON shape the model types check themselves, with an IllegalArgumentException that this reader turns into
 * an input error in one place ({@link #parse(String)}); which solver keys go with which method is the
 * {@link Method}'s to say.
 *
 * <p>Generated seeds: a random start or matrix without a seed gets a fresh one, which is written into the
 * returned {@link LoadedScenario#source()}, so that the source re-read gives the same scenario.
 */
public final class ScenarioReader {

    /**
     * Points listed for a sphere run must satisfy |‖x_i‖ − 1| ≤ this (‖x_i‖ computed exactly from the decimals
     * written). Accepted points are kept as written; each solver normalises them at its own working precision.
     */
    public static final double UNIT_NORM_TOLERANCE = 1e-6;

    /** |‖x‖² − 1| in double precision below which a start point needs no exact check (see requireUnitNorms). */
    private static final double CLEARLY_UNIT = 1e-7;

    /** Upper bound on n·d: a state must fit a Java array of doubles. */
    private static final long MAX_STATE = Integer.MAX_VALUE / 8;

    private static final List<String> TOP_KEYS = List.of("description", "model", "initial", "time", "solver");
    private static final List<String> MODEL_KEYS = List.of("geometry", "mask", "normalization", "beta", "Q", "K", "V", "heads",
            "head_combine", "layer_norm", "ngpt_alpha", "mix_tau", "schedule");
    private static final List<String> HEAD_KEYS = List.of("Q", "K", "V", "beta");
    private static final List<String> MATRIX_KEYS = List.of("Q", "K", "V");
    /** What a schedule piece may set: the weights (and nGPT's α), beside its end time. */
    private static final List<String> PIECE_KEYS = List.of("until", "beta", "Q", "K", "V", "heads", "ngpt_alpha");
    private static final List<String> INITIAL_KEYS = List.of("n", "d", "kind", "seed", "scale", "points", "radius");
    private static final List<String> TIME_KEYS = List.of("end", "save_every", "save_times");
    private static final List<String> SOLVER_KEYS = List.of("method", "step", "step_rule", "rtol", "atol", "digits", "field", "threads");
    private static final List<String> RANDOM_MATRIX_KEYS = List.of("random", "seed", "rows", "scale");
    private static final BigDecimal DEFAULT_BETA = BigDecimal.ONE;

    private final String origin;
    private final JsonFields fields;

    private ScenarioReader(String origin) {
        this.origin = origin;
        this.fields = new JsonFields(origin);
    }

    /** Reads and validates the scenario file {@code file}. */
    public static LoadedScenario read(Path file) {
        String text = InputFiles.readText(file, "scenario");
        return parse(text, file.toString());
    }

    /** Parses and validates scenario JSON; {@code origin} names it in error messages (a file name). */
    public static LoadedScenario parse(String json, String origin) {
        return new ScenarioReader(origin).parse(json);
    }

    /**
     * Validates a scenario already parsed: {@code document} must be what {@link Json#MAPPER} makes of its text (its
     * numbers as BigDecimal and BigInteger nodes), so that reading it equals parsing its text. A sweep's runs take
     * this path: each is the parsed base with its coordinates set, and skips a round trip through text.
     */
    public static LoadedScenario parse(ObjectNode document, String origin) {
        ScenarioReader reader = new ScenarioReader(origin);
        return reader.validate(reader.fields.document(document, TOP_KEYS));
    }

    private LoadedScenario parse(String json) {
        return validate(fields.document(json, "scenario", TOP_KEYS));
    }

    private LoadedScenario validate(ObjectNode source) {
        try {
            ObjectNode initialSection = fields.section(source, "initial", true);
            InitialCondition initial = initial(initialSection);
            AttentionModel model = model(fields.section(source, "model", true), initial.d());
            if (initialSection.has("radius") && !model.carriesRadius()) {
                throw fields.error("initial.radius", "has no effect with model.layer_norm " + model.layerNorm().key()
                        + " (only pre, peri and mix carry a radius)");
            }
            TimeGrid time = time(fields.section(source, "time", true));
            ObjectNode solverSection = fields.section(source, "solver", false);
            SolverSettings solver = stepRule(solver(solverSection), solverSection, model);
            String unsupported = solver.method().unsupported(model, initial.n());
            if (unsupported != null) throw fields.error("solver.method", unsupported);
            String fieldCannot = solver.field().unsupported(model);
            if (fieldCannot != null) throw fields.error("solver.field", fieldCannot);
            if (model.geometry() == Geometry.SPHERE) requireUnitNorms(initial);
            return new LoadedScenario(new Scenario(model, initial, time, solver), source);
        } catch (IllegalArgumentException e) {
            // the one place where the model's refusals become input errors: the model types throw
            // IllegalArgumentException with the key's path first ("time.save_every: gives ... frames"), and the
            // checks above leave them only what they alone know
            throw new InputException(origin + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- sections

    private InitialCondition initial(ObjectNode s) {
        fields.onlyKeys(s, "initial", INITIAL_KEYS);
        JsonNode pointsNode = s.get("points");
        InitialKind kind = s.has("kind") ? fields.choice(s.get("kind"), "initial.kind", InitialKind.class)
                : pointsNode != null ? InitialKind.POINTS : null;
        if (kind == null) throw fields.error("initial.kind", "is required (" + Keys.choices(InitialKind.class) + ")");
        if (kind != InitialKind.POINTS && pointsNode != null) {
            throw fields.error("initial.points", "is only read when initial.kind is points, but kind is " + kind.key());
        }
        if (kind != InitialKind.GAUSSIAN && s.has("scale")) {
            throw fields.error("initial.scale", "is only read when initial.kind is gaussian, but kind is " + kind.key());
        }
        boolean seeded = kind == InitialKind.UNIFORM_SPHERE || kind == InitialKind.GAUSSIAN;
        if (!seeded && s.has("seed")) {
            throw fields.error("initial.seed", "has no effect for initial.kind " + kind.key() + " (it is not random)");
        }
        Integer n = s.has("n") ? fields.positiveInt(s.get("n"), "initial.n") : null;
        Integer d = s.has("d") ? fields.positiveInt(s.get("d"), "initial.d") : null;

        if (kind == InitialKind.POINTS) {
            if (pointsNode == null) throw fields.error("initial.points", "is required when initial.kind is points");
            DecimalMatrix points = matrixLiteral(pointsNode, "initial.points", -1, -1);
            if (n != null && n != points.rows()) {
                throw fields.error("initial.points", "n·d mismatch: " + points.rows() + " points listed but initial.n = " + n);
            }
            if (d != null && d != points.cols()) {
                throw fields.error("initial.points", "n·d mismatch: points have " + points.cols() + " coordinates but initial.d = " + d);
            }
            checkStateSize("initial.points", points.rows(), points.cols());
            return InitialCondition.of(points).withRadius(radius(s, points.rows()));
        }
        if (n == null) throw fields.error("initial.n", "is required for initial.kind " + kind.key());
        if (d == null) throw fields.error("initial.d", "is required for initial.kind " + kind.key());
        checkStateSize("initial", n, d);
        Long seed = seeded ? seed(s, "initial") : null;
        double scale = s.has("scale") ? fields.positiveFinite(s.get("scale"), "initial.scale").doubleValue() : 1.0;
        return InitialCondition.generate(kind, n, d, seed, scale).withRadius(radius(s, n));
    }

    /** {@code initial.radius}: one number for every token, or a list of n numbers; each > 0. Absent: 1. */
    private List<BigDecimal> radius(ObjectNode s, int n) {
        JsonNode node = s.get("radius");
        if (node == null) return InitialCondition.unitRadii(n);
        if (node.isNumber()) return java.util.Collections.nCopies(n, fields.positiveFinite(node, "initial.radius"));
        if (!node.isArray()) throw fields.error("initial.radius", "expected a number or a list of n = " + n + " numbers, got " + JsonFields.describe(node));
        if (node.size() != n) throw fields.error("initial.radius", "needs one radius per token: n = " + n + ", got " + node.size());
        List<BigDecimal> r = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) r.add(fields.positiveFinite(node.get(i), "initial.radius[" + i + "]"));
        return r;
    }

    private AttentionModel model(ObjectNode s, int d) {
        fields.onlyKeys(s, "model", MODEL_KEYS);
        if (!s.has("geometry")) throw fields.error("model.geometry", "is required (" + Keys.choices(Geometry.class) + ")");
        Geometry geometry = fields.choice(s.get("geometry"), "model.geometry", Geometry.class);
        Mask mask = s.has("mask") ? fields.choice(s.get("mask"), "model.mask", Mask.class) : Mask.FULL;
        Normalization normalization = s.has("normalization")
                ? fields.choice(s.get("normalization"), "model.normalization", Normalization.class) : Normalization.SOFTMAX;
        BigDecimal beta = s.has("beta") ? fields.finite(s.get("beta"), "model.beta") : DEFAULT_BETA;
        if (s.has("head_combine") && !s.has("heads")) throw fields.error("model.head_combine", "is only read with model.heads");
        HeadCombine combine = s.has("head_combine") ? fields.choice(s.get("head_combine"), "model.head_combine", HeadCombine.class) : HeadCombine.SUM;
        LayerNorm layerNorm = s.has("layer_norm") ? fields.choice(s.get("layer_norm"), "model.layer_norm", LayerNorm.class) : LayerNorm.POST;
        BigDecimal alpha = s.has("ngpt_alpha") ? fields.finite(s.get("ngpt_alpha"), "model.ngpt_alpha") : null;
        BigDecimal tau = s.has("mix_tau") ? fields.finite(s.get("mix_tau"), "model.mix_tau") : null;
        List<Head> heads = heads(s, "model", beta, d);
        List<AttentionModel.Piece> schedule = new java.util.ArrayList<>();
        if (s.has("schedule")) {
            List<JsonNode> pieces = fields.list(s.get("schedule"), "model.schedule");
            for (int i = 0; i < pieces.size(); i++) {
                String at = "model.schedule[" + i + "]";
                ObjectNode piece = fields.object(pieces.get(i), at);
                fields.onlyKeys(piece, at, PIECE_KEYS);
                BigDecimal until = fields.finite(fields.required(piece, "until", at), at + ".until");
                BigDecimal pieceBeta = piece.has("beta") ? fields.finite(piece.get("beta"), at + ".beta") : beta;
                BigDecimal pieceAlpha = piece.has("ngpt_alpha") ? fields.finite(piece.get("ngpt_alpha"), at + ".ngpt_alpha") : alpha;
                List<Head> pieceHeads = heads(inherit(s, piece), at, pieceBeta, d);
                schedule.add(new AttentionModel.Piece(until, new AttentionModel(geometry, mask, normalization, pieceBeta, pieceHeads, combine,
                        layerNorm, pieceAlpha, tau, List.of())));
            }
        }
        return new AttentionModel(geometry, mask, normalization, beta, heads, combine, layerNorm, alpha, tau, schedule);
    }

    /**
     * The weights of a schedule piece: the model's, with the piece's own keys in their place (a piece with heads
     * replaces the model's Q, K, V; a piece with Q, K or V replaces the model's heads). The nodes are shared, not
     * copied, so that a seed generated for a piece's random matrix is written into the source.
     */
    private static ObjectNode inherit(ObjectNode model, ObjectNode piece) {
        ObjectNode merged = Json.MAPPER.createObjectNode();
        boolean ownMatrices = piece.has("Q") || piece.has("K") || piece.has("V");
        if (piece.has("heads")) {
            merged.set("heads", piece.get("heads"));
            for (String name : MATRIX_KEYS) if (piece.has(name)) merged.set(name, piece.get(name)); // refused by heads()
        } else if (!ownMatrices && model.has("heads")) {
            merged.set("heads", model.get("heads"));
        } else if (!model.has("heads") || ownMatrices) {
            for (String name : MATRIX_KEYS) {
                if (piece.has(name)) merged.set(name, piece.get(name));
                else if (model.has(name)) merged.set(name, model.get(name));
            }
        }
        return merged;
    }

    /**
     * The heads of a model section (or a schedule piece) at {@code path}: its {@code heads} list, each head an object
     * with Q, K, V and optionally beta (default {@code beta}); or, without {@code heads}, one head of the section's
     * own Q, K, V (each the identity when absent).
     */
    private List<Head> heads(ObjectNode s, String path, BigDecimal beta, int d) {
        if (!s.has("heads")) {
            return List.of(new Head(beta, matrix(s, path, "Q", d, false), matrix(s, path, "K", d, false), matrix(s, path, "V", d, true)));
        }
        for (String name : MATRIX_KEYS) {
            if (s.has(name)) {
                throw fields.error(path + ".heads", "give Q, K and V per head, not at the top level as well (" + path + "." + name + " is set)");
            }
        }
        JsonNode list = s.get("heads");
        if (!list.isArray()) throw fields.error(path + ".heads", "expected a list of heads {\"Q\": ..., \"K\": ..., \"V\": ...}, got " + JsonFields.describe(list));
        if (list.isEmpty()) throw fields.error(path + ".heads", "must list at least one head, got an empty list");
        List<Head> heads = new java.util.ArrayList<>();
        for (int h = 0; h < list.size(); h++) {
            String at = path + ".heads[" + h + "]";
            ObjectNode head = fields.object(list.get(h), at);
            fields.onlyKeys(head, at, HEAD_KEYS);
            BigDecimal headBeta = head.has("beta") ? fields.finite(head.get("beta"), at + ".beta") : beta;
            heads.add(new Head(headBeta, matrix(head, at, "Q", d, false), matrix(head, at, "K", d, false), matrix(head, at, "V", d, true)));
        }
        return heads;
    }

    private TimeGrid time(ObjectNode s) {
        fields.onlyKeys(s, "time", TIME_KEYS);
        BigDecimal end = s.has("end") ? fields.finite(s.get("end"), "time.end") : null;
        if (end != null && end.signum() < 0) throw fields.error("time.end", "must be >= 0, got " + end);
        boolean every = s.has("save_every");
        boolean listed = s.has("save_times");
        if (every == listed) {
            throw fields.error("time", every ? "give save_every or save_times, not both" : "needs save_every or save_times");
        }
        if (every) {
            if (end == null) throw fields.error("time.end", "is required with time.save_every");
            BigDecimal step = fields.finite(s.get("save_every"), "time.save_every");
            if (step.signum() <= 0) throw fields.error("time.save_every", "must be > 0, got " + step);
            return TimeGrid.every(end.doubleValue(), step.doubleValue());
        }
        JsonNode list = s.get("save_times");
        if (!list.isArray() || list.isEmpty()) throw fields.error("time.save_times", "expected a non-empty list of times, got " + JsonFields.describe(list));
        double[] t = new double[list.size()];
        for (int i = 0; i < t.length; i++) {
            String path = "time.save_times[" + i + "]";
            BigDecimal ti = fields.finite(list.get(i), path);
            if (ti.signum() < 0) throw fields.error(path, "must be >= 0, got " + ti);
            t[i] = ti.doubleValue();
            if (i > 0 && !(t[i] > t[i - 1])) throw fields.error(path, "save times must be strictly increasing, got " + list.get(i - 1) + " then " + ti);
        }
        if (end != null) {
            if (t[t.length - 1] > end.doubleValue()) throw fields.error("time.save_times", "the last save time " + list.get(t.length - 1) + " is after time.end = " + end);
            if (t[t.length - 1] < end.doubleValue()) {
                t = Arrays.copyOf(t, t.length + 1);
                t[t.length - 1] = end.doubleValue();
            }
        }
        return TimeGrid.of(t);
    }

    /**
     * The solver section. Which of digits, step, rtol and atol the method needs, reads or refuses is the
     * {@link Method}'s to say ({@link Method#check}): this reader asks it for every key, given or not.
     */
    private SolverSettings solver(ObjectNode s) {
        fields.onlyKeys(s, "solver", SOLVER_KEYS);
        Method method = s.has("method") ? fields.choice(s.get("method"), "solver.method", Method.class) : Method.DEFAULT;
        Integer digits = null;
        if (s.has("digits")) {
            digits = fields.positiveInt(s.get("digits"), "solver.digits");
            String few = SolverSettings.digitsOutOfRange(digits);
            if (few != null) throw fields.error("solver.digits", few);
        }
        for (Method.Setting setting : Method.Setting.values()) {
            String why = method.check(setting, s.has(setting.key()));
            if (why != null) throw fields.error(setting.path(), why);
        }
        Double step = s.has("step") ? fields.positiveFinite(s.get("step"), "solver.step").doubleValue() : null;
        double rtol = s.has("rtol") ? fields.positiveFinite(s.get("rtol"), "solver.rtol").doubleValue() : SolverSettings.DEFAULT_RTOL;
        double atol = SolverSettings.DEFAULT_ATOL;
        if (s.has("atol")) {
            BigDecimal a = fields.finite(s.get("atol"), "solver.atol");
            if (a.signum() < 0) throw fields.error("solver.atol", "must be >= 0, got " + a);
            atol = a.doubleValue();
        }
        String enclosureDigits = method == Method.ENCLOSURE && digits != null ? Method.enclosureDigitsOutOfRange(digits) : null;
        if (enclosureDigits != null) throw fields.error("solver.digits", enclosureDigits);
        FieldKind field = s.has("field") ? fields.choice(s.get("field"), "solver.field", FieldKind.class) : FieldKind.AUTO;
        int threads = s.has("threads") ? fields.nonNegativeInt(s.get("threads"), "solver.threads") : 0;
        return new SolverSettings(method, step, rtol, atol, digits, field, threads);
    }

    /**
     * {@code solver.step_rule} ({@link StepRule}): the settings with the step the rule gives for this model (the
     * written step stays in the file and in run.json's scenario; the integrators take the effective one).
     */
    private SolverSettings stepRule(SolverSettings solver, ObjectNode s, AttentionModel model) {
        if (s == null || !s.has("step_rule")) return solver;
        StepRule rule = fields.choice(s.get("step_rule"), "solver.step_rule", StepRule.class);
        String why = rule.unsupported(model, solver.method());
        if (why != null) throw fields.error("solver.step_rule", why);
        if (rule == StepRule.AS_GIVEN) return solver;
        return new SolverSettings(solver.method(), rule.effective(solver.step(), model), solver.rtol(), solver.atol(), solver.digits(), solver.field(),
                solver.threads());
    }

    // ---------------------------------------------------------------- matrices

    /**
     * Q or K (m×d, {@code square} false) or V (d×d): "identity", a nested list, {"scaled_identity": λ} or
     * {"random": "gaussian", "seed": s, "rows": m, "scale": c}. Absent means the identity.
     */
    private DecimalMatrix matrix(ObjectNode model, String section, String name, int d, boolean square) {
        String path = section + "." + name;
        JsonNode node = model.get(name);
        if (node == null) return DecimalMatrix.identity(d);
        if (node.isTextual()) {
            if (!node.asText().equals("identity")) {
                throw fields.error(path, "'" + node.asText() + "' is not a matrix: expected \"identity\", a list of rows, "
                        + "{\"scaled_identity\": λ} or {\"random\": \"gaussian\", ...}");
            }
            return DecimalMatrix.identity(d);
        }
        if (node.isArray()) return matrixLiteral(node, path, square ? d : -1, d);
        if (!node.isObject()) throw fields.error(path, "expected a matrix, got " + JsonFields.describe(node));
        ObjectNode spec = (ObjectNode) node;
        if (spec.has("scaled_identity")) {
            fields.onlyKeys(spec, path, List.of("scaled_identity"));
            return DecimalMatrix.scaledIdentity(d, fields.finite(spec.get("scaled_identity"), path + ".scaled_identity"));
        }
        if (!spec.has("random")) {
            throw fields.error(path, "a matrix object is {\"scaled_identity\": λ} or {\"random\": \"gaussian\", \"seed\": s, \"rows\": m, \"scale\": c}");
        }
        fields.onlyKeys(spec, path, RANDOM_MATRIX_KEYS);
        String distribution = fields.text(spec.get("random"), path + ".random");
        if (!distribution.equals("gaussian")) throw fields.error(path + ".random", "'" + distribution + "' is not a known distribution (gaussian)");
        int rows = spec.has("rows") ? fields.positiveInt(spec.get("rows"), path + ".rows") : d;
        if (square && rows != d) throw fields.error(path + ".rows", name + " is d×d: rows must be d = " + d + ", got " + rows);
        checkStateSize(path, rows, d);
        double scale = spec.has("scale") ? fields.positiveFinite(spec.get("scale"), path + ".scale").doubleValue() : 1.0;
        long seed = seed(spec, path);
        return gaussianMatrix(rows, d, seed, scale);
    }

    /**
     * Entries scale·g, g the successive {@link Random#nextGaussian()} of {@code new Random(seed)}, row-major (the
     * same generator as {@link InitialCondition}, whose sequence the Java SE API specifies).
     */
    static DecimalMatrix gaussianMatrix(int rows, int cols, long seed, double scale) {
        Random rng = new Random(seed);
        double[] e = new double[rows * cols];
        for (int i = 0; i < e.length; i++) e[i] = scale * rng.nextGaussian();
        return DecimalMatrix.ofDoubles(rows, cols, e);
    }

    /** A nested list of exact decimals; {@code rows} / {@code cols} < 0 mean "any". */
    private DecimalMatrix matrixLiteral(JsonNode node, String path, int rows, int cols) {
        if (!node.isArray() || node.isEmpty()) throw fields.error(path, "expected a non-empty list of rows, got " + JsonFields.describe(node));
        int r = node.size();
        JsonNode first = node.get(0);
        if (!first.isArray() || first.isEmpty()) throw fields.error(path + "[0]", "expected a non-empty row (a list of numbers), got " + JsonFields.describe(first));
        int c = first.size();
        checkStateSize(path, r, c);
        BigDecimal[] entries = new BigDecimal[r * c];
        for (int i = 0; i < r; i++) {
            JsonNode row = node.get(i);
            String rowPath = path + "[" + i + "]";
            if (!row.isArray()) throw fields.error(rowPath, "expected a row (a list of numbers), got " + JsonFields.describe(row));
            if (row.size() != c) throw fields.error(rowPath, "wrong shape: this row has " + row.size() + " entries, row 0 has " + c);
            for (int j = 0; j < c; j++) entries[i * c + j] = fields.finite(row.get(j), rowPath + "[" + j + "]");
        }
        if ((rows >= 0 && r != rows) || (cols >= 0 && c != cols)) {
            String expected = (rows >= 0 ? String.valueOf(rows) : "m") + "x" + cols;
            throw fields.error(path, "wrong shape: expected " + expected + " (d = " + cols + "), got " + r + "x" + c);
        }
        return DecimalMatrix.of(r, c, entries);
    }

    // ---------------------------------------------------------------- checks

    /**
     * Sphere runs: every start point within {@link #UNIT_NORM_TOLERANCE} of unit norm (exact arithmetic). A point whose
     * squared norm in double precision is within {@link #CLEARLY_UNIT} of 1 is accepted without the exact sum: the
     * double sum of d squares of the entries' nearest doubles is within (d + 3)·2⁻⁵³ of the exact one (relative), far
     * inside the band (1 ± 1e-6)² ⊃ [1 − 1.9e-6, 1 + 2e-6] — which spares a sweep of 18,432 generated starts 10⁶ exact
     * products of 50-digit decimals (seconds).
     */
    private void requireUnitNorms(InitialCondition initial) {
        BigDecimal tol = new BigDecimal(Double.toString(UNIT_NORM_TOLERANCE));
        BigDecimal low = BigDecimal.ONE.subtract(tol).pow(2);
        BigDecimal high = BigDecimal.ONE.add(tol).pow(2);
        DecimalMatrix p = initial.points();
        double[] approx = p.toDoubleArray();
        for (int i = 0; i < p.rows(); i++) {
            double sqd = 0;
            for (int c = 0; c < p.cols(); c++) sqd += approx[i * p.cols() + c] * approx[i * p.cols() + c];
            if (Math.abs(sqd - 1) <= CLEARLY_UNIT && p.cols() < 1_000_000) continue;
            BigDecimal sq = BigDecimal.ZERO;
            for (int c = 0; c < p.cols(); c++) sq = sq.add(p.get(i, c).multiply(p.get(i, c)));
            if (sq.compareTo(low) < 0 || sq.compareTo(high) > 0) {
                double norm = Math.sqrt(sq.doubleValue());
                String path = initial.kind() == InitialKind.POINTS ? "initial.points[" + i + "]" : "initial.kind";
                String hint = initial.kind() == InitialKind.POINTS ? "" : " (use kind uniform-sphere for random points on the sphere)";
                throw fields.error(path, "not on the unit sphere: norm " + norm + ", but the geometry is sphere and |norm - 1| must be <= "
                        + UNIT_NORM_TOLERANCE + hint);
            }
        }
    }

    private void checkStateSize(String path, long rows, long cols) {
        if (rows * cols > MAX_STATE) throw fields.error(path, rows + "x" + cols + " is too large (at most " + MAX_STATE + " numbers)");
        // each number is kept as its exact decimal (a BigDecimal, ~120 bytes) beside the doubles the solvers use
        try {
            Resources.requireHeap(rows * cols * (double) DecimalMatrix.BYTES_PER_ENTRY, rows + "x" + cols + " numbers", "");
        } catch (InputException e) {
            throw fields.error(path, e.getMessage());
        }
    }

    /** The seed at {@code section.seed}, or a fresh one written there (so that the source re-reads the same). */
    private long seed(ObjectNode section, String path) {
        JsonNode node = section.get("seed");
        if (node == null) {
            long fresh = freshSeed();
            section.put("seed", fresh);
            return fresh;
        }
        return fields.seed(node, path + ".seed");
    }

    /** A fresh seed in [0, 2^53): exact in every JSON reader, including those that read numbers as doubles. */
    private static long freshSeed() {
        return new SecureRandom().nextLong() >>> 11;
    }
}
