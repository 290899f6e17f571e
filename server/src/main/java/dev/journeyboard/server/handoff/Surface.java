package dev.journeyboard.server.handoff;

import java.util.List;

/**
 * What the map and the matrix are drawn on: an SVG document or a PDF page. Coordinates are world units, y down;
 * colours are {@code #rrggbb}. Text is placed by its vertical middle, as the web client's canvas draws it
 * ({@code textBaseline = "middle"}).
 */
interface Surface {
    enum Align { LEFT, CENTER, RIGHT }

    /** The metrics of the font this surface draws text with. */
    TextMeasure measure();

    /** @param fill or null; @param stroke or null */
    void rect(double x, double y, double w, double h, double radius, String fill, String stroke, double strokeWidth);

    void line(double x1, double y1, double x2, double y2, String stroke, double width, boolean dashed);

    void polygon(double[] xs, double[] ys, String fill);

    void circle(double cx, double cy, double r, String fill);

    /** A smooth curve through the points: cubic segments with horizontal tangents, as the browser draws the emotion curve. */
    void curve(List<double[]> points, String stroke, double width, double opacity, String id);

    void text(String s, double x, double middleY, double size, boolean bold, String color, Align align);

    /** Starts a group of what follows (an SVG {@code <g>}); {@code attrs} are name, value pairs. PDF ignores it. */
    default void begin(String cssClass, String... attrs) {}

    default void end() {}
}
