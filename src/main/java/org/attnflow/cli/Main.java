package org.attnflow.cli;

import org.attnflow.io.BuildInfo;
import org.attnflow.io.InputException;
import org.attnflow.io.Resources;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The {@code attnflow} command. Each subcommand is one class of this package, registered in {@code subcommands}.
 *
 * <p>Errors never show a stack trace: bad input (an {@link InputException} anywhere, or a usage error) prints
 * {@code attnflow: <message>} on stderr and exits {@value #EXIT_INPUT}; a run that fails for another reason
 * (numerical breakdown, I/O) prints its message and exits {@value #EXIT_FAILED}. Set the environment variable
 * {@code ATTNFLOW_DEBUG=1} to see the stack trace of the latter.
 */
@Command(name = "attnflow", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Transformers as interacting particle systems: simulate self-attention dynamics "
                + "(with and without causal masking), cross-check and time them.",
        subcommands = {SimulateCommand.class, VerifyCommand.class, ValidateCommand.class, IdentifyCommand.class, AnalyzeCommand.class, PlotCommand.class,
                RenyiCommand.class, ClaimsCommand.class, SweepCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the run failed (numerical breakdown, I/O error)", "2:bad input or usage (the message says which)"})
public final class Main implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_INPUT = 2;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // the answer without building the command model (picocli reflects over every subcommand's options:
            // ~0.8 s of class loading on a loaded 2-core machine against ~0.2 s for the JVM itself)
            for (String line : new Version().getVersion()) System.out.println(line);
            System.exit(EXIT_OK);
        }
        Interruption.install(System.err);
        int code;
        try {
            code = execute(commandLine(), args);
        } finally {
            Interruption.finished();
        }
        System.exit(code);
    }

    /**
     * Runs the command line; an {@link OutOfMemoryError} or {@link StackOverflowError} that escapes a command
     * (picocli hands Errors through) becomes one line and exit {@value #EXIT_FAILED}, like any run failure. The
     * command's run directory has already been deleted by then: its close() ran as the error passed.
     */
    static int execute(CommandLine cl, String[] args) {
        Interruption.reset();
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            PrintWriter err = cl.getErr();
            err.println("attnflow: " + resourceMessage(e));
            err.flush();
            return EXIT_FAILED;
        } catch (Error e) {
            // a broken installation (a missing library: NoClassDefFoundError) or another JVM error: still one line
            PrintWriter err = cl.getErr();
            err.println("attnflow: internal error: " + oneLine(String.valueOf(e)) + (debug() ? "" : " (set ATTNFLOW_DEBUG=1 to see where)"));
            if (debug()) e.printStackTrace(err);
            err.flush();
            return EXIT_FAILED;
        }
    }

    /** The one line for a JVM resource error (also when it arrives as the cause of another exception). */
    static String resourceMessage(VirtualMachineError e) {
        long heap = Runtime.getRuntime().maxMemory();
        if (e instanceof OutOfMemoryError) {
            return "out of memory (the JVM's heap is " + Resources.bytes(heap) + "): the run needs more; " + Resources.HEAP_ADVICE
                    + ", or make the run smaller (fewer frames, tokens or digits); any partial output was removed";
        }
        return "the run failed: stack overflow (a deeply nested input?); any partial output was removed";
    }

    /** The configured command line; tests call {@code commandLine().setErr(...).execute(args)} in-process. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler((e, failed, parseResult) -> runError(e, failed.getErr()));
        cl.setExitCodeExceptionMapper(e -> e instanceof InputException ? EXIT_INPUT : EXIT_FAILED);
        cl.getSubcommands().get("simulate").getCommandSpec().usageMessage().footer(SimulateCommand.methodsFooter());
        cl.getSubcommands().get("verify").getCommandSpec().usageMessage().description(VerifyCommand.description());
        cl.getSubcommands().get("claims").getCommandSpec().usageMessage().description(ClaimsCommand.description());
        return cl;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required, e.g. simulate (see attnflow --help)");
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine failed = e.getCommandLine();
        failed.getErr().println("attnflow: " + oneLine(e.getMessage()) + " (see " + failed.getCommandSpec().qualifiedName() + " --help)");
        failed.getErr().flush();
        return EXIT_INPUT;
    }

    private static int runError(Exception e, PrintWriter err) {
        int code;
        String message;
        VirtualMachineError vm = resourceCause(e);
        if (vm != null) {
            code = EXIT_FAILED;
            message = resourceMessage(vm);
        } else if (e instanceof InputException) {
            code = EXIT_INPUT;
            message = e.getMessage();
        } else if (e instanceof ArithmeticException) {
            code = EXIT_FAILED;
            message = "the run failed: " + e.getMessage();
        } else if (e instanceof UncheckedIOException || e instanceof java.io.IOException) {
            code = EXIT_FAILED;
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            message = "I/O error: " + e.getMessage() + (cause != e ? ": " + cause.getMessage() : "");
        } else {
            code = EXIT_FAILED;
            message = "internal error: " + e + (debug() ? "" : " (set ATTNFLOW_DEBUG=1 to see where)");
        }
        err.println("attnflow: " + oneLine(message));
        if (debug() && code != EXIT_INPUT) e.printStackTrace(err);
        err.flush();
        return code;
    }

    /** An OutOfMemoryError or StackOverflowError in e's causes (from a worker thread, through a Future), or null. */
    private static VirtualMachineError resourceCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError || t instanceof StackOverflowError) return (VirtualMachineError) t;
        }
        return null;
    }

    private static boolean debug() {
        String v = System.getenv("ATTNFLOW_DEBUG");
        return v != null && !v.isEmpty() && !v.equals("0");
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /** {@code --version}: attnflow's version (jar manifest) and the JDK it runs on. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"attnflow " + BuildInfo.version(), "JDK " + BuildInfo.jdk()};
        }
    }
}
