package dev.journeyboard.server.handoff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

/**
 * Draws on one PDF page. World coordinates (y down) map to the page (y up) as
 * {@code page = (ox + x·scale, oy − y·scale)}; {@link #place} moves and scales that mapping, so the same painter
 * draws a map tile, its frozen headers or the matrix. The font has no bold face: bold is drawn filled and
 * stroked with a thin outline.
 */
final class PdfSurface implements Surface {
    private static final double KAPPA = 0.5523;

    private final PDPageContentStream cs;
    private final CjkFont.Loaded font;
    private double ox;
    private double oy;
    private double scale = 1;

    PdfSurface(PDPageContentStream cs, CjkFont.Loaded font) {
        this.cs = cs;
        this.font = font;
    }

    void place(double ox, double oy, double scale) {
        this.ox = ox;
        this.oy = oy;
        this.scale = scale;
    }

    private float px(double x) {
        return (float) (ox + x * scale);
    }

    private float py(double y) {
        return (float) (oy - y * scale);
    }

    /** Limits what follows to a world rectangle, until {@link #unclip}. */
    void clip(double x, double y, double w, double h) {
        io(() -> {
            cs.saveGraphicsState();
            cs.addRect(px(x), py(y + h), (float) (w * scale), (float) (h * scale));
            cs.clip();
        });
    }

    void unclip() {
        io(cs::restoreGraphicsState);
    }

    @Override
    public TextMeasure measure() {
        return font;
    }

    @Override
    public void rect(double x, double y, double w, double h, double radius, String fill, String stroke, double strokeWidth) {
        io(() -> {
            if (fill != null) color(fill, false);
            if (stroke != null) {
                color(stroke, true);
                cs.setLineWidth((float) (strokeWidth * scale));
            }
            if (radius <= 0) {
                cs.addRect(px(x), py(y + h), (float) (w * scale), (float) (h * scale));
            } else {
                roundRect(x, y, w, h, Math.min(radius, Math.min(w, h) / 2));
            }
            if (fill != null && stroke != null) cs.fillAndStroke();
            else if (fill != null) cs.fill();
            else if (stroke != null) cs.stroke();
        });
    }

    private void roundRect(double x, double y, double w, double h, double r) throws IOException {
        double k = r * KAPPA;
        cs.moveTo(px(x + r), py(y));
        cs.lineTo(px(x + w - r), py(y));
        cs.curveTo(px(x + w - r + k), py(y), px(x + w), py(y + r - k), px(x + w), py(y + r));
        cs.lineTo(px(x + w), py(y + h - r));
        cs.curveTo(px(x + w), py(y + h - r + k), px(x + w - r + k), py(y + h), px(x + w - r), py(y + h));
        cs.lineTo(px(x + r), py(y + h));
        cs.curveTo(px(x + r - k), py(y + h), px(x), py(y + h - r + k), px(x), py(y + h - r));
        cs.lineTo(px(x), py(y + r));
        cs.curveTo(px(x), py(y + r - k), px(x + r - k), py(y), px(x + r), py(y));
        cs.closePath();
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String stroke, double width, boolean dashed) {
        io(() -> {
            color(stroke, true);
            cs.setLineWidth((float) (width * scale));
            if (dashed) cs.setLineDashPattern(new float[] {(float) (4 * scale), (float) (6 * scale)}, 0);
            cs.moveTo(px(x1), py(y1));
            cs.lineTo(px(x2), py(y2));
            cs.stroke();
            if (dashed) cs.setLineDashPattern(new float[0], 0);
        });
    }

    @Override
    public void polygon(double[] xs, double[] ys, String fill) {
        io(() -> {
            color(fill, false);
            cs.moveTo(px(xs[0]), py(ys[0]));
            for (int i = 1; i < xs.length; i++) cs.lineTo(px(xs[i]), py(ys[i]));
            cs.closePath();
            cs.fill();
        });
    }

    @Override
    public void circle(double cx, double cy, double r, String fill) {
        io(() -> {
            color(fill, false);
            double k = r * KAPPA;
            cs.moveTo(px(cx + r), py(cy));
            cs.curveTo(px(cx + r), py(cy + k), px(cx + k), py(cy + r), px(cx), py(cy + r));
            cs.curveTo(px(cx - k), py(cy + r), px(cx - r), py(cy + k), px(cx - r), py(cy));
            cs.curveTo(px(cx - r), py(cy - k), px(cx - k), py(cy - r), px(cx), py(cy - r));
            cs.curveTo(px(cx + k), py(cy - r), px(cx + r), py(cy - k), px(cx + r), py(cy));
            cs.fill();
        });
    }

    @Override
    public void curve(List<double[]> pts, String stroke, double width, double opacity, String id) {
        io(() -> {
            cs.saveGraphicsState();
            var gs = new PDExtendedGraphicsState();
            gs.setStrokingAlphaConstant((float) opacity);
            cs.setGraphicsStateParameters(gs);
            color(stroke, true);
            cs.setLineWidth((float) (width * scale));
            cs.setLineCapStyle(1);
            cs.moveTo(px(pts.get(0)[0]), py(pts.get(0)[1]));
            for (int i = 0; i + 1 < pts.size(); i++) {
                double[] a = pts.get(i), b = pts.get(i + 1);
                double mx = (a[0] + b[0]) / 2;
                cs.curveTo(px(mx), py(a[1]), px(mx), py(b[1]), px(b[0]), py(b[1]));
            }
            cs.stroke();
            cs.restoreGraphicsState();
        });
    }

    @Override
    public void text(String s, double x, double middleY, double size, boolean bold, String color, Align align) {
        String t = font.drawable(s);
        if (t.isBlank()) return;
        double w = align == Align.LEFT ? 0 : font.width(t, size, bold);
        double left = align == Align.LEFT ? x : align == Align.CENTER ? x - w / 2 : x - w;
        io(() -> {
            cs.beginText();
            cs.setFont(font.font, (float) (size * scale));
            color(color, false);
            if (bold) {
                color(color, true);
                cs.setLineWidth((float) (size * scale * 0.04));
                cs.setRenderingMode(RenderingMode.FILL_STROKE);
            }
            cs.newLineAtOffset(px(left), py(middleY + size * 0.35));
            cs.showText(t);
            if (bold) cs.setRenderingMode(RenderingMode.FILL);
            cs.endText();
        });
    }

    private void color(String hex, boolean stroking) throws IOException {
        float r = Integer.parseInt(hex.substring(1, 3), 16) / 255f;
        float g = Integer.parseInt(hex.substring(3, 5), 16) / 255f;
        float b = Integer.parseInt(hex.substring(5, 7), 16) / 255f;
        if (stroking) cs.setStrokingColor(r, g, b);
        else cs.setNonStrokingColor(r, g, b);
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void io(IoAction a) {
        try {
            a.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
