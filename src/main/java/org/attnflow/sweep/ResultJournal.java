package org.attnflow.sweep;

import org.attnflow.io.InputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The append-only results file of a local sweep ({@code results.csv}, rows by {@link ResultCsv}): the journal
 * that makes a sweep restartable.
 *
 * <ul>
 *   <li>Each finished run is appended as one whole line in one write and forced to disk (fdatasync) before the
 *       run counts as done: a run whose line is on disk is never redone, and a run is done at most once because
 *       {@link #append} refuses an id already present.</li>
 *   <li>A crash can leave at most the last line torn (cut short, or with garbage after the last line break).
 *       Opening the journal drops such a tail — recognised by a missing line break or a wrong checksum on the
 *       last line — and truncates the file back to its last whole line, so that run is simply run again.</li>
 *   <li>Damage anywhere else (a bad line in the middle, a header of another sweep, the same run twice) is not a
 *       torn write and is reported, never silently repaired.</li>
 * </ul>
 * One process appends at a time: {@link SweepDirectory} holds a lock on the directory.
 */
public final class ResultJournal implements AutoCloseable {
    private final Path file;
    private final ResultCsv csv;
    private final FileChannel channel;
    private final SortedMap<Integer, RunResult> results = new TreeMap<>();
    private final String droppedTail;

    private ResultJournal(Path file, ResultCsv csv, FileChannel channel, String droppedTail) {
        this.file = file;
        this.csv = csv;
        this.channel = channel;
        this.droppedTail = droppedTail;
    }

    /** Opens (creating it with its header if absent) the journal at {@code file} for {@code spec}, recovering from a torn last line. */
    public static ResultJournal open(Path file, SweepSpec spec) {
        ResultCsv csv = new ResultCsv(spec);
        try {
            boolean existed = Files.exists(file);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                ResultJournal j;
                if (!existed || ch.size() == 0) {
                    j = new ResultJournal(file, csv, ch, "");
                    j.writeLine(csv.header());
                } else {
                    j = recover(file, csv, ch);
                }
                return j;
            } catch (RuntimeException | IOException e) {
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open results file " + file, e);
        }
    }

    private static ResultJournal recover(Path file, ResultCsv csv, FileChannel ch) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') end--;
        String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
        String tail = new String(bytes, end, bytes.length - end, StandardCharsets.UTF_8);
        String[] lines = text.isEmpty() ? new String[0] : text.split("\n", -1);
        int count = Math.max(0, lines.length - 1); // text ends with '\n': the split's last element is empty
        if (count == 0) {
            // not even the header is whole: start the file again
            ch.truncate(0);
            ResultJournal j = new ResultJournal(file, csv, ch, tail);
            j.writeLine(csv.header());
            return j;
        }
        if (!lines[0].equals(csv.header())) {
            throw new InputException(file + ": its header is not this sweep's (another sweep's results, or a changed spec); use another --out directory");
        }
        SortedMap<Integer, RunResult> found = new TreeMap<>();
        long keep = end;
        for (int i = 1; i < count; i++) {
            RunResult r;
            try {
                r = csv.parse(lines[i]);
            } catch (IllegalArgumentException e) {
                throw new InputException(file + ": line " + (i + 1) + " does not belong to this sweep: " + e.getMessage());
            }
            if (r == null) {
                if (i == count - 1) {
                    // the last line is damaged: a torn write whose tail happened to hold a line break; drop it
                    tail = lines[i] + "\n" + tail;
                    keep = end - lines[i].getBytes(StandardCharsets.UTF_8).length - 1;
                    break;
                }
                throw new InputException(file + ": line " + (i + 1) + " is damaged (checksum mismatch) and is not the last line: "
                        + "this is not an interrupted write; inspect or remove the file");
            }
            if (found.putIfAbsent(r.id(), r) != null) {
                throw new InputException(file + ": run " + r.id() + " appears twice (line " + (i + 1) + "): were two sweeps writing the same directory?");
            }
        }
        if (keep < bytes.length) {
            ch.truncate(keep);
            ch.force(true);
        }
        ResultJournal j = new ResultJournal(file, csv, ch, tail);
        j.results.putAll(found);
        ch.position(ch.size());
        return j;
    }

    /** The runs on disk, by id. */
    public synchronized SortedMap<Integer, RunResult> results() { return Collections.unmodifiableSortedMap(new TreeMap<>(results)); }

    public synchronized boolean done(int id) { return results.containsKey(id); }

    public synchronized int size() { return results.size(); }

    /** The torn tail dropped when the journal was opened ("" if none). */
    public String droppedTail() { return droppedTail; }

    /** Appends {@code r}'s line and forces it to disk; an id already present is an error. */
    public synchronized void append(RunResult r) {
        if (results.containsKey(r.id())) throw new IllegalStateException("run " + r.id() + " is already in " + file);
        try {
            writeLine(csv.format(r));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
        results.put(r.id(), r);
    }

    /**
     * Appends the lines of several runs (an ensemble's) in one write and forces them to disk once. Each line
     * keeps its own checksum, so a write torn part-way keeps the whole lines before the tear.
     */
    public synchronized void appendAll(List<RunResult> rs) {
        StringBuilder lines = new StringBuilder();
        java.util.Set<Integer> ids = new java.util.HashSet<>();
        for (RunResult r : rs) {
            if (results.containsKey(r.id()) || !ids.add(r.id())) throw new IllegalStateException("run " + r.id() + " is already in " + file);
            if (!lines.isEmpty()) lines.append('\n');
            lines.append(csv.format(r));
        }
        if (rs.isEmpty()) return;
        try {
            writeLine(lines.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
        for (RunResult r : rs) results.put(r.id(), r);
    }

    private void writeLine(String line) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) channel.write(buf);
        channel.force(false);
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
