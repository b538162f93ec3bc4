package org.attnflow.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine's limits a command checks <b>before</b> it starts work: the heap the JVM may use
 * ({@link Runtime#maxMemory()}) against what a run will hold, and the free space of the output's file system
 * ({@link java.nio.file.FileStore#getUsableSpace()}) against what it will write. A run that cannot fit is refused
 * with one line ({@link InputException}, exit 2) saying how much it needs, how much there is, and what to change;
 * it never climbs to an {@link OutOfMemoryError} or a full disk half-way.
 *
 * <p>Tests replace the two figures with small ones ({@link #override}), so that a run of 10^7 frames is refused
 * in-process without allocating anything.
 */
public final class Resources {
    /**
     * The share of the heap one command's large arrays may claim: the rest is the JVM's, the JIT's and the
     * command's own bookkeeping (a trajectory's frames plus a figure's or an analysis' working arrays).
     */
    public static final double HEAP_SHARE = 0.75;

    /** Free space left untouched on the output's file system: a disk filled to the last byte breaks other programs. */
    public static final long DISK_RESERVE = 64L << 20;

    /** Where to raise the heap: the launcher passes {@code JAVA_OPTS} to the JVM. */
    public static final String HEAP_ADVICE = "raise the JVM's heap, e.g. JAVA_OPTS=-Xmx8g ./attnflow ...";

    private static volatile Long heapOverride;
    private static volatile Long diskOverride;

    private Resources() {}

    /** The heap this JVM may use, in bytes. */
    public static long maxHeap() {
        Long o = heapOverride;
        return o != null ? o : Runtime.getRuntime().maxMemory();
    }

    /** Usable bytes on the file system that holds {@code target} (or its nearest existing ancestor). */
    public static long freeDisk(Path target) {
        Long o = diskOverride;
        if (o != null) return o;
        Path p = target.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) p = p.getParent();
        if (p == null) return Long.MAX_VALUE;
        try {
            return Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE; // unknown: the writes themselves will say
        }
    }

    /**
     * Refuses the work unless {@code bytes} fit {@link #HEAP_SHARE} of the heap. {@code what} says what the
     * memory is for ("verify holds 3 double runs of 10000001 frames x 32 tokens x 2"); {@code instead} what else
     * the user can do (may be empty).
     */
    public static void requireHeap(double bytes, String what, String instead) {
        double allowed = HEAP_SHARE * maxHeap();
        if (bytes <= allowed) return;
        throw new InputException(String.format(Locale.ROOT, "%s: needs about %s of memory, more than this JVM's heap allows (%s of %s); %s%s",
                what, bytes(bytes), bytes(allowed), bytes(maxHeap()), HEAP_ADVICE, instead == null || instead.isEmpty() ? "" : ", or " + instead));
    }

    /** Refuses the work unless {@code bytes} can be written next to {@code target} with {@link #DISK_RESERVE} to spare. */
    public static void requireDisk(Path target, double bytes, String what, String instead) {
        long free = freeDisk(target);
        if (bytes + DISK_RESERVE <= free) return;
        throw new InputException(String.format(Locale.ROOT, "%s: would write about %s, but the file system of %s has %s free%s",
                what, bytes(bytes), target, bytes(Math.max(0, free)), instead == null || instead.isEmpty() ? "" : "; " + instead));
    }

    /** A byte count for people: "61.4 GB", "512 MB", "3.2 kB" (powers of 1000, as disks are sold). */
    public static String bytes(double b) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB"};
        int u = 0;
        while (b >= 999.5 && u < units.length - 1) {
            b /= 1000;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f bytes", b) : String.format(Locale.ROOT, "%.3g %s", b, units[u]);
    }

    /**
     * Replaces the heap and free-disk figures (null: the machine's) until the returned handle is closed. For tests:
     * a hostile input is refused in-process against a small figure, without allocating or writing it.
     */
    public static Limits override(Long heapBytes, Long freeDiskBytes) {
        Limits previous = new Limits(heapOverride, diskOverride);
        heapOverride = heapBytes;
        diskOverride = freeDiskBytes;
        return previous;
    }

    /** Restores the figures that were in force before {@link #override}. */
    public static final class Limits implements AutoCloseable {
        private final Long heap;
        private final Long disk;

        private Limits(Long heap, Long disk) {
            this.heap = heap;
            this.disk = disk;
        }

        @Override
        public void close() {
            heapOverride = heap;
            diskOverride = disk;
        }
    }
}
