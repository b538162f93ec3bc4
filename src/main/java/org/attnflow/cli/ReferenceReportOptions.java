package org.attnflow.cli;

import org.attnflow.verify.Verification;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options every command that checks against the reference shares ({@code verify}, {@code validate}): a picocli mixin. */
final class ReferenceReportOptions {

    @Option(names = "--digits", paramLabel = "D", defaultValue = "" + Verification.DEFAULT_DIGITS,
            description = "Decimal digits of the reference (default: ${DEFAULT-VALUE}).")
    int digits;

    @Option(names = "--report", paramLabel = "FILE.json", description = "Also write the report as JSON (schema in README).")
    Path report;
}
