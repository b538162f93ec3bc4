package org.attnflow.enclosure;

/**
 * The validated integrator could not continue: no step size passed the a priori enclosure and remainder tests,
 * or the step bound was reached. Every frame handed out before is still proved; none is handed out after.
 */
public final class EnclosureFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EnclosureFailedException(String message) { super(message); }
}
