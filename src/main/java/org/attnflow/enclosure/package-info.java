/**
 * Rigorous enclosures of the attention dynamics for small systems: at each saved time, an interval box proved to
 * contain the exact solution of the ODE (proofs-notes/enclosure.md states the claim, the argument and what it
 * rests on).
 *
 * <p>Entry point: {@link org.attnflow.enclosure.Enclosures#solve(org.attnflow.model.AttentionModel,
 * org.attnflow.model.DecimalMatrix, org.attnflow.model.TimeGrid, EnclosureSettings, EnclosureFrameHandler)} with the
 * model, the start as exact decimals (n×d; normalised on the sphere inside the enclosure), the saved times and
 * {@link org.attnflow.enclosure.EnclosureSettings}. Each {@link org.attnflow.enclosure.EnclosureFrame} holds n·d
 * intervals, row-major: token i's coordinate c is {@code frame.interval(i, c)}. {@link
 * org.attnflow.enclosure.EnclosureCsv} writes the box file ({@code t,token,x1_lo,x1_hi,…}). Inputs the method does
 * not take are refused before any work ({@link org.attnflow.enclosure.Enclosures#unsupported}, or an
 * {@link java.lang.IllegalArgumentException} with one line); a run that cannot validate a step stops with an
 * {@link org.attnflow.enclosure.EnclosureFailedException} after handing out every frame it proved.
 *
 * <p>Inside: {@code interval} (outward-rounded decimal interval arithmetic), {@link
 * org.attnflow.enclosure.AttentionSeries} (Taylor coefficients of the field by automatic differentiation, with
 * first derivatives in {@link org.attnflow.enclosure.Jet}), {@link org.attnflow.enclosure.ValidatedIntegrator}
 * (a priori enclosure, remainder, mean-value form) and {@link org.attnflow.enclosure.Parallelepiped} (Lohner's QR
 * coordinates). Depends on {@code model} and the JDK only.
 */
package org.attnflow.enclosure;
