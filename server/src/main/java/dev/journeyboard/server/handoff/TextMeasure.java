package dev.journeyboard.server.handoff;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Widths of text in the font a document is drawn with, for wrapping card text the way the browser does. */
public interface TextMeasure {

    /** Advance of one code point, in em (multiply by the font size). */
    double em(int codePoint, boolean bold);

    default double width(String s, double size, boolean bold) {
        double w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += em(cp, bold);
            i += Character.charCount(cp);
        }
        return w * size;
    }

    /**
     * For SVG, whose text the viewer draws in its own fonts (the web client's stack: system UI, Noto Sans CJK,
     * PingFang, YaHei): Helvetica's metrics for Latin (from PDFBox's bundled AFM files, so no font needs to be
     * installed), one em for CJK characters, which every CJK font draws square.
     */
    TextMeasure APPROXIMATE = new TextMeasure() {
        private final double[] regular = latin(Standard14Fonts.FontName.HELVETICA);
        private final double[] bold = latin(Standard14Fonts.FontName.HELVETICA_BOLD);

        @Override
        public double em(int cp, boolean b) {
            if (cp < 256) {
                double w = (b ? bold : regular)[cp];
                // 8% over Helvetica: the sans-serif a viewer falls back to (DejaVu Sans, Noto Sans) runs wider
                if (w > 0) return w * 1.08;
            }
            if (Lang.isCjk(cp)) return 1.0;
            return b ? 0.68 : 0.64;
        }

        private static double[] latin(Standard14Fonts.FontName name) {
            var font = new PDType1Font(name);
            double[] w = new double[256];
            for (int cp = 32; cp < 256; cp++) {
                if (cp >= 127 && cp < 160) continue;
                try {
                    w[cp] = font.getStringWidth(String.valueOf((char) cp)) / 1000.0;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (IllegalArgumentException e) {
                    w[cp] = 0; // not in WinAnsi: the fallback width is used
                }
            }
            return w;
        }
    };
}
