package org.attnflow.integrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TrajectoryTest {

    @Test
    void recorderCopiesFramesAndTrajectoryIsImmutable() {
        TrajectoryRecorder rec = new TrajectoryRecorder(2, 1);
        double[] x = {1, 2};
        for (int f = 0; f < 40; f++) {
            x[0] = f;
            rec.frame(f, 0.5 * f, x);
        }
        Trajectory t = rec.trajectory();
        assertEquals(40, t.frameCount());
        assertEquals(2, t.n());
        assertEquals(1, t.d());
        assertEquals(19.5, t.time(39));
        assertEquals(39, t.get(39, 0, 0));
        assertArrayEquals(new double[] {2}, t.token(7, 1));
        t.frame(3)[0] = -1;
        t.frames()[3][0] = -1;
        t.times()[3] = -1;
        assertEquals(3, t.get(3, 0, 0));
        assertEquals(1.5, t.time(3));
    }

    @Test
    void framesMustArriveInOrderWithTheRightShape() {
        TrajectoryRecorder rec = new TrajectoryRecorder(2, 2);
        assertThrows(IllegalStateException.class, () -> rec.frame(1, 0, new double[4]));
        assertThrows(IllegalArgumentException.class, () -> rec.frame(0, 0, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> new Trajectory(new double[2], new double[1][4], 2, 2));
    }
}
