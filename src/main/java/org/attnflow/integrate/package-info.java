/**
 * Double-precision time integration of the attention dynamics, in the manner of Hipparchus' ODE package: one
 * small interface per concept and the frames delivered to a handler.
 *
 * <ul>
 *   <li>{@link org.attnflow.integrate.Integrator}: advances a start through a {@link org.attnflow.model.TimeGrid},
 *       handing each saved frame to a {@link org.attnflow.integrate.FrameHandler}, and returns
 *       {@link org.attnflow.integrate.SolverStatistics}. Two implementations:
 *       {@link org.attnflow.integrate.FixedStepIntegrator} (any {@link org.attnflow.integrate.FixedStepMethod},
 *       landing exactly on the save times) and {@link org.attnflow.integrate.Dopri5Integrator} (adaptive, dense
 *       output).</li>
 *   <li>{@link org.attnflow.integrate.FixedStepMethod}: one step of euler-postln (S1), euler-projected (S2), rk4,
 *       rkmk4 (RK4 in the sphere's normal coordinates, norm-exact) or dopri5 with its step held fixed.</li>
 *   <li>{@link org.attnflow.integrate.Integrators#create}: from a scenario's solver settings;
 *       {@link org.attnflow.model.Method} names the methods.</li>
 *   <li>{@link org.attnflow.integrate.TrajectoryRecorder} keeps the frames as a
 *       {@link org.attnflow.integrate.Trajectory}.</li>
 * </ul>
 *
 * Workspaces are allocated when a method or integrator is built, never per step (as in EJML), so instances are
 * not thread-safe: build one per thread. States are row-major n×d arrays, as for the field; on the sphere every
 * method except rkmk4 retracts (normalises) each token after each step.
 */
package org.attnflow.integrate;
