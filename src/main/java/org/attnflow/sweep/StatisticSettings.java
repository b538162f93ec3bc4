package org.attnflow.sweep;

import org.attnflow.analysis.Clustering;
import org.attnflow.analysis.RenyiCentres;

/**
 * The parameters of the {@link Statistic}s (sweep keys {@code pair_threshold}, {@code renyi_c}).
 *
 * @param pairThreshold tokens i, j are paired when ⟨x_i, x_j⟩ &gt; this (default the papers' 1 − 10^{-3})
 * @param renyiC        Rényi separation constant c, δ = c β^{-1/2} (default 4, as in [KPR]'s figures)
 */
public record StatisticSettings(double pairThreshold, double renyiC) implements java.io.Serializable {
    public static final StatisticSettings DEFAULT = new StatisticSettings(Clustering.PAPER_PAIR_THRESHOLD, RenyiCentres.DEFAULT_C);
}
