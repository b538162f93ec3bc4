package org.attnflow.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;

import org.knowm.xchart.internal.chartpart.IChart;

/**
 * A chart with a caption written vertically in a strip at its right edge: the label of a heat map's colour bar
 * ("attention weight P_ij"), which XChart does not draw. The chart is painted {@link #STRIP} pixels narrower, so
 * the caption never overlaps it; PNG, SVG and PDF all get it (it is painted, not post-processed).
 */
public final class Captioned implements IChart {
    static final int STRIP = 30;

    private final IChart chart;
    private final String caption;

    public Captioned(IChart chart, String caption) {
        this.chart = chart;
        this.caption = caption;
    }

    /** The chart inside (for its styler). */
    public IChart chart() { return chart; }

    public String caption() { return caption; }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        chart.paint(g, width - STRIP, height);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, 12);
        g.setFont(font);
        FontMetrics m = g.getFontMetrics();
        AffineTransform saved = g.getTransform();
        g.translate(width - STRIP / 2.0 + m.getAscent() / 2.0 - 2, height / 2.0 + m.stringWidth(caption) / 2.0);
        g.rotate(-Math.PI / 2);
        g.drawString(caption, 0, 0);
        g.setTransform(saved);
    }

    @Override
    public int getWidth() { return chart.getWidth() + STRIP; }

    @Override
    public int getHeight() { return chart.getHeight(); }

    @Override
    public String getTitle() { return chart.getTitle(); }
}
