package org.attnflow.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * NumPy's .npz archive (a zip of .npy files, stored or deflated, as {@code numpy.savez} and {@code savez_compressed}
 * write it): each array is copied out once into a temporary .npy file and read from there with {@link NpyReader},
 * frame by frame or at random ({@link NpyReader#readAt}), so that neither the archive nor an array is held in memory.
 * The temporary files are deleted on {@link #close()}.
 */
public final class Npz implements AutoCloseable {
    private final Path file;
    private final ZipFile zip;
    private final List<Path> extracted = new ArrayList<>();

    public Npz(Path file) throws IOException {
        this.file = file;
        InputFiles.checkRegularFile(file, ".npz");
        try {
            this.zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new InputException(file + ": not an .npz file (not a zip archive)");
        }
    }

    /** The array {@code name} (entry {@code name.npy}); an input error naming the arrays there when it is missing. */
    public NpyReader open(String name) throws IOException {
        ZipEntry entry = zip.getEntry(name + ".npy");
        if (entry == null) entry = zip.getEntry(name);
        if (entry == null) {
            List<String> names = new ArrayList<>();
            zip.stream().forEach(e -> names.add(e.getName().replaceFirst("\\.npy$", "")));
            throw new InputException(file + ": no array '" + name + "' (it holds " + String.join(", ", names) + ")");
        }
        Path copy = Files.createTempFile("attnflow-npz-", ".npy");
        extracted.add(copy);
        try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return Npy.open(copy);
    }

    @Override
    public void close() throws IOException {
        zip.close();
        for (Path p : extracted) Files.deleteIfExists(p);
    }
}
