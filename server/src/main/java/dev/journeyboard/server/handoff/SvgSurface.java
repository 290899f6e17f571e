package dev.journeyboard.server.handoff;

import java.util.List;

/** Writes what is drawn as SVG elements. Every piece of user text and every attribute value goes through {@link Xml}. */
final class SvgSurface implements Surface {
    private final StringBuilder out;

    SvgSurface(StringBuilder out) {
        this.out = out;
    }

    @Override
    public TextMeasure measure() {
        return TextMeasure.APPROXIMATE;
    }

    @Override
    public void rect(double x, double y, double w, double h, double radius, String fill, String stroke, double strokeWidth) {
        out.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append('"');
        if (radius > 0) out.append(" rx=\"").append(n(radius)).append('"');
        out.append(" fill=\"").append(fill == null ? "none" : fill).append('"');
        if (stroke != null) out.append(" stroke=\"").append(stroke).append("\" stroke-width=\"").append(n(strokeWidth)).append('"');
        out.append("/>\n");
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String stroke, double width, boolean dashed) {
        out.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(n(width)).append('"');
        if (dashed) out.append(" stroke-dasharray=\"4 6\"");
        out.append("/>\n");
    }

    @Override
    public void polygon(double[] xs, double[] ys, String fill) {
        out.append("<polygon points=\"");
        for (int i = 0; i < xs.length; i++) out.append(i == 0 ? "" : " ").append(n(xs[i])).append(',').append(n(ys[i]));
        out.append("\" fill=\"").append(fill).append("\"/>\n");
    }

    @Override
    public void circle(double cx, double cy, double r, String fill) {
        out.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" fill=\"").append(fill).append("\"/>\n");
    }

    @Override
    public void curve(List<double[]> pts, String stroke, double width, double opacity, String id) {
        out.append("<path class=\"emotion-curve\" id=\"").append(Xml.attr(id)).append("\" d=\"M").append(n(pts.get(0)[0])).append(',').append(n(pts.get(0)[1]));
        for (int i = 0; i + 1 < pts.size(); i++) {
            double[] a = pts.get(i), b = pts.get(i + 1);
            double mx = (a[0] + b[0]) / 2;
            out.append(" C").append(n(mx)).append(',').append(n(a[1])).append(' ').append(n(mx)).append(',').append(n(b[1]))
                    .append(' ').append(n(b[0])).append(',').append(n(b[1]));
        }
        out.append("\" fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(n(width))
                .append("\" stroke-opacity=\"").append(n(opacity)).append("\" stroke-linecap=\"round\"/>\n");
    }

    @Override
    public void text(String s, double x, double middleY, double size, boolean bold, String color, Align align) {
        if (s.isEmpty()) return;
        // the alphabetic baseline sits about 0.35 em below the middle of the line in the fonts we name
        out.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(middleY + size * 0.35)).append("\" font-size=\"").append(n(size)).append('"');
        if (bold) out.append(" font-weight=\"600\"");
        if (align != Align.LEFT) out.append(" text-anchor=\"").append(align == Align.CENTER ? "middle" : "end").append('"');
        out.append(" fill=\"").append(color).append("\">").append(Xml.text(s)).append("</text>\n");
    }

    @Override
    public void begin(String cssClass, String... attrs) {
        out.append("<g class=\"").append(Xml.attr(cssClass)).append('"');
        for (int i = 0; i + 1 < attrs.length; i += 2) out.append(' ').append(attrs[i]).append("=\"").append(Xml.attr(attrs[i + 1])).append('"');
        out.append(">\n");
    }

    @Override
    public void end() {
        out.append("</g>\n");
    }

    /** Coordinates with at most two decimals: exact enough, and a 2,000-card map stays a few MB. */
    static String n(double v) {
        long r = Math.round(v * 100);
        if (r % 100 == 0) return Long.toString(r / 100);
        return Double.toString(r / 100.0);
    }
}
