package org.attnflow.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An output directory that appears complete or not at all. Files are written into a hidden temporary sibling
 * ({@code .NAME.partial-XXXXXXXX}, on the same file system) and {@link #commit()} renames it to the target in
 * one atomic step. {@link #close()} without a commit (an error, an interrupt) deletes the temporary directory,
 * and any parent directories this run created, so nothing is left behind; a JVM shutdown hook does the same on
 * Ctrl-C.
 *
 * <p>An existing target is refused, unless {@code force} is given: then it is replaced at commit, and only if it
 * looks like an earlier attnflow output (it holds {@code run.json}) or is empty, so that a mistyped {@code --out}
 * never deletes unrelated data. Replacing renames the old directory aside, renames the new one into place and
 * only then deletes the old one: at every instant the target is the old complete run or the new complete run,
 * except for the instant between the two renames, when it is absent.
 */
public final class RunDirectory implements AutoCloseable {
    /** The file whose presence marks a directory as attnflow's output (replaceable with force). */
    public static final String MARKER = "run.json";

    private final Path target;
    private final boolean force;
    private final Path temporary;
    private final List<Path> createdParents;
    private final Thread cleanupOnExit;
    private boolean committed;
    private boolean closed;

    private RunDirectory(Path target, boolean force, Path temporary, List<Path> createdParents) {
        this.target = target;
        this.force = force;
        this.temporary = temporary;
        this.createdParents = createdParents;
        this.cleanupOnExit = new Thread(this::discard, "attnflow-run-directory-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    }

    /**
     * Prepares to write {@code target}: checks that it may be written (refused if it exists and {@code force}
     * is false), creates missing parent directories and the temporary sibling.
     */
    public static RunDirectory create(Path target, boolean force) {
        Path absolute = target.toAbsolutePath().normalize();
        if (absolute.getParent() == null) throw new InputException("cannot write the output into the root directory " + target);
        checkWritable(target, absolute, force);
        List<Path> created = new ArrayList<>();
        try {
            for (Path p = absolute.getParent(); p != null && !Files.exists(p); p = p.getParent()) created.add(0, p);
            if (!created.isEmpty()) Files.createDirectories(absolute.getParent());
            Path temp = absolute.resolveSibling("." + absolute.getFileName() + ".partial-" + UUID.randomUUID().toString().substring(0, 8));
            Files.createDirectory(temp);
            return new RunDirectory(absolute, force, temp, created);
        } catch (IOException e) {
            deleteEmptyParents(created);
            throw new InputException("cannot create the output directory " + target + ": " + describe(e));
        }
    }

    /** Where the files go until {@link #commit()}. */
    public Path path() { return temporary; }

    /** A file in the directory being written. */
    public Path resolve(String name) { return temporary.resolve(name); }

    /** The final directory. */
    public Path target() { return target; }

    /** Moves the complete directory into place (see the class comment for an existing target). */
    public void commit() {
        if (committed) return;
        if (closed) throw new IllegalStateException("run directory already discarded");
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                checkWritable(target, target, force);
                Path old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID().toString().substring(0, 8));
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                    throw e;
                }
                committed = true;
                deleteTree(old);
            } else {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
                committed = true;
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new InputException("cannot move the output into place atomically at " + target + ": " + describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the output into place at " + target, e);
        }
    }

    /** Deletes everything written unless {@link #commit()} succeeded. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        discard();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to remove
        }
    }

    private synchronized void discard() {
        if (committed || !Files.exists(temporary)) return;
        try {
            deleteTree(temporary);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("attnflow: could not delete the incomplete output " + temporary + ": " + e.getMessage());
        }
        deleteEmptyParents(createdParents);
    }

    private static void checkWritable(Path shown, Path absolute, boolean force) {
        if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) return;
        if (!Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException("output " + shown + " exists and is not a directory");
        }
        if (!force) throw new InputException("output directory " + shown + " already exists (pass --force to replace it)");
        boolean empty;
        try (Stream<Path> entries = Files.list(absolute)) {
            empty = entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new InputException("cannot read the existing output directory " + shown + ": " + describe(e));
        }
        if (!empty && !Files.isRegularFile(absolute.resolve(MARKER))) {
            throw new InputException("output directory " + shown + " exists and is not an attnflow output (no " + MARKER
                    + "); refusing to replace it even with --force");
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** Removes the parent directories this run created (deepest first), as long as they are empty. */
    private static void deleteEmptyParents(List<Path> created) {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (DirectoryNotEmptyException e) {
                return;
            } catch (IOException e) {
                return;
            }
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
