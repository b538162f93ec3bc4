package org.attnflow.sweep;

import org.attnflow.model.TimeGrid;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code aggregate.csv}: one line per group, statistic and saved time,
 * <pre>
 * beta,n,d,V,statistic,t,runs,failed,AGGREGATE...
 * </pre>
 * numbers in Java's shortest round-trip form, β as the exact decimal of the sweep file.
 */
public final class AggregateCsv {
    private AggregateCsv() {}

    public static String format(SweepSpec spec, List<AggregateRow> rows) {
        List<String> columns = new ArrayList<>(List.of("beta", "n", "d", "V", "statistic", "t", "runs", "failed"));
        spec.aggregates().forEach(a -> columns.add(a.key()));
        StringBuilder b = new StringBuilder(String.join(",", columns)).append('\n');
        for (AggregateRow r : rows) {
            b.append(r.beta().toPlainString()).append(',').append(r.n()).append(',').append(r.d()).append(',').append(r.v())
                    .append(',').append(r.statistic().key()).append(',').append(TimeGrid.text(r.t())).append(',').append(r.runs()).append(',').append(r.failed());
            for (double v : r.values()) b.append(',').append(v);
            b.append('\n');
        }
        return b.toString();
    }
}
