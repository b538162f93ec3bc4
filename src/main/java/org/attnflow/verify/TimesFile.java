package org.attnflow.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.attnflow.io.InputException;
import org.attnflow.io.InputFiles;
import org.attnflow.io.Npy;
import org.attnflow.io.NpyReader;

/**
 * The {@code --times} file of {@code validate}: the time of each frame of the checked trajectory, as a 1-D .npy
 * array (float64 or float32, as {@code attnflow simulate} writes times.npy) or as text (numbers separated by
 * commas, spaces or line breaks; a first line that is not a number, e.g. a header {@code t}, and lines starting
 * with {@code #} are skipped).
 */
final class TimesFile {
    private TimesFile() {}

    static double[] read(Path file) throws IOException {
        InputFiles.checkRegularFile(file, "times");
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            try (NpyReader times = Npy.open(file)) {
                long[] shape = times.shape();
                if (shape.length != 1) {
                    // a trajectory passed as --times would otherwise be flattened into frames·n·d "times"
                    throw new InputException(file + ": the times file must be a 1-D array (one time per frame), got shape "
                            + Arrays.toString(shape).replace('[', '(').replace(']', ')'));
                }
                return times.readAll();
            }
        }
        List<String> lines = new ArrayList<>();
        try (InputFiles.Lines in = InputFiles.lines(file, "times")) {
            for (String l = in.next(); l != null; l = in.next()) lines.add(l);
        }
        String[] tokens = lines.stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .flatMap(l -> Arrays.stream(l.split("[,\\s]+"))).filter(t -> !t.isEmpty()).toArray(String[]::new);
        double[] t = new double[tokens.length];
        int k = 0;
        for (int i = 0; i < tokens.length; i++) {
            try {
                t[k++] = Double.parseDouble(tokens[i]);
            } catch (NumberFormatException e) {
                if (i == 0) {
                    k--; // a header
                    continue;
                }
                throw new InputException(file + ": not a number: '" + tokens[i] + "'");
            }
        }
        return Arrays.copyOf(t, k);
    }
}
