package org.attnflow.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Files attnflow writes for the user. They get the permissions the user's umask gives new files (0644 under the
 * usual 022), like any file a program writes: collaborators can read the results. (Files.createTempFile, used here
 * before, makes 0600 files whatever the umask: reports nobody else could open.)
 */
public final class OutputFiles {
    private OutputFiles() {}

    /**
     * A new empty hidden file beside {@code target} ({@code .NAME.XXXXXXXX.partial}), to be written and then moved
     * over the target in one step: readers never see half a file.
     */
    public static Path temporarySibling(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        for (int attempt = 0; ; attempt++) {
            Path p = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID().toString().substring(0, 8) + ".partial");
            try {
                return Files.createFile(p);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 8) throw e;
            }
        }
    }
}
