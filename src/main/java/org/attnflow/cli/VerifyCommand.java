package org.attnflow.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.attnflow.io.LoadedScenario;
import org.attnflow.io.ScenarioReader;
import org.attnflow.reference.InvariantViolation;
import org.attnflow.verify.ReportFile;
import org.attnflow.run.ScenarioRunner;
import org.attnflow.verify.Verification;
import org.attnflow.verify.VerifyJsonReport;
import org.attnflow.verify.VerifyReport;
import org.attnflow.verify.VerifyTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code attnflow verify}: the scenario's double-precision run checked against the arbitrary-precision reference. */
@Command(name = "verify", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Run a scenario with its double-precision method and with the arbitrary-precision reference, and compare them at every saved frame.",
                "",
                "dopri5: passes when the distance stays within the promise K*(rtol+atol)*(1+t), K = 1, and falls by >= 3.16 when rerun at rtol/10, atol/10. Fixed-step methods: the scheme also runs "
                        + "at h/2 and h/4; passes when the observed order matches the nominal one (+-0.3) and the run at h agrees with "
                        + "the same scheme replayed in arbitrary precision to rounding (1e-10).",
                "Distances: geodesic on the sphere, Euclidean scaled by max(1, |x|) in R^d."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:pass", "1:fail (or the run failed)", "2:bad input"})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "The scenario file (JSON; see README).")
    private Path scenario;

    @Mixin
    private ReferenceReportOptions shared;

    @Override
    public Integer call() throws Exception {
        LoadedScenario loaded = ScenarioReader.read(scenario);
        if (shared.report != null) ReportFile.checkTarget(shared.report);
        VerifyReport result;
        try {
            result = Verification.verify(scenario.toString(), loaded.scenario(), shared.digits,
                    (s, frames) -> ScenarioRunner.run(s, frames).statistics());
        } catch (InvariantViolation e) {
            throw new ArithmeticException("the reference stopped: " + e.getMessage());
        }
        VerifyTable.print(result, spec.commandLine().getOut());
        if (shared.report != null) ReportFile.write(shared.report, VerifyJsonReport.of(result));
        return result.verdict().exitCode();
    }
}
