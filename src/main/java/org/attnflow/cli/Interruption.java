package org.attnflow.cli;

import java.io.PrintStream;

/**
 * What a Ctrl-C (SIGINT, or a SIGTERM) says. The JVM runs its shutdown hooks and exits with 130 (143 for SIGTERM);
 * the run directories delete their partial output in their own hooks. This one, installed by {@link Main#main},
 * finishes a progress line that is open, then prints one line: {@code attnflow: interrupted; <what was kept>}.
 * Each command states what an interrupt keeps ({@link #keeps}) as soon as it knows; the default is that nothing
 * was written.
 */
final class Interruption {
    /** What an interrupt keeps unless a command says otherwise. */
    static final String NOTHING_KEPT = "nothing was written";

    private static volatile String kept = NOTHING_KEPT;
    private static volatile boolean finished;
    private static volatile boolean lineOpen;

    private Interruption() {}

    /** Installs the hook (once per JVM, from {@link Main#main}). */
    static void install(PrintStream err) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (finished) return;
            err.print(message());
            err.flush();
        }, "attnflow-interrupt"));
    }

    /** The text the hook prints: a line break first when a progress bar is mid-line. */
    static String message() {
        return (lineOpen ? System.lineSeparator() : "") + "attnflow: interrupted; " + kept + System.lineSeparator();
    }

    /** What an interrupt from now on keeps ("finished runs are kept in DIR; continue with --resume"). */
    static void keeps(String what) { kept = what; }

    /** A progress bar is drawing (true) or has finished its line (false). */
    static void progressLine(boolean open) { lineOpen = open; }

    /** The command has returned: the JVM's exit is no interrupt. */
    static void finished() { finished = true; }

    /** Back to the start state (tests run many commands in one JVM). */
    static void reset() {
        kept = NOTHING_KEPT;
        lineOpen = false;
        finished = false;
    }
}
