package org.attnflow.field.simd;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the items 0..count−1 of one evaluation phase on a fixed number of threads (the caller plus helpers from
 * a shared pool of daemon threads), each thread claiming the next unclaimed item. Each thread has a slot
 * number, so that it can use its own workspace.
 *
 * <p>Errors are deterministic: when items throw, the exception of the lowest-numbered failing item is rethrown
 * in the caller (the one a single thread, working in order, would have met first), whatever the scheduling.
 * Items after a failure may be skipped.
 */
final class ParallelRunner {
    /** Work of one item on the thread holding {@code slot} (0 ≤ slot < threads). */
    interface Item {
        void run(int item, int slot);
    }

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    // Idle helpers die after a minute; the pool never keeps the JVM alive.
    private static final ExecutorService HELPERS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "attnflow-field-" + THREAD_NUMBER.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private final int threads;

    ParallelRunner(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        this.threads = threads;
    }

    int threads() { return threads; }

    void run(int count, Item item) {
        if (threads == 1 || count <= 1) {
            for (int i = 0; i < count; i++) item.run(i, 0);
            return;
        }
        Phase phase = new Phase(count, item);
        int helpers = Math.min(threads, count) - 1;
        Phaser done = new Phaser(helpers + 1);
        for (int s = 1; s <= helpers; s++) {
            int slot = s;
            HELPERS.execute(() -> {
                try {
                    phase.work(slot);
                } finally {
                    done.arrive();
                }
            });
        }
        phase.work(0);
        done.arriveAndAwaitAdvance(); // uninterruptible: the helpers finish their current item quickly
        phase.rethrow();
    }

    /** The shared state of one {@link #run}. */
    private static final class Phase {
        private final int count;
        private final Item item;
        private final AtomicInteger next = new AtomicInteger();
        private int failedItem = Integer.MAX_VALUE;
        private Throwable failure; // a RuntimeException or an Error

        Phase(int count, Item item) {
            this.count = count;
            this.item = item;
        }

        void work(int slot) {
            for (int i = next.getAndIncrement(); i < count && i < failedItem(); i = next.getAndIncrement()) {
                try {
                    item.run(i, slot);
                } catch (RuntimeException | Error e) {
                    fail(i, e);
                }
            }
        }

        private synchronized int failedItem() { return failedItem; }

        private synchronized void fail(int i, Throwable e) {
            if (i < failedItem) {
                failedItem = i;
                failure = e;
            }
        }

        synchronized void rethrow() {
            if (failure instanceof RuntimeException r) throw r;
            if (failure instanceof Error e) throw e;
        }
    }
}
