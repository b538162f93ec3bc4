package org.attnflow.analysis;

import org.hipparchus.complex.Complex;
import org.hipparchus.linear.EigenDecompositionNonSymmetric;
import org.hipparchus.linear.FieldVector;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * The top eigenvalue λ_1 of V and its left eigenvector φ_1* (φ_1*ᵀ V = λ_1 φ_1*ᵀ), the linear form of [GLPR-E]'s
 * hyperplane theorem (spec/math.md C9): for λ_1 real, positive and simple, φ_1*(z_i(t)) tends to at most three values.
 * Computed with Hipparchus's non-symmetric eigen-decomposition of Vᵀ.
 *
 * @param lambda       λ_1 (largest real part)
 * @param real         whether λ_1 is real (imaginary part below tolerance)
 * @param simple       whether no other eigenvalue is within tolerance of λ_1
 * @param phi          φ_1*, unit length, first non-negligible component positive; null when λ_1 is not real
 * @param tolerance    the tolerance used for "real" and "simple"
 */
public record LeftEigenvector(double lambda, boolean real, boolean simple, double[] phi, double tolerance) {

    /** V is d×d row-major. */
    public static LeftEigenvector of(double[] v, int d) {
        if (v.length != d * d) throw new IllegalArgumentException("V must be d x d = " + d * d + " entries, got " + v.length);
        RealMatrix vt = MatrixUtils.createRealMatrix(d, d);
        double norm = 0;
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                vt.setEntry(c, r, v[r * d + c]);
                norm = Math.max(norm, Math.abs(v[r * d + c]));
            }
        }
        double tol = 1e-9 * Math.max(norm, 1);
        EigenDecompositionNonSymmetric eig = new EigenDecompositionNonSymmetric(vt);
        Complex[] lambdas = eig.getEigenvalues();
        int top = 0;
        for (int i = 1; i < lambdas.length; i++) if (lambdas[i].getReal() > lambdas[top].getReal()) top = i;
        boolean real = Math.abs(lambdas[top].getImaginary()) <= tol;
        boolean simple = true;
        for (int i = 0; i < lambdas.length; i++) {
            if (i != top && lambdas[i].subtract(lambdas[top]).norm() <= Math.sqrt(tol)) simple = false;
        }
        double[] phi = null;
        if (real) {
            FieldVector<Complex> e = eig.getEigenvector(top);
            phi = new double[d];
            double len = 0;
            for (int c = 0; c < d; c++) {
                phi[c] = e.getEntry(c).getReal();
                len += phi[c] * phi[c];
            }
            len = Math.sqrt(len);
            int sign = 0;
            for (int c = 0; c < d && sign == 0; c++) if (Math.abs(phi[c]) > 1e-12 * len) sign = phi[c] > 0 ? 1 : -1;
            for (int c = 0; c < d; c++) phi[c] *= sign / len;
        }
        return new LeftEigenvector(lambdas[top].getReal(), real, simple, phi, tol);
    }

    /** The levels φ_1*(z_i) of a row-major n×d cloud. */
    public double[] levels(double[] z, int d) {
        if (phi == null) throw new IllegalStateException("the top eigenvalue of V is not real: no hyperplane levels");
        int n = Clustering.checkShape(z, d);
        double[] l = new double[n];
        for (int i = 0; i < n; i++) for (int c = 0; c < d; c++) l[i] += phi[c] * z[i * d + c];
        return l;
    }

    @Override
    public double[] phi() { return phi == null ? null : phi.clone(); }
}
