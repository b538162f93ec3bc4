package org.attnflow.model;

/**
 * One run: scenario → model → field → integrator → trajectory. Immutable; read from a scenario file by
 * {@code org.attnflow.io.ScenarioReader}, which also keeps the file's exact text for the run record.
 */
public record Scenario(AttentionModel model, InitialCondition initial, TimeGrid time, SolverSettings solver) {

    public Scenario {
        if (initial.d() != model.dimension()) {
            throw new IllegalArgumentException("initial.d: " + initial.d() + ", but the model's matrices are for d = " + model.dimension());
        }
        if (solver.method().fixedStep() && solver.step() != null) {
            String many = SolverSettings.tooManySteps(time.end(), solver.step());
            if (many != null) throw new IllegalArgumentException("solver.step: " + many);
        }
    }

    public int tokens() { return initial.n(); }

    public int dimension() { return model.dimension(); }
}
