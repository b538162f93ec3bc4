/**
 * The immutable description of a run, the bottom layer every other package builds on: a {@link
 * org.attnflow.model.Scenario} is an {@link org.attnflow.model.AttentionModel}, an {@link
 * org.attnflow.model.InitialCondition}, a {@link org.attnflow.model.TimeGrid} and {@link
 * org.attnflow.model.SolverSettings}. Each concept of the scenario file is one type here that knows its
 * properties ({@link org.attnflow.model.Method}, {@link org.attnflow.model.FieldKind}, {@link
 * org.attnflow.model.Geometry}, {@link org.attnflow.model.Mask}, {@link org.attnflow.model.Normalization}, {@link
 * org.attnflow.model.InitialKind}), named in files by one rule ({@link org.attnflow.model.Keys}). This package
 * imports no other attnflow package.
 *
 * <h2>Input errors</h2>
 * A model type refuses a value with an {@code IllegalArgumentException} whose message starts with the scenario
 * key's path ({@code "solver.step: is required by the fixed-step method rk4"}). The io boundary converts it once:
 * {@code io.ScenarioReader} catches it around the construction of the scenario and throws an
 * {@code io.InputException} naming the file ({@code "s.json: solver.step: ..."}); JSON-shape errors (unknown key,
 * not a number, not an integer) come from {@code io.JsonFields} in the same format. The command line prints
 * {@code attnflow: <message>} and exits 2 for an {@code InputException}, 1 for anything else. Below io nothing
 * throws an {@code InputException}; a solver handed valid settings does not re-check them (they are consistent by
 * construction), and an {@code IllegalArgumentException} escaping a solver is a defect, reported as exit 1.
 *
 * <h2>How to add a method</h2>
 * <ol>
 *   <li>A constant in {@link org.attnflow.model.Method} with its nominal order, fixed step or adaptive, whether the
 *       double integrators run it and whether it runs in arbitrary precision (a double scheme that does both is
 *       {@linkplain org.attnflow.model.Method#replayable replayable}), and its one-line summary. What it does with
 *       {@code solver.digits}, {@code step}, {@code rtol}, {@code atol} follows ({@link
 *       org.attnflow.model.Method#use}); the reader, {@link org.attnflow.model.SolverSettings}, {@code simulate
 *       --help}, {@code validate --scheme} and the messages ask the type, so they follow by themselves.</li>
 *   <li>Its implementation where the compiler asks for it: a double method in {@code
 *       integrate.Integrators#fixedStep} (one {@code FixedStepMethod}), a replayable one also in {@code
 *       reference.FixedStepReplay} (the same formulas in the same order, at working precision), an
 *       arbitrary-precision-only one in {@code reference.ReferenceSolver}'s propagator.</li>
 *   <li>A model it cannot run: say so in {@link org.attnflow.model.Method#unsupported}; the scenario reader (and
 *       with it every sweep combination) rejects the combination with that one line.</li>
 *   <li>Tests: the method's order on the oracles ({@code ConvergenceOrderTest} runs every double method), its
 *       invariants ({@code InvariantPropertyTest}), a replay against the double scheme ({@code FixedStepReplayTest}
 *       runs every replayable method), and the README's method table ({@code MethodTest} checks every key is in it).</li>
 * </ol>
 *
 * <h2>How to add a field kind</h2>
 * A constant in {@link org.attnflow.model.FieldKind} and its case in {@code field.Fields#create} (an exhaustive
 * switch); the reader accepts the key by itself. The new field must give the scalar field's numbers to within
 * 10^-13 relative and keep I2 bit for bit ({@code FieldsTest} builds every kind; add it to the field tests'
 * model lists).
 *
 * <h2>How to add a model option</h2>
 * <ol>
 *   <li>Its type here (an enum named by {@link org.attnflow.model.Keys}, or a value) and a component of {@link
 *       org.attnflow.model.AttentionModel} (or the section it belongs to), checked in the record's constructor with
 *       an {@code IllegalArgumentException} that starts with its key ({@code "model.heads: ..."}).</li>
 *   <li>The key in {@code io.ScenarioReader} (its section's key list, read with {@code JsonFields}) and its default in
 *       {@code io.LoadedScenario#asRun}, so that run.json states it.</li>
 *   <li>It arrives in every solver (the scalar field, the SIMD kernels, the reference field and the fixed-step
 *       replays) or the reader rejects the combination with one clear line (through {@link
 *       org.attnflow.model.Method#unsupported} when it depends on the method).</li>
 *   <li>Its equations in spec/math.md (§1 models), the README's scenario tables, and tests on an oracle.</li>
 * </ol>
 */
package org.attnflow.model;
