package org.attnflow.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.attnflow.integrate.SolverStatistics;
import org.attnflow.io.BuildInfo;
import org.attnflow.io.Json;
import org.attnflow.io.LoadedScenario;
import org.attnflow.model.Method;
import org.attnflow.reference.ReferenceResult;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What run.json says about a run, so that it can be understood and repeated from the directory alone. It lives
 * with the runner, not in io: it speaks of solver results (statistics, the reference's error estimates), and the
 * io formats sit below the solvers.
 *
 * @param scenario   the scenario as run ({@link LoadedScenario#asRun()}): defaults and generated seeds explicit
 * @param seeds      every seed used, by key path ("initial.seed", "model.Q.seed")
 * @param model      the paper's name for the model (M1..M4, see {@code AttentionModel.paperName})
 * @param method     the solver method
 * @param field      the field implementation that computed the velocities (its class name)
 * @param statistics steps, rejected steps, field evaluations and the max norm drift over saved frames
 * @param reference  the arbitrary-precision run (digits, per-frame error estimates), or null for a double run
 * @param frames     saved frames (the first axis of trajectory.npy)
 * @param n          tokens
 * @param d          dimension
 * @param outputs    the files written next to run.json
 * @param started    when the run started
 * @param wallTimeSeconds wall-clock time of the integration and writing
 */
public record RunRecord(ObjectNode scenario, Map<String, Long> seeds, String model, Method method, String field,
                        SolverStatistics statistics, ReferenceResult reference, int frames, int n, int d, List<String> outputs,
                        Instant started, double wallTimeSeconds) {

    /** The JSON layout of run.json (its keys are a public interface, like the scenario's). */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ObjectNode software = root.putObject("attnflow");
        software.put("version", BuildInfo.version());
        software.put("jdk", BuildInfo.jdk());
        software.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));

        root.put("started", started.toString());
        root.put("wall_time_seconds", wallTimeSeconds);
        root.put("model", model);
        root.put("method", method.key());
        root.put("field", field);
        ObjectNode seedNode = root.putObject("seeds");
        seeds.forEach(seedNode::put);

        ObjectNode stats = root.putObject("statistics");
        stats.put("steps", statistics.steps());
        stats.put("rejected_steps", statistics.rejectedSteps());
        stats.put("evaluations", statistics.evaluations());
        // a norm is an invariant on the sphere only: a Euclidean run has no drift to report (0.0 would claim one was measured)
        if (scenario.path("model").path("geometry").asText().equals(org.attnflow.model.Geometry.SPHERE.key())) {
            root.put("max_norm_drift", statistics.maxNormDrift());
        }
        if (reference != null) {
            // the arbitrary-precision run: its precision, the companion run behind the error estimate, and the
            // estimate of max_{i,c} |x_ic - exact_ic| at every frame, as decimals with their meaningful digits
            ObjectNode ref = root.putObject("reference");
            ref.put("digits", reference.digits());
            ref.put("guard_digits", reference.guard());
            ref.put("precision", reference.precision());
            ref.put("arithmetic", reference.arithmetic());
            ref.put("arithmetic_from", reference.arithmeticReason());
            ref.put("companion_steps", reference.companionSteps());
            ref.put("companion_evaluations", reference.companionEvaluations());
            ref.put("max_error_estimate", reference.maxErrorEstimate().precision(3).toString(false));
            ArrayNode perFrame = ref.putArray("error_estimate_per_frame");
            reference.errorEstimates().forEach(e -> perFrame.add(e.precision(3).toString(false)));
        }

        ObjectNode shape = root.putObject("shape");
        shape.put("frames", frames);
        shape.put("n", n);
        shape.put("d", d);
        outputs.forEach(root.putArray("outputs")::add);
        root.set("scenario", scenario);
        return root;
    }

    public void write(Path file) {
        Json.write(file, toJson());
    }
}
