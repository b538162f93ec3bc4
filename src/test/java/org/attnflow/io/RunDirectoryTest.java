package org.attnflow.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunDirectoryTest {

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void filesAppearAtTheTargetOnlyOnCommit(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("run");
        try (RunDirectory out = RunDirectory.create(target, false)) {
            Files.writeString(out.resolve("run.json"), "{}");
            assertFalse(Files.exists(target), "nothing at the target before commit");
            out.commit();
        }
        assertEquals(List.of("run.json"), names(target));
        assertEquals(List.of("run"), names(dir), "no temporary sibling is left");
    }

    @Test
    void withoutCommitNothingIsLeftNotEvenCreatedParents(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("a/b/run");
        try (RunDirectory out = RunDirectory.create(target, false)) {
            Files.writeString(out.resolve("trajectory.npy"), "partial");
            assertTrue(Files.isDirectory(dir.resolve("a/b")));
        }
        assertEquals(List.of(), names(dir));
    }

    @Test
    void anExistingTargetIsRefusedWithoutForce(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("run");
        Files.createDirectory(target);
        Files.writeString(target.resolve("run.json"), "old");
        InputException e = assertThrows(InputException.class, () -> RunDirectory.create(target, false));
        assertTrue(e.getMessage().contains("already exists (pass --force"), e.getMessage());
        assertEquals("old", Files.readString(target.resolve("run.json")));
        assertEquals(List.of("run"), names(dir));
    }

    @Test
    void forceReplacesAnEarlierRunAtCommit(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("run");
        Files.createDirectory(target);
        Files.writeString(target.resolve("run.json"), "old");
        Files.writeString(target.resolve("stale.csv"), "old");
        try (RunDirectory out = RunDirectory.create(target, true)) {
            Files.writeString(out.resolve("run.json"), "new");
            assertEquals("old", Files.readString(target.resolve("run.json")), "the old run stays until commit");
            out.commit();
        }
        assertEquals(List.of("run.json"), names(target));
        assertEquals("new", Files.readString(target.resolve("run.json")));
        assertEquals(List.of("run"), names(dir));
    }

    @Test
    void forceNeverReplacesADirectoryThatIsNotAnOutput(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("precious");
        Files.createDirectory(target);
        Files.writeString(target.resolve("thesis.tex"), "keep me");
        InputException e = assertThrows(InputException.class, () -> RunDirectory.create(target, true));
        assertTrue(e.getMessage().contains("is not an attnflow output"), e.getMessage());
        assertEquals("keep me", Files.readString(target.resolve("thesis.tex")));

        Path file = dir.resolve("file");
        Files.writeString(file, "x");
        assertTrue(assertThrows(InputException.class, () -> RunDirectory.create(file, true)).getMessage().contains("not a directory"));
    }
}
