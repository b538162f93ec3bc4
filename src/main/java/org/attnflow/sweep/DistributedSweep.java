package org.attnflow.sweep;

/**
 * A sweep engine outside this process, found with {@link java.util.ServiceLoader}: the Apache Spark engine
 * ({@code org.attnflow.sweep.spark.SparkSweep}, built only with {@code mvn -Pspark}), so that the default build
 * neither compiles against nor ships Spark.
 */
public interface DistributedSweep {
    /**
     * Runs the sweep of {@code dir} (its runs not yet in the results, when resumed) and writes its products.
     *
     * @param master the cluster's master URL, or null for the one the launcher configured ({@code spark-submit
     *               --master}), else {@code local[*]}
     */
    SweepOutcome run(SweepDirectory dir, String master, SweepListener listener);
}
