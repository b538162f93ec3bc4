package org.attnflow.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.attnflow.io.BuildInfo;
import org.attnflow.io.InputException;
import org.attnflow.io.InputFiles;
import org.attnflow.io.Json;
import org.attnflow.io.JsonFields;
import org.attnflow.io.RunDirectory;
import org.attnflow.plot.Captioned;
import org.attnflow.plot.FigureFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The output directory of a sweep, and the rules that make it restartable.
 *
 * <ul>
 *   <li>{@value #SPEC} — written when the sweep starts: the sweep as written ({@code source}) and resolved (the
 *       base scenario inlined, with every generated seed: {@code sweep}). The directory appears with it or not at
 *       all (it is created through {@link RunDirectory}). On {@code --resume} it is the authority: the sweep is
 *       re-read from it, and a sweep file given as well must be the same.</li>
 *   <li>{@value #RESULTS_CSV} (local runs: the {@link ResultJournal}) or {@value #RESULTS_PARQUET} (Spark):
 *       one row per finished run.</li>
 *   <li>{@value #AGGREGATE} and {@code phase-*.png} — written when every run is done, each file complete or not
 *       at all (a temporary sibling moved into place).</li>
 *   <li>{@value #LOCK} — an OS file lock held while a process works in the directory: two sweeps never write the
 *       same results.</li>
 * </ul>
 */
public final class SweepDirectory implements AutoCloseable {
    public static final String SPEC = "sweep.json";
    public static final String RESULTS_CSV = "results.csv";
    public static final String RESULTS_PARQUET = "results.parquet";
    public static final String AGGREGATE = "aggregate.csv";
    public static final String LOCK = ".lock";

    private final Path dir;
    private final SweepSpec spec;
    private final boolean resumed;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private SweepDirectory(Path dir, SweepSpec spec, boolean resumed, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.spec = spec;
        this.resumed = resumed;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens {@code out} for {@code given} (null: only allowed when resuming, the sweep is then read from
     * {@value #SPEC}). Without {@code resume}, {@code out} must not exist yet (or be an empty directory). With
     * it, an existing sweep directory is continued, and a missing one is started.
     */
    public static SweepDirectory open(Path out, SweepSpec given, boolean resume) {
        Path specFile = out.resolve(SPEC);
        boolean exists = Files.exists(out);
        if (exists && !Files.isDirectory(out)) throw new InputException("--out " + out + " exists and is not a directory");
        if (exists && Files.exists(specFile)) {
            if (!resume) throw new InputException(out + " holds a sweep already: pass --resume to continue it, or choose another --out");
            SweepSpec stored = readSpec(specFile);
            if (given != null && !(given.source().equals(stored.source()) && given.base().equals(stored.base()))) {
                throw new InputException("--spec differs from the sweep started in " + out + " (" + SPEC + "; a base scenario with "
                        + "generated seeds can only be resumed from there): resume without --spec, or choose another --out");
            }
            return locked(out, stored, true);
        }
        if (given == null) {
            throw new InputException(resume ? out + " holds no sweep (" + SPEC + " is missing) and no --spec was given to start one"
                    : "--spec is required to start a sweep");
        }
        if (exists && !isEmpty(out)) throw new InputException("--out " + out + " exists and is not a sweep directory (no " + SPEC + "); choose another --out");
        try (RunDirectory fresh = RunDirectory.create(out, exists)) {
            ObjectNode record = Json.MAPPER.createObjectNode();
            record.putObject("attnflow").put("version", BuildInfo.version()).put("jdk", BuildInfo.jdk()).put("started", Instant.now().toString());
            record.set("source", given.source());
            record.set("sweep", given.resolved());
            Json.write(fresh.resolve(SPEC), record);
            fresh.commit();
        }
        return locked(out, given, false);
    }

    private static SweepSpec readSpec(Path specFile) {
        // the one preamble of every JSON input: bounded read, strict UTF-8, parser messages without Jackson's internals
        JsonNode record = new JsonFields(specFile.toString()).document(InputFiles.readText(specFile, "sweep record"), "sweep record", null);
        JsonNode sweep = record.get("sweep");
        JsonNode source = record.get("source");
        if (sweep == null || !sweep.isObject() || source == null || !source.isObject()) throw new InputException(specFile + ": not a sweep record (no sweep or source object)");
        String text;
        try {
            text = Json.MAPPER.writeValueAsString(sweep);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // keep the source as the user wrote it, for the comparison with a --spec given on resume
        return SweepReader.parse(text, specFile.toString(), null).withSource((ObjectNode) source);
    }

    private static SweepDirectory locked(Path out, SweepSpec spec, boolean resumed) {
        try {
            FileChannel ch = FileChannel.open(out.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                ch.close();
                throw new InputException("another attnflow sweep is working in " + out + " (its " + LOCK + " is locked)");
            }
            return new SweepDirectory(out, spec, resumed, ch, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + out.resolve(LOCK), e);
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    public Path path() { return dir; }

    public SweepSpec spec() { return spec; }

    /** Whether the directory held this sweep already (resumed) or was started now. */
    public boolean resumed() { return resumed; }

    public Path resolve(String name) { return dir.resolve(name); }

    /** Writes {@code name} complete or not at all: a temporary sibling, forced to disk, then moved into place. */
    public void writeAtomically(String name, String content) {
        writeAtomically(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public void writeAtomically(String name, byte[] content) {
        Path target = dir.resolve(name);
        Path temp = dir.resolve("." + name + ".partial");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(content);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new UncheckedIOException("cannot move " + name + " into place atomically in " + dir, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /**
     * Writes the finished sweep's products: {@value #AGGREGATE} and the phase diagrams, each complete or not at
     * all. Returns the names written.
     */
    public List<String> finish(List<AggregateRow> rows) {
        List<String> files = new ArrayList<>();
        writeAtomically(AGGREGATE, AggregateCsv.format(spec, rows));
        files.add(AGGREGATE);
        for (Map.Entry<String, Captioned> e : PhaseDiagram.charts(spec, rows).entrySet()) {
            // drawn under a hidden name (PNG, SVG, PDF), then each moved into place whole
            String hidden = ".partial-" + e.getKey();
            FigureFiles.save(e.getValue(), dir.resolve(hidden));
            List<String> from = FigureFiles.names(hidden), to = FigureFiles.names(e.getKey());
            for (int k = 0; k < to.size(); k++) {
                try {
                    Files.move(dir.resolve(from.get(k)), dir.resolve(to.get(k)), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException ex) {
                    throw new UncheckedIOException("cannot move " + to.get(k) + " into place in " + dir, ex);
                }
                files.add(to.get(k));
            }
        }
        return files;
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release " + dir.resolve(LOCK), e);
        }
    }
}
