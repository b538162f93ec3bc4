package org.attnflow.cli;

import org.attnflow.model.SolverSettings;
import org.attnflow.verify.Verification;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/** The options every command that checks against the reference shares ({@code verify}, {@code validate}): a picocli mixin. */
final class ReferenceReportOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    /** The digits asked for, or null: the command's default (verify: {@link Verification#DEFAULT_DIGITS}; validate: from its tolerance). */
    Integer digits;

    /** {@code --digits}: refused at once, before any file is read, below {@link SolverSettings#MIN_DIGITS}. */
    @Option(names = "--digits", paramLabel = "D",
            description = "Decimal digits of the reference, " + SolverSettings.MIN_DIGITS + " to " + SolverSettings.MAX_DIGITS + " (default: verify "
                    + Verification.DEFAULT_DIGITS + "; validate as many as its tolerance needs).")
    void digits(int value) {
        String few = SolverSettings.digitsOutOfRange(value);
        if (few != null) throw new ParameterException(spec.commandLine(), "--digits " + few);
        digits = value;
    }

    @Option(names = "--report", paramLabel = "FILE.json", description = "Also write the report as JSON (schema in README).")
    Path report;
}
