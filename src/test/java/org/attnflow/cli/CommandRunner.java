package org.attnflow.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the attnflow command line in-process and keeps what it printed. */
record CommandRunner(int exit, String out, String err) {

    static CommandRunner run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = Main.execute(Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)), args);
        return new CommandRunner(exit, out.toString(), err.toString());
    }
}
