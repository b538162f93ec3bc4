package org.attnflow.io;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading a file the user named, with the one-line {@link InputException}s every command gives for it. */
public final class InputFiles {
    private InputFiles() {}

    /** The file's UTF-8 text; {@code what} names it in errors ("scenario", "sweep"). */
    public static String readText(Path file, String what) {
        try {
            if (Files.isDirectory(file)) throw new InputException(what + " " + file + " is a directory, not a file");
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InputException(what + " file not found: " + file);
        } catch (AccessDeniedException e) {
            throw new InputException(what + " file not readable (permission denied): " + file);
        } catch (MalformedInputException e) {
            throw new InputException(file + ": not a UTF-8 text file");
        } catch (IOException e) {
            throw new InputException("cannot read " + what + " file " + file + ": " + e.getMessage());
        }
    }
}
