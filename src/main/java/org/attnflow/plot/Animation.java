package org.attnflow.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

import org.attnflow.model.AttentionModel;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/**
 * An animated GIF of a run, as the papers show theirs: the tokens on the circle (or the sphere in orthographic view)
 * frame by frame, each with a short fading trail, coloured by index, time in the title. Written with the JDK's GIF
 * writer (javax.imageio) and the NETSCAPE2.0 extension that makes it loop. At most {@link #MAX_FRAMES} frames of
 * {@link #SIZE}² pixels: a long run is subsampled evenly (its first and last frames always shown), so the file stays
 * a few megabytes whatever the run's length.
 */
public final class Animation {
    public static final int MAX_FRAMES = 120;
    public static final int SIZE = 480;
    /** Display time of one animation frame, in hundredths of a second (GIF's unit). */
    static final int DELAY_CENTISECONDS = 8;
    /** Saved frames drawn as each token's trail behind its position. */
    static final int TRAIL = 6;

    private Animation() {}

    /** Which saved frames are drawn: all when there are at most {@code max}, else {@code max} spread evenly, first and last included. */
    public static int[] frames(int saved, int max) {
        int m = Math.min(saved, max);
        int[] f = new int[m];
        for (int k = 0; k < m; k++) f[k] = m == 1 ? 0 : (int) Math.round((double) k * (saved - 1) / (m - 1));
        return f;
    }

    /** Writes the animation of a sphere run (d = 2 or 3) to {@code file}; returns the number of animation frames. */
    public static int write(AttentionModel model, double[] times, double[][] frames, Path file) {
        int d = model.dimension();
        int n = frames[0].length / d;
        int[] shown = frames(frames.length, MAX_FRAMES);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (OutputStream os = Files.newOutputStream(file); ImageOutputStream out = ImageIO.createImageOutputStream(os)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int k = 0; k < shown.length; k++) {
                int f = shown[k];
                TokenFigure fig = TokenFigure.withoutKey(d, String.format(Locale.ROOT, "%s, t = %s", StandardFigures.label(model, n), StandardFigures.fmt(times[f])));
                int from = k == 0 ? f : shown[Math.max(0, k - TRAIL)];
                if (f > from) fig.paths(frames, from, f);
                XYChart chart = fig.tokens(frames[f]).chart();
                chart.getStyler().setLegendVisible(false);
                BufferedImage image = BitmapEncoder.getBufferedImage(chart);
                BufferedImage scaled = scale(image, SIZE);
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(scaled), writer.getDefaultWriteParam());
                frameMetadata(meta, k == 0);
                writer.writeToSequence(new IIOImage(scaled, null, meta), (ImageWriteParam) null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the animation " + file + ": " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return shown.length;
    }

    private static BufferedImage scale(BufferedImage image, int size) {
        double f = (double) size / Math.max(image.getWidth(), image.getHeight());
        int w = (int) Math.round(image.getWidth() * f), h = (int) Math.round(image.getHeight() * f);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    /** The frame's delay and, on the first frame, the NETSCAPE2.0 application extension: loop forever. */
    private static void frameMetadata(IIOMetadata meta, boolean first) throws IOException {
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(DELAY_CENTISECONDS));
        control.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0}); // sub-block 1, loop count 0 = forever
            apps.appendChild(app);
        }
        meta.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) return (IIOMetadataNode) root.item(i);
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
