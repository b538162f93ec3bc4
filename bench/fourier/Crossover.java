import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.attnflow.field.AttentionField;
import org.attnflow.field.FourierBesselField;
import org.attnflow.field.SymmetricAttentionField;
import org.attnflow.field.simd.VectorAttentionField;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;

/**
 * Where the Fourier–Bessel field beats the direct fields on the circle: CPU time per evaluation (one thread, after
 * warm-up) of FourierBesselField, VectorAttentionField and SymmetricAttentionField at n tokens and β, and the ratio
 * n / p at which the expansion is as fast as the SIMD field (Fields.FOURIER_MIN_TOKENS_PER_TERM). Run by run.sh.
 */
public class Crossover {
    public static void main(String[] args) {
        ThreadMXBean tb = ManagementFactory.getThreadMXBean();
        System.out.println("beta      n     p   fourier_us    simd_us  symmetric_us  simd/fourier");
        for (double beta : new double[] {1, 9, 64}) {
            for (int n : new int[] {64, 128, 256, 512, 1024, 4096}) {
                AttentionModel m = AttentionModel.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, beta, 2);
                double[] x = new double[2 * n];
                java.util.Random r = new java.util.Random(n);
                for (int j = 0; j < n; j++) {
                    double phi = r.nextDouble() * 2 * Math.PI;
                    x[2 * j] = Math.cos(phi);
                    x[2 * j + 1] = Math.sin(phi);
                }
                FourierBesselField fb = new FourierBesselField(m, n);
                double f = cost(tb, fb, x), v = cost(tb, new VectorAttentionField(m, n, 1), x), s = cost(tb, new SymmetricAttentionField(m, n), x);
                System.out.printf("%4.0f %6d %5d %12.2f %10.2f %13.2f %13.2f%n", beta, n, fb.terms(), f, v, s, v / f);
            }
        }
    }

    static double cost(ThreadMXBean tb, AttentionField f, double[] x) {
        double[] out = new double[x.length];
        long work = (long) f.tokens() * f.tokens();
        int evals = (int) Math.max(20, 2e8 / work);
        for (int e = 0; e < evals; e++) f.attend(x, out); // warm-up
        long c0 = tb.getCurrentThreadCpuTime();
        for (int e = 0; e < evals; e++) f.attend(x, out);
        return (tb.getCurrentThreadCpuTime() - c0) * 1e-3 / evals;
    }
}
