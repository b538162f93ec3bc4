package org.attnflow.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.attnflow.io.InputException;
import org.attnflow.io.NpyReader;
import org.attnflow.io.Npz;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.Scenario;

/**
 * {@code validate} on a batch: a file of B systems ([frames, B, n, d], or [B, frames, n, d] with batch axis 0), one
 * verdict per system and a summary. The systems share one model (each then starts from its own first frame), or each
 * has its own: a scenario per system, or per-system Q, K, V stacks from an .npz over one scenario. Systems are
 * validated one after another, each read frame by frame at its position in the file ({@link NpyBatchSource}) and its
 * matrices read when its turn comes: memory does not grow with B beyond two frames of one system (and one
 * summary line per failing system).
 */
public final class BatchValidation {
    private BatchValidation() {}

    /** The model of each system. */
    public interface Systems {
        /** How many systems the models are for, or −1 when one model serves any number. */
        int count();

        /** System b's scenario. */
        Scenario scenario(int b) throws IOException;

        /** What system b's scenario is called in reports. */
        String name(int b);

        /** True when each system starts from its own first frame (no scenario start to compare frame 0 with). */
        boolean ownStart();

        /** One line for the report: where the models come from. */
        String describe();
    }

    /** One model for every system. */
    public static Systems shared(String name, Scenario scenario) {
        return new Systems() {
            public int count() { return -1; }

            public Scenario scenario(int b) { return scenario; }

            public String name(int b) { return name; }

            public boolean ownStart() { return true; }

            public String describe() { return "one model for every system (" + name + "); each system starts from its own first frame"; }
        };
    }

    /** A scenario per system, read when its turn comes. */
    public static Systems perScenario(List<String> names, IntFunction<Scenario> read) {
        return new Systems() {
            public int count() { return names.size(); }

            public Scenario scenario(int b) { return read.apply(b); }

            public String name(int b) { return names.get(b); }

            public boolean ownStart() { return false; }

            public String describe() { return "a scenario per system (" + names.size() + ")"; }
        };
    }

    /**
     * Per-system Q, K, V from an .npz of stacks [B, m, d], [B, m, d], [B, d, d] (any of the three; a missing one is the
     * scenario's) over {@code base}; each system starts from its own first frame. The arrays' first axes must agree.
     */
    public static Systems matrices(String name, Scenario base, Path npz) throws IOException {
        int d = base.dimension(), m = base.model().queryDimension();
        if (!base.model().singleConstantHead()) throw new InputException("--matrices: per-system Q, K, V replace one head: " + name + " has a heads list or a schedule");
        List<String> present = new ArrayList<>();
        long count = -1;
        try (Npz archive = new Npz(npz)) {
            for (String key : new String[] {"Q", "K", "V"}) {
                NpyReader r;
                try {
                    r = archive.open(key);
                } catch (InputException missing) {
                    continue;
                }
                try (r) {
                    long[] s = r.shape();
                    int rows = key.equals("V") ? d : m;
                    if (s.length != 3 || s[1] != rows || s[2] != d) {
                        throw new InputException(npz + ": " + key + " has shape " + java.util.Arrays.toString(s) + ", expected [B, " + rows + ", " + d + "]");
                    }
                    if (count >= 0 && s[0] != count) throw new InputException(npz + ": " + key + " stacks " + s[0] + " matrices, " + present.get(0) + " " + count);
                    count = s[0];
                    present.add(key);
                }
            }
        }
        if (present.isEmpty()) throw new InputException(npz + ": holds none of the arrays Q, K, V");
        long systems = count;
        return new Systems() {
            public int count() { return (int) systems; }

            public Scenario scenario(int b) throws IOException {
                DecimalMatrix[] qkv = new DecimalMatrix[3];
                try (Npz archive = new Npz(npz)) {
                    for (int k = 0; k < 3; k++) {
                        String key = "QKV".substring(k, k + 1);
                        if (!present.contains(key)) continue;
                        int rows = key.equals("V") ? d : m;
                        try (NpyReader r = archive.open(key)) {
                            double[] a = new double[rows * d];
                            r.readAt((long) b * rows * d, a);
                            qkv[k] = DecimalMatrix.ofDoubles(rows, d, a);
                        }
                    }
                }
                return ScenarioVariants.withModel(base, base.model().withMatrices(qkv[0], qkv[1], qkv[2]));
            }

            public String name(int b) { return name + " with " + String.join(", ", present) + "[" + b + "] of " + npz; }

            public boolean ownStart() { return true; }

            public String describe() { return "per-system " + String.join(", ", present) + " from " + npz + " over " + name + "; each system starts from its own first frame"; }
        };
    }

    /** The batch, before any system is checked. */
    public record Setup(String trajectory, String storedAs, long frames, long systems, int n, int d, int axis, String models) {}

    /** Hears the batch as it goes. */
    public interface Listener {
        void start(Setup setup);

        void system(int b, String scenario, ValidationSummary summary);

        void finish(Summary summary);
    }

    /**
     * The outcome: how many systems passed, which failed.
     *
     * @param failed the systems that failed, in order
     */
    public record Summary(Verdict verdict, long systems, long passed, List<Integer> failed, double seconds) {}

    /** Validates every system of the batch file {@code trajectory}. */
    public static Summary validate(Path trajectory, int axis, Systems systems, Validation.Options options, Listener listener) throws IOException {
        long started = System.nanoTime();
        Scenario first = systems.scenario(0);
        int n = first.tokens(), d = first.dimension();
        NpyBatchSource.Shape shape = NpyBatchSource.shape(trajectory, n, d, axis);
        if (systems.count() >= 0 && systems.count() != shape.systems()) {
            throw new InputException(trajectory + " holds B = " + shape.systems() + " systems along axis " + axis + ", but there are " + systems.count()
                    + " models (" + systems.describe() + ")" + (shape.frames() == systems.count() ? ": is the batch axis " + (1 - axis) + "?" : ""));
        }
        listener.start(new Setup(trajectory.toString(), shape.storedAs(), shape.frames(), shape.systems(), n, d, axis, systems.describe()));
        Validation.Options o = systems.ownStart() ? options.ownStart() : options;
        long passed = 0;
        List<Integer> failed = new ArrayList<>();
        for (int b = 0; b < shape.systems(); b++) {
            Scenario s = b == 0 ? first : systems.scenario(b);
            if (s.tokens() != n || s.dimension() != d) {
                throw new InputException(systems.name(b) + ": n = " + s.tokens() + ", d = " + s.dimension() + ", but the batch holds n = " + n + ", d = " + d);
            }
            int system = b;
            ValidationSummary summary = Validation.validate(systems.name(b), s, trajectory + "[system " + b + "]",
                    () -> NpyBatchSource.open(trajectory, system, n, d, axis), o, Validation.SILENT);
            if (summary.verdict() == Verdict.PASS) passed++;
            else failed.add(b);
            listener.system(b, systems.name(b), summary);
        }
        Summary summary = new Summary(failed.isEmpty() ? Verdict.PASS : Verdict.FAIL, shape.systems(), passed, failed, Verification.seconds(started));
        listener.finish(summary);
        return summary;
    }
}
