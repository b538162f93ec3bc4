package org.attnflow.reference;

/** Receives each saved frame of a reference run, in order (frame 0 is the initial state). */
@FunctionalInterface
public interface ReferenceFrameHandler {
    void frame(ReferenceFrame frame);
}
