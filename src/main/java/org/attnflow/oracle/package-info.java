/**
 * The project's ground truth: the closed-form oracles O1–O6 of spec/math.md §5, evaluated to any requested number
 * of decimal digits with Apfloat, with double-precision accessors for the double solvers' tests.
 *
 * <ul>
 *   <li>O1 {@link org.attnflow.oracle.TwoCausalTokens}: two causal tokens, angle by quadrature and Newton.</li>
 *   <li>O2 {@link org.attnflow.oracle.EquiangularStart}: n orthonormal tokens under M1/M2, the common
 *       inner product γ(t) by quadrature and Newton, and the full state.</li>
 *   <li>O3 {@link org.attnflow.oracle.SingleToken} and O4 {@link org.attnflow.oracle.LinearFlow}: e^{tV}x0,
 *       normalised or not, through {@link org.attnflow.oracle.ApfloatMatrixExp}.</li>
 *   <li>O5 {@link org.attnflow.oracle.MeanFieldBetaZero}: the β = 0 mean-field form and its order parameter.</li>
 *   <li>O6 {@link org.attnflow.oracle.CausalCircle}: the angle form of M3 on the circle.</li>
 * </ul>
 *
 * <p>Every arbitrary-precision result is self-checked: quadratures compare two levels, Newton solves check
 * their final residual, matrix exponentials are recomputed at a higher precision. A result that cannot be
 * certified to the requested digits throws {@link java.lang.ArithmeticException} rather than being returned.
 *
 * <p>This package deliberately shares no arithmetic with {@code org.attnflow.reference}: it is what the
 * reference is checked against, so it has its own small exp series ({@link org.attnflow.oracle.ExpSeries}).
 */
package org.attnflow.oracle;
