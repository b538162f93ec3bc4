package org.attnflow.plot;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.IChart;

/**
 * Writes charts as PNG, headless. (XChart writes SVG only through the optional VectorGraphics2D library, which
 * the project does not carry, so figures are PNG only.)
 */
public final class Png {
    static {
        // Figures are made on servers and in CI: never try to open a display.
        System.setProperty("java.awt.headless", "true");
    }

    private Png() {}

    /** Writes the chart to {@code file} (the name is used as given) and returns it. */
    public static Path save(IChart chart, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            try (OutputStream out = Files.newOutputStream(file)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write figure " + file + ": " + e.getMessage(), e);
        }
    }
}
