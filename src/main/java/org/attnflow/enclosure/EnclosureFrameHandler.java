package org.attnflow.enclosure;

/** Receives each saved time's enclosure as soon as it is proved, in time order. */
@FunctionalInterface
public interface EnclosureFrameHandler {
    void frame(EnclosureFrame frame);
}
