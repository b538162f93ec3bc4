package org.attnflow.sweep;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * The row format of {@code results.csv}: one line per run,
 * <pre>
 * run,beta,n,d,V,seed,status,steps,rejected,evaluations,wall_seconds,STAT@T...,error,crc32
 * </pre>
 * with one column per statistic and saved time ({@code pair-clustered-fraction@0.5}), numbers in Java's shortest
 * round-trip form (a value read back is the same double to the last bit), β as the exact decimal of the sweep
 * file, {@code status} {@code ok} or {@code failed}, and the failure's message in {@code error} (commas and
 * quotes replaced, so that no field needs quoting). The last field is the CRC-32 (8 hex digits) of everything
 * before it on the line: a line that lost its tail, or holds garbage, is recognised as such.
 */
public final class ResultCsv {
    private static final List<String> LEADING = List.of("run", "beta", "n", "d", "V", "seed", "status", "steps", "rejected", "evaluations", "wall_seconds");

    private final SweepSpec spec;
    private final String header;
    private final int fields;

    public ResultCsv(SweepSpec spec) {
        this.spec = spec;
        List<String> columns = new ArrayList<>(LEADING);
        for (Statistic s : spec.statistics()) {
            for (double t : spec.times()) columns.add(s.key() + "@" + t);
        }
        columns.add("error");
        columns.add("crc32");
        this.header = String.join(",", columns);
        this.fields = columns.size();
    }

    /** The header line (without line break). */
    public String header() { return header; }

    /** The line of {@code r} (without line break). */
    public String format(RunResult r) {
        RunPoint p = r.point();
        StringBuilder b = new StringBuilder(64 + 24 * spec.statistics().size() * spec.times().length);
        b.append(p.id()).append(',').append(p.beta().toPlainString()).append(',').append(p.n()).append(',').append(p.d())
                .append(',').append(p.v()).append(',').append(p.seed() == null ? "" : p.seed().toString())
                .append(',').append(r.failed() ? "failed" : "ok").append(',').append(r.steps()).append(',').append(r.rejected())
                .append(',').append(r.evaluations()).append(',').append(String.format(Locale.ROOT, "%.6g", r.wallSeconds()));
        for (int s = 0; s < spec.statistics().size(); s++) {
            for (int t = 0; t < spec.times().length; t++) b.append(',').append(r.value(s, t));
        }
        b.append(',').append(r.error().replace(',', ';').replace('"', '\''));
        String body = b.toString();
        return body + "," + crc(body);
    }

    /**
     * The run of a line, or null when the line's checksum does not match (a torn or damaged line). A line whose
     * checksum matches but whose content does not fit this sweep is an {@link IllegalArgumentException}.
     */
    public RunResult parse(String line) {
        int cut = line.lastIndexOf(',');
        if (cut < 0 || !line.substring(cut + 1).equals(crc(line.substring(0, cut)))) return null;
        String[] f = line.split(",", -1);
        if (f.length != fields) throw new IllegalArgumentException("has " + f.length + " fields, the header has " + fields);
        int id = Integer.parseInt(f[0]);
        if (id < 0 || id >= spec.runCount()) throw new IllegalArgumentException("run " + id + " is not a run of this sweep (0.." + (spec.runCount() - 1) + ")");
        RunPoint p = spec.run(id);
        boolean coordinates = new BigDecimal(f[1]).compareTo(p.beta()) == 0 && Integer.parseInt(f[2]) == p.n() && Integer.parseInt(f[3]) == p.d()
                && f[4].equals(p.v()) && f[5].equals(p.seed() == null ? "" : p.seed().toString());
        if (!coordinates) throw new IllegalArgumentException("run " + id + " has coordinates " + String.join(",", f[1], f[2], f[3], f[4], f[5]) + ", this sweep's run " + id + " is " + p.describe());
        boolean failed = switch (f[6]) {
            case "ok" -> false;
            case "failed" -> true;
            default -> throw new IllegalArgumentException("status '" + f[6] + "' is neither ok nor failed");
        };
        int k = LEADING.size();
        double[][] values = new double[spec.statistics().size()][spec.times().length];
        for (int s = 0; s < values.length; s++) {
            for (int t = 0; t < values[s].length; t++) values[s][t] = Double.parseDouble(f[k++]);
        }
        return new RunResult(p, failed, f[k], Long.parseLong(f[7]), Long.parseLong(f[8]), Long.parseLong(f[9]), Double.parseDouble(f[10]), values);
    }

    static String crc(String body) {
        CRC32 c = new CRC32();
        c.update(body.getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "%08x", c.getValue());
    }
}
