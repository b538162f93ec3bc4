package org.attnflow.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.attnflow.integrate.TrajectoryRecorder;
import org.attnflow.io.Npy;
import org.attnflow.io.NpyWriter;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Geometry;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;
import org.attnflow.model.TimeGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * validate streams: over a long trajectory it holds two frames, whatever the frame count. The source below hands
 * frames out only into the caller's buffers and records which buffers it was given; the listener receives every
 * frame's result as it is computed, in order.
 */
class StreamingValidationTest {

    /** A source that counts the distinct buffers it fills. */
    static final class CountingSource implements TrajectorySource {
        final TrajectorySource inner;
        final Set<double[]> buffers = Collections.newSetFromMap(new IdentityHashMap<>());
        long reads;

        CountingSource(TrajectorySource inner) {
            this.inner = inner;
        }

        @Override public long frames() { return inner.frames(); }
        @Override public String storedAs() { return inner.storedAs(); }
        @Override public double[] times() { return inner.times(); }
        @Override public void close() throws IOException { inner.close(); }

        @Override
        public boolean next(double[] into) throws IOException {
            buffers.add(into);
            boolean more = inner.next(into);
            if (more) reads++;
            return more;
        }
    }

    @Test
    void aLongTrajectoryIsValidatedHoldingTwoFrames(@TempDir Path dir) throws IOException {
        int frames = 401;
        AttentionModel model = AttentionModel.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, 1, 2);
        Scenario s = new Scenario(model, InitialCondition.of(DecimalMatrix.ofDoubles(2, 2, new double[] {1, 0, 0.6, 0.8})),
                TimeGrid.every(4, 0.01), new SolverSettings(Method.EULER_POSTLN, 0.01, 1e-8, 1e-10, null, FieldKind.AUTO, 1));
        assertEquals(frames, s.time().frames());
        TrajectoryRecorder rec = new TrajectoryRecorder(2, 2);
        DoubleRuns.honest(s, rec);
        Path file = dir.resolve("long.npy");
        try (NpyWriter w = Npy.create(file, frames, 2, 2)) {
            for (double[] x : rec.trajectory().frames()) w.write(x, 0, x.length);
        }

        long[] seen = {0};
        ValidationListener inOrder = new ValidationListener() {
            @Override public void start(ValidationSetup setup) { assertEquals(frames, setup.frames()); }
            @Override public void frame(FrameCheck check) { assertEquals(seen[0]++, check.frame(), "frames arrive in order, one by one"); }
            @Override public void finish(ValidationSummary summary) { assertEquals(frames, seen[0]); }
        };
        ValidationSummary summary;
        CountingSource source;
        try (CountingSource counting = new CountingSource(TrajectorySources.open(file, 2, 2))) {
            source = counting;
            summary = Validation.validate("streaming", s, file.toString(), counting, new Validation.Options(null, null, null, 14, null), inOrder);
        }
        assertEquals(Verdict.PASS, summary.verdict(), summary.reasons().toString());
        assertTrue(summary.maxDeviation() < 1e-13, "our own S1 against its replay: " + summary.maxDeviation());
        assertEquals(frames, source.reads, "every frame read once");
        assertEquals(2, source.buffers.size(), "two frame buffers for " + frames + " frames");
        assertEquals(source.buffers.size(), summary.framesHeld(), "the report states what was held");
    }
}
