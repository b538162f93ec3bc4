package org.attnflow.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.fasterxml.jackson.databind.JsonNode;
import org.attnflow.io.InputException;
import org.attnflow.io.Json;
import org.attnflow.io.OutputFiles;

/**
 * A report file that appears complete or not at all: written to a temporary file in the target's directory and
 * moved over the target by {@link #commit}. {@link #close} removes the temporary file if it was not committed.
 */
public final class ReportFile implements AutoCloseable {
    private final Path target;
    private final Path temporary;
    private boolean committed;

    /** Checks the target (see {@link #checkTarget}) and creates the temporary file. */
    ReportFile(Path target) throws IOException {
        checkTarget(target);
        Path absolute = target.toAbsolutePath();
        this.target = target;
        this.temporary = OutputFiles.temporarySibling(absolute);
    }

    /** Bad input unless {@code target} can be a report: its directory exists and it is not a directory itself. */
    public static void checkTarget(Path target) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) throw new InputException("--report " + target + ": directory " + dir + " does not exist");
        if (Files.isDirectory(absolute)) throw new InputException("--report " + target + " is a directory");
    }

    Path target() { return target; }

    Path temporary() { return temporary; }

    /** Writes {@code node} (indented JSON) into place at once. */
    public static void write(Path target, JsonNode node) throws IOException {
        try (ReportFile file = new ReportFile(target)) {
            Json.write(file.temporary, node);
            file.commit();
        }
    }

    void commit() {
        try {
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + target, e);
        }
    }

    @Override
    public void close() throws IOException {
        if (!committed) Files.deleteIfExists(temporary);
    }
}
