package dev.journeyboard.server.handoff;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.GregorianCalendar;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * {@code board.pdf}, A3 landscape throughout: the map (one page, or several with repeated headers: see
 * {@link MapTiles}), then the priority matrix, then the action-plan table over as many pages as it takes. Every
 * page has the board title and the section in its header and "n / N" in its footer. Text is set in the embedded
 * CJK font ({@link CjkFont}), so it is searchable and copyable, Chinese included.
 */
public final class PdfWriter {
    static final PDRectangle PAGE = new PDRectangle(PDRectangle.A3.getHeight(), PDRectangle.A3.getWidth());
    static final double MARGIN = 28, HEAD = 30, FOOT = 18;
    /** The area below the header and above the footer, in points. */
    static final double CONTENT_W = PAGE.getWidth() - 2 * MARGIN, CONTENT_H = PAGE.getHeight() - 2 * MARGIN - HEAD - FOOT;

    private PdfWriter() {}

    /** @throws CjkFont.Unavailable when the font is not installed */
    public static byte[] write(JourneyModel model, LocalDate date, CjkFont cjk) {
        try (var doc = new PDDocument()) {
            var font = cjk.open(doc);
            try {
                var info = new PDDocumentInformation();
                info.setTitle(model.title());
                info.setCreator("Journey Board");
                info.setSubject(Words.MAP.in(model.lang()) + " · " + Words.MATRIX.in(model.lang()) + " · " + Words.ACTION_PLAN.in(model.lang()));
                var cal = new GregorianCalendar();
                cal.clear();
                cal.set(date.getYear(), date.getMonthValue() - 1, date.getDayOfMonth());
                info.setCreationDate(cal);
                doc.setDocumentInformation(info);
                var pages = new Pages(doc, font, model, date);
                map(pages, model, font);
                MatrixPage.paint(pages.start(Words.MATRIX.in(model.lang())), model, CONTENT_W, CONTENT_H);
                PdfTable.paint(pages, model);
                pages.finish();
                var out = new ByteArrayOutputStream(256 * 1024);
                doc.save(out);
                return out.toByteArray();
            } finally {
                font.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void map(Pages pages, JourneyModel model, CjkFont.Loaded font) {
        Lang lang = model.lang();
        if (model.stages().isEmpty() && model.lanes().isEmpty()) {
            pages.start(Words.MAP.in(lang)).text(Words.NONE_YET.in(lang), 0, 10, 12, false, Theme.SUB_TEXT, Surface.Align.LEFT);
            return;
        }
        var layout = MapLayout.of(model, font);
        var painter = new MapPainter(layout, model);
        var tiles = MapTiles.of(layout, CONTENT_W, CONTENT_H);
        double s = tiles.scale;
        int n = tiles.tiles.size();
        for (int i = 0; i < n; i++) {
            var t = tiles.tiles.get(i);
            String section = Words.MAP.in(lang) + (n > 1 ? " " + (i + 1) + " / " + n : "");
            if (t.endStage() - t.firstStage() < model.stages().size()) {
                section += " · " + Words.COL_STAGE.in(lang) + " " + (t.firstStage() + 1) + "–" + t.endStage();
            }
            PdfSurface surface = pages.start(section);
            double left = MARGIN, top = PAGE.getHeight() - MARGIN - HEAD;
            double bx0 = t.bodyX0(), bx1 = Math.max(t.bodyX1(), bx0);
            // the grid's closing lines sit on the map's right and bottom edges: keep them inside the clip
            double right = bx1 >= layout.width ? 1 : 0, bottom = t.y1() >= layout.height ? 1 : 0;
            // the body of this page's share, then its lane headers on the left and stage headers on top
            surface.place(left + (MapLayout.HEADER_W - bx0) * s, top + (t.y0() - MapLayout.HEADER_H) * s, s);
            surface.clip(bx0, t.y0(), bx1 - bx0 + right, t.y1() - t.y0() + bottom);
            painter.paintBody(surface, new MapPainter.View(bx0, t.y0(), bx1, t.y1()));
            surface.unclip();
            surface.place(left, top + (t.y0() - MapLayout.HEADER_H) * s, s);
            surface.clip(0, t.y0(), MapLayout.HEADER_W, t.y1() - t.y0() + bottom);
            painter.paintLaneHeaders(surface, new MapPainter.View(0, t.y0(), MapLayout.HEADER_W, t.y1()));
            surface.unclip();
            surface.place(left + (MapLayout.HEADER_W - bx0) * s, top, s);
            surface.clip(bx0, 0, bx1 - bx0 + right, MapLayout.HEADER_H);
            painter.paintStageHeaders(surface, new MapPainter.View(bx0, 0, bx1, MapLayout.HEADER_H));
            surface.unclip();
            surface.place(left, top, s);
            painter.paintCorner(surface);
        }
    }

    /** Starts pages with their header, and numbers them all at the end. */
    static final class Pages {
        private final PDDocument doc;
        private final CjkFont.Loaded font;
        private final JourneyModel model;
        private final LocalDate date;
        private PDPageContentStream current;

        Pages(PDDocument doc, CjkFont.Loaded font, JourneyModel model, LocalDate date) {
            this.doc = doc;
            this.font = font;
            this.model = model;
            this.date = date;
        }

        CjkFont.Loaded font() {
            return font;
        }

        /** A new page with the title and {@code section} on top; the surface's origin is the content area's top left. */
        PdfSurface start(String section) {
            try {
                if (current != null) current.close();
                var page = new PDPage(PAGE);
                doc.addPage(page);
                current = new PDPageContentStream(doc, page);
                var s = new PdfSurface(current, font);
                s.place(MARGIN, PAGE.getHeight() - MARGIN, 1);
                double w = PAGE.getWidth() - 2 * MARGIN;
                String right = section + "  ·  " + Words.EXPORTED.in(model.lang()) + " " + date;
                double rightW = font.width(right, 10, false);
                String title = fit(Text.oneLine(model.title()), 14, w - rightW - 24);
                s.text(title, 0, 11, 14, true, Theme.HEADER_TEXT, Surface.Align.LEFT);
                s.text(right, w, 11, 10, false, Theme.SUB_TEXT, Surface.Align.RIGHT);
                s.line(0, HEAD - 6, w, HEAD - 6, Theme.GRID_LINE, 0.8, false);
                s.place(MARGIN, PAGE.getHeight() - MARGIN - HEAD, 1);
                return s;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String fit(String s, double size, double width) {
            var lines = TextWrap.wrap(s, font, size, true, width, 1);
            return lines.isEmpty() ? "" : lines.get(0);
        }

        void finish() throws IOException {
            if (current != null) current.close();
            current = null;
            int n = doc.getNumberOfPages();
            for (int i = 0; i < n; i++) {
                PDPage page = doc.getPage(i);
                try (var cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
                    var s = new PdfSurface(cs, font);
                    s.place(MARGIN, MARGIN, 1);
                    s.text((i + 1) + " / " + n, PAGE.getWidth() - 2 * MARGIN, -8, 9, false, Theme.SUB_TEXT, Surface.Align.RIGHT);
                    s.text("Journey Board", 0, -8, 9, false, Theme.SUB_TEXT, Surface.Align.LEFT);
                }
            }
        }
    }
}
