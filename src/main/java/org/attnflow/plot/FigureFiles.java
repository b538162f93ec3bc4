package org.attnflow.plot;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.internal.chartpart.IChart;

/**
 * Writes a figure as PNG (for screens and the HTML report) and, beside it under the same name, as SVG and PDF
 * (vector graphics for papers), headless. The vector files are drawn by XChart's {@link VectorGraphicsEncoder}
 * through the VectorGraphics2D library (de.erichseifert.vectorgraphics2d, a pinned dependency).
 */
public final class FigureFiles {
    static {
        // Figures are made on servers and in CI: never try to open a display.
        System.setProperty("java.awt.headless", "true");
    }

    /** The formats every figure is written in, the PNG first. */
    public static final List<String> EXTENSIONS = List.of("png", "svg", "pdf");

    private FigureFiles() {}

    /**
     * Writes {@code chart} to {@code png} (a name ending in .png, used as given) and to the .svg and .pdf beside it;
     * returns the three paths, the PNG first.
     */
    public static List<Path> save(IChart chart, Path png) {
        String name = png.getFileName().toString();
        if (!name.endsWith(".png")) throw new IllegalArgumentException("a figure's file name ends in .png, got " + name);
        String base = name.substring(0, name.length() - 4);
        Path svg = png.resolveSibling(base + ".svg"), pdf = png.resolveSibling(base + ".pdf");
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            try (OutputStream out = Files.newOutputStream(png)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
            try (OutputStream out = Files.newOutputStream(svg)) {
                VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsFormat.SVG);
            }
            try (OutputStream out = Files.newOutputStream(pdf)) {
                VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsFormat.PDF);
            }
            return List.of(png, svg, pdf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write figure " + png + ": " + e.getMessage(), e);
        }
    }

    /** The names of the three files of the figure {@code png} ("a.png" gives a.png, a.svg, a.pdf). */
    public static List<String> names(String png) {
        String base = png.substring(0, png.length() - 4);
        return EXTENSIONS.stream().map(e -> base + "." + e).toList();
    }
}
