package org.attnflow.sweep.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.attnflow.sweep.AggregateRow;
import org.attnflow.sweep.RunPoint;
import org.attnflow.sweep.RunResult;
import org.attnflow.sweep.Statistic;
import org.attnflow.sweep.SweepSpec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The Spark rows of a sweep: {@code results.parquet} (one row per run; a statistic is a column holding its values
 * at the saved times, in the order of sweep.json's times) and {@code aggregate.parquet} (one row per group,
 * statistic and time, as aggregate.csv). Column names use '_' where the sweep file's names use '-'.
 */
final class ResultRows {
    private ResultRows() {}

    static String column(Statistic s) { return s.key().replace('-', '_'); }

    static StructType resultSchema(SweepSpec spec) {
        List<StructField> f = new ArrayList<>(List.of(
                DataTypes.createStructField("run", DataTypes.IntegerType, false),
                DataTypes.createStructField("beta", DataTypes.DoubleType, false),
                DataTypes.createStructField("beta_exact", DataTypes.StringType, false),
                DataTypes.createStructField("n", DataTypes.IntegerType, false),
                DataTypes.createStructField("d", DataTypes.IntegerType, false),
                DataTypes.createStructField("V", DataTypes.StringType, false),
                DataTypes.createStructField("seed", DataTypes.LongType, true),
                DataTypes.createStructField("status", DataTypes.StringType, false),
                DataTypes.createStructField("error", DataTypes.StringType, false),
                DataTypes.createStructField("steps", DataTypes.LongType, false),
                DataTypes.createStructField("rejected", DataTypes.LongType, false),
                DataTypes.createStructField("evaluations", DataTypes.LongType, false),
                DataTypes.createStructField("wall_seconds", DataTypes.DoubleType, false)));
        for (Statistic s : spec.statistics()) {
            f.add(DataTypes.createStructField(column(s), DataTypes.createArrayType(DataTypes.DoubleType, false), false));
        }
        return DataTypes.createStructType(f);
    }

    static Row toRow(RunResult r) {
        RunPoint p = r.point();
        Object[] v = new Object[13 + r.values().length];
        v[0] = p.id();
        v[1] = p.beta().doubleValue();
        v[2] = p.beta().toPlainString();
        v[3] = p.n();
        v[4] = p.d();
        v[5] = p.v();
        v[6] = p.seed();
        v[7] = r.failed() ? "failed" : "ok";
        v[8] = r.error();
        v[9] = r.steps();
        v[10] = r.rejected();
        v[11] = r.evaluations();
        v[12] = r.wallSeconds();
        double[][] values = r.values();
        for (int s = 0; s < values.length; s++) {
            Double[] boxed = new Double[values[s].length];
            for (int t = 0; t < boxed.length; t++) boxed[t] = values[s][t];
            v[13 + s] = boxed;
        }
        return RowFactory.create(v);
    }

    /** The result of a row, checked against the sweep (the row's coordinates must be its run's). */
    static RunResult fromRow(SweepSpec spec, Row row) {
        int id = row.getInt(row.fieldIndex("run"));
        RunPoint p = spec.run(id);
        boolean same = new BigDecimal(row.getString(row.fieldIndex("beta_exact"))).compareTo(p.beta()) == 0
                && row.getInt(row.fieldIndex("n")) == p.n() && row.getInt(row.fieldIndex("d")) == p.d()
                && row.getString(row.fieldIndex("V")).equals(p.v());
        if (!same) throw new IllegalStateException("results.parquet: run " + id + " has other coordinates than this sweep's run " + id + " (" + p.describe() + ")");
        double[][] values = new double[spec.statistics().size()][];
        for (int s = 0; s < values.length; s++) {
            List<Double> list = row.getList(row.fieldIndex(column(spec.statistics().get(s))));
            values[s] = new double[list.size()];
            for (int t = 0; t < values[s].length; t++) values[s][t] = list.get(t);
        }
        return new RunResult(p, row.getString(row.fieldIndex("status")).equals("failed"), row.getString(row.fieldIndex("error")),
                row.getLong(row.fieldIndex("steps")), row.getLong(row.fieldIndex("rejected")), row.getLong(row.fieldIndex("evaluations")),
                row.getDouble(row.fieldIndex("wall_seconds")), values);
    }

    static StructType aggregateSchema(SweepSpec spec) {
        List<StructField> f = new ArrayList<>(List.of(
                DataTypes.createStructField("group", DataTypes.IntegerType, false),
                DataTypes.createStructField("beta", DataTypes.DoubleType, false),
                DataTypes.createStructField("beta_exact", DataTypes.StringType, false),
                DataTypes.createStructField("n", DataTypes.IntegerType, false),
                DataTypes.createStructField("d", DataTypes.IntegerType, false),
                DataTypes.createStructField("V", DataTypes.StringType, false),
                DataTypes.createStructField("statistic", DataTypes.StringType, false),
                DataTypes.createStructField("time_index", DataTypes.IntegerType, false),
                DataTypes.createStructField("t", DataTypes.DoubleType, false),
                DataTypes.createStructField("runs", DataTypes.IntegerType, false),
                DataTypes.createStructField("failed", DataTypes.IntegerType, false)));
        spec.aggregates().forEach(a -> f.add(DataTypes.createStructField(a.key(), DataTypes.DoubleType, false)));
        return DataTypes.createStructType(f);
    }

    static Row toRow(AggregateRow r) {
        double[] values = r.values();
        Object[] v = new Object[11 + values.length];
        v[0] = r.group();
        v[1] = r.beta().doubleValue();
        v[2] = r.beta().toPlainString();
        v[3] = r.n();
        v[4] = r.d();
        v[5] = r.v();
        v[6] = r.statistic().key();
        v[7] = r.timeIndex();
        v[8] = r.t();
        v[9] = r.runs();
        v[10] = r.failed();
        for (int a = 0; a < values.length; a++) v[11 + a] = values[a];
        return RowFactory.create(v);
    }

    static AggregateRow aggregateFromRow(SweepSpec spec, Row row) {
        double[] values = new double[spec.aggregates().size()];
        for (int a = 0; a < values.length; a++) values[a] = row.getDouble(11 + a);
        Statistic statistic = spec.statistics().stream().filter(s -> s.key().equals(row.getString(6))).findFirst().orElseThrow();
        return new AggregateRow(row.getInt(0), new BigDecimal(row.getString(2)), row.getInt(3), row.getInt(4), row.getString(5), statistic,
                row.getInt(7), row.getDouble(8), row.getInt(9), row.getInt(10), values);
    }
}
