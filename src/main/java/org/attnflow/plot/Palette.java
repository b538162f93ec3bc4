package org.attnflow.plot;

import java.awt.Color;

/** The figures' colours: tokens coloured by their index (order matters under causal masking), and marks. */
public final class Palette {
    public static final Color STRONG_CENTRE = new Color(200, 20, 20);
    public static final Color ORDINARY_CENTRE = Color.BLACK;
    public static final Color OUTLINE = new Color(150, 150, 150);
    public static final Color PAPER = new Color(90, 90, 200);

    private Palette() {}

    /** Token i of n: hue from blue (first) through green to red (last). */
    public static Color token(int i, int n) {
        float f = n <= 1 ? 0 : (float) i / (n - 1);
        return Color.getHSBColor(0.66f * (1 - f), 0.85f, 0.85f);
    }

    /** The same colour, lighter and translucent (the far side of the sphere, the past of a path). */
    public static Color faded(Color c, float alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), Math.round(alpha * 255));
    }
}
