package org.attnflow.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.attnflow.io.InputException;
import org.attnflow.io.LoadedScenario;
import org.attnflow.io.ScenarioReader;
import org.attnflow.model.Method;
import org.attnflow.model.Scenario;
import org.attnflow.model.TimeGrid;
import org.attnflow.model.Decimals;
import org.attnflow.reference.InvariantViolation;
import org.attnflow.verify.ConvergenceOrder;
import org.attnflow.verify.Dopri5Promise;
import org.attnflow.verify.ReportFile;
import org.attnflow.verify.ToleranceProportionality;
import org.attnflow.verify.Validation;
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
        description = "(set by description(): built from the constants the checks use)",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:pass", "1:fail (or the run failed)", "2:bad input"})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "The scenario file (JSON; see README).")
    private Path scenario;

    @Option(names = "--end", paramLabel = "T", description = "Verify the scenario up to time T only (its saved times up to T, and T).")
    private Double end;

    @Option(names = "--against", paramLabel = "reference|enclosure", defaultValue = "reference", description = "The exact solution: the "
            + "reference (an error estimate; default) or the enclosure's proved boxes (small systems; a verdict that rests on a proof).")
    private String against;

    @Mixin
    private ReferenceReportOptions shared;

    /** The scenario's save times up to T, and T itself: a scenario cut short. */
    static Scenario cut(Scenario s, double end) {
        if (!(end > 0) || !Double.isFinite(end)) throw new InputException("--end must be a time > 0, got " + end);
        if (end >= s.time().end()) return s;
        java.util.List<Double> kept = new java.util.ArrayList<>();
        for (double t : s.time().times()) if (t < end) kept.add(t);
        kept.add(end);
        double[] times = kept.stream().mapToDouble(Double::doubleValue).toArray();
        return new Scenario(s.model(), s.initial(), new TimeGrid(times), s.solver());
    }

    @Mixin
    private ProgressOption progress;

    /** The help's description, from the constants the verdict uses (never typed twice). */
    static String[] description() {
        return new String[] {
                "Run a scenario with its double-precision method and with the arbitrary-precision reference, and compare them at every saved frame.",
                "",
                String.format(Locale.ROOT, "dopri5: passes when the distance stays within the promise K*(rtol+atol)*(1+t), K = %s, and falls by >= %.3g "
                        + "when rerun at rtol/%s, atol/%s. Fixed-step methods: the scheme also runs at h/2 and h/4; passes when the observed order "
                        + "matches the nominal one (+-%s) and the run at h agrees with the same scheme replayed in arbitrary precision to "
                        + "rounding (%s). The reference's error bound must stay %sx below what it checks.",
                        num(Dopri5Promise.K), ToleranceProportionality.REQUIRED_DROP, num(ToleranceProportionality.TIGHTENING),
                        num(ToleranceProportionality.TIGHTENING), num(ConvergenceOrder.ORDER_TOLERANCE), num(Validation.DEFAULT_TOLERANCE),
                        num(Verification.REFERENCE_MARGIN)),
                "Distances: geodesic on the sphere, Euclidean scaled by max(1, |x|) in R^d. A long reference run is announced with "
                        + "an estimate of its time; --progress shows a bar per run."};
    }

    /** A constant as written in the docs: 10, 0.3, 1e-10. */
    static String num(double v) { return Decimals.show(v); }

    @Override
    public Integer call() throws Exception {
        LoadedScenario loaded = ScenarioReader.read(scenario);
        if (!against.equals("reference") && !against.equals("enclosure")) {
            throw new InputException("--against must be reference or enclosure, got '" + against + "'");
        }
        boolean boxes = against.equals("enclosure");
        Scenario s0 = loaded.scenario();
        if (end != null) s0 = cut(s0, end);
        if (shared.report != null) ReportFile.checkTarget(shared.report);
        int digits = shared.digits != null ? shared.digits : boxes ? Method.ENCLOSURE_DEFAULT_DIGITS : Verification.DEFAULT_DIGITS;
        VerifyReport result;
        try (StageProgress stages = new StageProgress(progress.mode, spec.commandLine().getErr())) {
            result = Verification.verify(scenario.toString(), s0, digits, (s, frames) -> ScenarioRunner.run(s, frames).statistics(), stages, boxes);
        } catch (InvariantViolation e) {
            throw new ArithmeticException("the reference stopped: " + e.getMessage());
        }
        VerifyTable.print(result, spec.commandLine().getOut());
        if (shared.report != null) ReportFile.write(shared.report, VerifyJsonReport.of(result));
        return result.verdict().exitCode();
    }
}
