import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Geometry;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.InitialKind;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;
import org.attnflow.model.TimeGrid;
import org.attnflow.reference.ReferenceFrame;
import org.attnflow.reference.ReferenceResult;
import org.attnflow.reference.ReferenceSolver;

/**
 * The reference on the causal circle model O6 (M3, Q = K = V = I, d = 2) from given angles, or on M3 with a seeded
 * uniform start in any n, d. Runs the solve {@code --repeat} times in one JVM (the first run includes the JIT's
 * warm-up) and prints one JSON line. Usage (single-file source launch):
 * java -cp target/classes:target/lib/* ReferenceO6.java --digits 30 --beta 4 --end 2 --angles 0.3,1.1,2.0,2.9
 */
public class ReferenceO6 {
    public static void main(String[] args) {
        Map<String, String> a = new LinkedHashMap<>(Map.of("--digits", "30", "--beta", "4", "--end", "2", "--angles", "0.3,1.1,2.0,2.9",
                "--threads", "1", "--repeat", "3", "--save-every", "0", "--n", "0", "--d", "3", "--seed", "7"));
        for (int i = 0; i + 1 < args.length; i += 2) a.put(args[i], args[i + 1]);
        int digits = Integer.parseInt(a.get("--digits"));
        double end = Double.parseDouble(a.get("--end"));
        double every = Double.parseDouble(a.get("--save-every"));
        int n = Integer.parseInt(a.get("--n"));
        InitialCondition start;
        int d;
        if (n > 0) {
            d = Integer.parseInt(a.get("--d"));
            start = InitialCondition.generate(InitialKind.UNIFORM_SPHERE, n, d, Long.parseLong(a.get("--seed")), 1.0);
        } else {
            d = 2;
            String[] angles = a.get("--angles").split(",");
            n = angles.length;
            BigDecimal[] points = new BigDecimal[2 * n];
            for (int i = 0; i < n; i++) {
                Apfloat phi = new Apfloat(angles[i], digits + 30);
                points[2 * i] = new BigDecimal(ApfloatMath.cos(phi).toString(true));
                points[2 * i + 1] = new BigDecimal(ApfloatMath.sin(phi).toString(true));
            }
            start = InitialCondition.of(DecimalMatrix.of(n, 2, points));
        }
        DecimalMatrix id = DecimalMatrix.identity(d);
        AttentionModel model = new AttentionModel(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, new BigDecimal(a.get("--beta")), id, id, id);
        TimeGrid grid = every > 0 ? TimeGrid.every(end, every) : TimeGrid.of(new double[]{end});
        Scenario scenario = new Scenario(model, start, grid,
                new SolverSettings(Method.REFERENCE, null, 1e-8, 1e-10, digits, FieldKind.AUTO, Integer.parseInt(a.get("--threads"))));

        List<Double> seconds = new ArrayList<>();
        List<Double> cpuSeconds = new ArrayList<>();
        ReferenceResult result = null;
        List<ReferenceFrame> frames = new ArrayList<>();
        for (int r = 0; r < Integer.parseInt(a.get("--repeat")); r++) {
            frames.clear();
            long cpu = processCpu();
            long t0 = System.nanoTime();
            result = ReferenceSolver.solve(scenario, frames::add);
            seconds.add((System.nanoTime() - t0) / 1e9);
            cpuSeconds.add((processCpu() - cpu) / 1e9);
        }
        ReferenceFrame last = frames.get(frames.size() - 1);
        StringBuilder angles = new StringBuilder();
        if (d == 2) {
            for (int i = 0; i < n; i++) {
                Apfloat[] x = last.tokens()[i];
                angles.append(i == 0 ? "" : ",").append('"').append(ApfloatMath.atan2(x[1], x[0]).precision(digits + 3).toString(true)).append('"');
            }
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"solver\": \"attnflow reference\", \"digits\": %d, \"n\": %d, \"d\": %d, \"end\": %s, \"threads\": %s, \"seconds\": %s, \"cpu_seconds\": %s,"
                        + " \"steps\": %d, \"companion_steps\": %d, \"evaluations\": %d, \"companion_evaluations\": %d, \"max_error_estimate\": \"%s\", \"angles\": [%s]}",
                digits, n, d, a.get("--end"), a.get("--threads"), seconds, cpuSeconds, result.steps(), result.companionSteps(),
                result.evaluations(), result.companionEvaluations(), result.maxErrorEstimate().precision(3).toString(false), angles));
    }

    /** CPU time of the whole JVM process (solver threads, JIT compiler and GC alike; as Python's process_time). */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
