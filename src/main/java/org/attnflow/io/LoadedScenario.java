package org.attnflow.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.Method;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scenario as read by {@link ScenarioReader}.
 *
 * @param scenario the validated scenario
 * @param source   the file's JSON with its exact decimals, plus every seed the reader generated written in
 *                 place; re-reading it gives the same scenario
 */
public record LoadedScenario(Scenario scenario, ObjectNode source) {

    /**
     * The scenario as run: {@link #source()} with every default made explicit (mask, normalisation, β, Q, K, V or
     * each head's β, Q, K, V and the head combination, the layer normalisation, the initial kind, n and d, the
     * radius of a scheme that carries one, the solver's method, tolerances, field and threads). Written into run.json and
     * re-readable as a scenario file.
     */
    public ObjectNode asRun() {
        ObjectNode run = source.deepCopy();
        AttentionModel m = scenario.model();
        ObjectNode model = run.withObjectProperty("model");
        putIfAbsent(model, "mask", m.mask().key());
        putIfAbsent(model, "normalization", m.normalization().key());
        if (!model.has("beta")) model.put("beta", m.beta());
        if (model.has("heads")) {
            putIfAbsent(model, "head_combine", m.combine().key());
            for (int h = 0; h < m.headCount(); h++) {
                ObjectNode head = (ObjectNode) model.get("heads").get(h);
                if (!head.has("beta")) head.put("beta", m.heads().get(h).beta());
                for (String name : new String[] {"Q", "K", "V"}) putIfAbsent(head, name, "identity");
            }
        } else {
            for (String name : new String[] {"Q", "K", "V"}) putIfAbsent(model, name, "identity");
        }
        putIfAbsent(model, "layer_norm", m.layerNorm().key());

        InitialCondition init = scenario.initial();
        ObjectNode initial = run.withObjectProperty("initial");
        putIfAbsent(initial, "kind", init.kind().key());
        if (!initial.has("n")) initial.put("n", init.n());
        if (!initial.has("d")) initial.put("d", init.d());
        if (m.carriesRadius() && !initial.has("radius")) initial.put("radius", 1);

        ObjectNode time = run.withObjectProperty("time");
        if (!time.has("end")) time.put("end", scenario.time().end());

        SolverSettings s = scenario.solver();
        ObjectNode solver = run.withObjectProperty("solver");
        putIfAbsent(solver, "method", s.method().key());
        if (s.method().use(Method.Setting.RTOL) != Method.Use.FORBIDDEN) { // elsewhere the reader refuses them
            if (!solver.has("rtol")) solver.put("rtol", s.rtol());
            if (!solver.has("atol")) solver.put("atol", s.atol());
        }
        putIfAbsent(solver, "field", s.field().key());
        if (!solver.has("threads")) solver.put("threads", s.threads());
        return run;
    }

    /** Every seed the run uses, by the path of its key ("initial.seed", "model.Q.seed", ...). */
    public Map<String, Long> seeds() {
        Map<String, Long> seeds = new LinkedHashMap<>();
        JsonNode initialSeed = source.path("initial").path("seed");
        if (initialSeed.isIntegralNumber()) seeds.put("initial.seed", initialSeed.longValue());
        matrixSeeds(source.path("model"), "model", seeds);
        JsonNode schedule = source.path("model").path("schedule");
        for (int i = 0; i < schedule.size(); i++) matrixSeeds(schedule.get(i), "model.schedule[" + i + "]", seeds);
        return seeds;
    }

    /** The seeds of the random matrices of a model section or a schedule piece, its heads' included. */
    private static void matrixSeeds(JsonNode section, String path, Map<String, Long> seeds) {
        for (String name : new String[] {"Q", "K", "V"}) {
            JsonNode seed = section.path(name).path("seed");
            if (seed.isIntegralNumber()) seeds.put(path + "." + name + ".seed", seed.longValue());
        }
        JsonNode heads = section.path("heads");
        for (int h = 0; h < heads.size(); h++) matrixSeeds(heads.get(h), path + ".heads[" + h + "]", seeds);
    }

    /** Writes {@link #asRun()} to {@code file} (indented JSON). */
    public void writeAsRun(Path file) {
        Json.write(file, asRun());
    }

    private static void putIfAbsent(ObjectNode node, String key, String value) {
        if (!node.has(key)) node.put(key, value);
    }
}
