package org.attnflow.verify;

import org.attnflow.model.Keys;

/** The outcome of {@code verify} or {@code validate}: exit status 0 for pass, 1 for fail. */
public enum Verdict {
    PASS, FAIL;

    public String key() { return Keys.of(this); }

    public int exitCode() { return this == PASS ? 0 : 1; }
}
