package org.attnflow.model;

import java.util.List;

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
        List<AttentionModel.Piece> pieces = model.schedule();
        if (!pieces.isEmpty() && pieces.get(pieces.size() - 1).untilDouble() < time.end()) {
            throw new IllegalArgumentException("model.schedule: the last piece ends at until = " + pieces.get(pieces.size() - 1).until().toPlainString()
                    + ", before time.end = " + time.end() + " (the pieces must cover the run)");
        }
        if (!model.carriesRadius() && !initial.unitRadius()) {
            throw new IllegalArgumentException("initial.radius: has no effect with model.layer_norm " + model.layerNorm().key()
                    + " (only pre, peri and mix carry a radius)");
        }
    }

    public int tokens() { return initial.n(); }

    public int dimension() { return model.dimension(); }
}
