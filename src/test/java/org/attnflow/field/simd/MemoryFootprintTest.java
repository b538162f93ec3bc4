package org.attnflow.field.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;
import org.junit.jupiter.api.Test;

/**
 * The field's memory is O(n·(m + d)), never n×n: n = 8192, d = 16, causal, evaluated in a child JVM with a 48 MB
 * heap, where one n×n double matrix alone would take 512 MB. (The full-size check, n = 65536 in 2 GB over RK4
 * steps, takes minutes: bench/memory-check.sh.)
 */
class MemoryFootprintTest {

    @Test
    void n8192EvaluatesIn48MegabytesOfHeap() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-Xmx48m", "--add-modules=jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), SmallHeapEvaluation.class.getName(), "8192", "16"));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("evaluated n=8192"), output);
    }

    /** The child: one causal evaluation; exits non-zero on OutOfMemoryError or a non-finite output. */
    public static final class SmallHeapEvaluation {
        public static void main(String[] args) {
            int n = Integer.parseInt(args[0]), d = Integer.parseInt(args[1]);
            AttentionModel model = AttentionModel.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, 4, d);
            double[] x = RandomScenarios.state(new java.util.SplittableRandom(1), Geometry.SPHERE, n, d);
            double[] out = new double[x.length];
            new VectorAttentionField(model, n, 2).attend(x, out);
            for (double v : out) if (!Double.isFinite(v)) System.exit(3);
            System.out.println("evaluated n=" + n);
        }
    }
}
