package dev.journeyboard.server.handoff;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * {@code board.svg}: the map as vectors, laid out and drawn like the web client's canvas, under a title band.
 * Cards are {@code <g class="card" data-id data-lane data-stage>} groups, stage and lane headers
 * {@code <g class="stage|lane" data-id>}, the emotion curve a {@code <path class="emotion-curve">}: a viewer or
 * a script can find them. Text is not converted to outlines, so it stays searchable and selectable; the font list
 * names common CJK fonts after the Latin ones.
 */
public final class SvgWriter {
    static final String FONTS = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Noto Sans CJK SC', 'Source Han Sans SC', "
            + "'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif";
    static final double TITLE_H = 56;

    private SvgWriter() {}

    public static byte[] write(JourneyModel model, LocalDate date) {
        var layout = MapLayout.of(model, TextMeasure.APPROXIMATE);
        double w = Math.max(640, layout.width + 1);
        double h = TITLE_H + layout.height + 1;
        var out = new StringBuilder(64 * 1024 + model.cards().size() * 900);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(SvgSurface.n(w))
                .append("\" height=\"").append(SvgSurface.n(h)).append("\" viewBox=\"0 0 ").append(SvgSurface.n(w)).append(' ')
                .append(SvgSurface.n(h)).append("\" font-family=\"").append(FONTS).append("\" xml:lang=\"").append(model.lang().code()).append("\">\n")
                .append("<title>").append(Xml.text(model.title())).append("</title>\n")
                .append("<style>text{white-space:pre}</style>\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"#f4f5f7\"/>\n");
        var s = new SvgSurface(out);
        s.begin("title");
        s.text(Text.cut(Text.oneLine(model.title()), 120), 16, 22, 18, true, Theme.HEADER_TEXT, Surface.Align.LEFT);
        s.text(Words.MAP.in(model.lang()) + " · " + Words.EXPORTED.in(model.lang()) + " " + date, 16, 44, MapLayout.SMALL_FONT, false,
                Theme.SUB_TEXT, Surface.Align.LEFT);
        s.end();
        out.append("<g class=\"map\" transform=\"translate(0.5,").append(SvgSurface.n(TITLE_H)).append(")\">\n");
        if (model.stages().isEmpty() && model.lanes().isEmpty()) {
            s.text(Words.NONE_YET.in(model.lang()), 16, 20, MapLayout.CARD_FONT, false, Theme.SUB_TEXT, Surface.Align.LEFT);
        } else {
            new MapPainter(layout, model).paint(s);
        }
        out.append("</g>\n</svg>\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
