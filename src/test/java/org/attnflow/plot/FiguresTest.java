package org.attnflow.plot;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.attnflow.analysis.RenyiCentres;
import org.attnflow.field.ScalarAttentionField;
import org.attnflow.integrate.Integrators;
import org.attnflow.integrate.TrajectoryRecorder;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Geometry;
import org.attnflow.model.InitialCondition;
import org.attnflow.model.InitialKind;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.attnflow.model.SolverSettings;
import org.attnflow.model.TimeGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FiguresTest {
    @TempDir
    Path dir;

    private static double[][] run(int n, int d, double beta, Mask mask, double end) {
        AttentionModel m = AttentionModel.identity(Geometry.SPHERE, mask, Normalization.SOFTMAX, beta, d);
        double[] x0 = InitialCondition.generate(InitialKind.UNIFORM_SPHERE, n, d, 3L, 1).toDoubleArray();
        TrajectoryRecorder rec = new TrajectoryRecorder(n, d);
        Integrators.create(new SolverSettings(Method.RK4, 0.05, 1e-8, 1e-10, null, FieldKind.SCALAR, 1), new ScalarAttentionField(m, n))
                .integrate(x0, TimeGrid.every(end, 0.5), rec);
        return rec.trajectory().frames();
    }

    /** Whether the image has a pixel close to the colour (the marks were really drawn). */
    private static boolean hasColour(BufferedImage img, Color c) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                Color p = new Color(img.getRGB(x, y));
                if (Math.abs(p.getRed() - c.getRed()) + Math.abs(p.getGreen() - c.getGreen()) + Math.abs(p.getBlue() - c.getBlue()) < 30) return true;
            }
        }
        return false;
    }

    @Test
    void circleFigureShowsPathsAndRenyiCentres() throws Exception {
        double[][] f = run(40, 2, 16, Mask.CAUSAL, 10);
        double delta = RenyiCentres.delta(16, 4);
        Path file = FigureFiles.save(TokenFigure.of(2, "causal, n = 40, beta = 16").paths(f, 0, f.length - 1).tokens(f[f.length - 1])
                .mark(f[0], RenyiCentres.ordinary(f[0], 2, delta), Palette.ORDINARY_CENTRE, "Rényi centres")
                .mark(f[0], RenyiCentres.strong(f[0], 2, delta), Palette.STRONG_CENTRE, "strong Rényi centres").chart(), dir.resolve("circle.png")).get(0);
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(640, img.getHeight());
        assertTrue(img.getWidth() > 640, "the key sits beside the circle, outside the data");
        assertTrue(hasColour(img, Palette.STRONG_CENTRE), "strong centres are drawn");
        int shown = 0;
        for (int i = 0; i < 40; i += 4) if (hasColour(img, Palette.token(i, 40))) shown++;
        assertTrue(shown >= 5, "token paths are drawn in their colours (" + shown + " of 10 sampled colours seen)");
    }

    @Test
    void sphereFigureHeatMapAndSeriesAreWritten() throws Exception {
        double[][] f = run(24, 3, 4, Mask.FULL, 5);
        Path sphere = FigureFiles.save(TokenFigure.of(3, "sphere").paths(f, 0, f.length - 1).tokens(f[f.length - 1]).chart(), dir.resolve("sphere.png")).get(0);
        AttentionModel m = AttentionModel.identity(Geometry.SPHERE, Mask.CAUSAL, Normalization.SOFTMAX, 4, 3);
        Path heat = FigureFiles.save(HeatMapFigure.of("P", new ScalarAttentionField(m, 24).attentionMatrix(f[0])), dir.resolve("heat.png")).get(0);
        Path series = FigureFiles.save(SeriesFigure.of("count", "t", "clusters").steps("union-find", new double[] {0, 1, 2}, new int[] {3, 2, 1}, Color.BLUE).chart(), dir.resolve("s.png")).get(0);
        for (Path p : new Path[] {sphere, heat, series}) {
            assertTrue(Files.size(p) > 2000, p + " has content");
            assertNotNull(ImageIO.read(p.toFile()), p + " is a PNG");
        }
        assertTrue(hasColour(ImageIO.read(heat.toFile()), new Color(200, 30, 30)) || hasColour(ImageIO.read(heat.toFile()), new Color(60, 0, 0)),
                "the heat map shows the diagonal-heavy causal attention in the upper colours");
    }

    @Test
    void anEmptySetOfMarksHasNoLegendEntryAndColourBarTicksAreShort() {
        double[][] f = run(6, 2, 4, Mask.FULL, 1);
        var chart = TokenFigure.of(2, "t").tokens(f[0]).mark(f[0], new int[0], Palette.ORDINARY_CENTRE, "ordinary only")
                .mark(f[0], new int[] {0}, Palette.STRONG_CENTRE, "strong").chart();
        assertNull(chart.getSeries("ordinary only"), "no legend entry for marks that never appear");
        assertNotNull(chart.getSeries("strong"));
        assertEquals("7.27", HeatMapFigure.tick(7.265999999999994));
        assertEquals("0.5", HeatMapFigure.tick(0.5));
        assertEquals("12", HeatMapFigure.tick(12.0));
        Captioned heat = HeatMapFigure.of("P", new double[][] {{1, 0}, {0.5, 0.5}});
        assertEquals("attention weight P_ij (row sums 1)", heat.caption(), "the colour bar is labelled");
    }
}
