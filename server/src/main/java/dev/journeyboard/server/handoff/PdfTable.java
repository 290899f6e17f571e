package dev.journeyboard.server.handoff;

import java.util.ArrayList;
import java.util.List;

/**
 * The action-plan table of board.pdf: the rows of plan.csv (without the card id), wrapped in their columns,
 * over as many pages as they need, the header row repeated on each. A TOP row has its rank in the board's TOP
 * colour.
 */
final class PdfTable {
    private static final double FONT = 8.5, LINE = 11, PAD = 4;
    private static final int MAX_LINES = 8;

    private record Column(Words title, double width, boolean number) {}

    private static final List<Column> COLUMNS = List.of(
            new Column(Words.COL_TOP, 34, true), new Column(Words.COL_TYPE, 66, false), new Column(Words.COL_STAGE, 80, false),
            new Column(Words.COL_TEXT, 238, false), new Column(Words.COL_DEPARTMENT, 100, false), new Column(Words.COL_STATUS, 58, false),
            new Column(Words.COL_DUE, 62, false), new Column(Words.COL_IMPACT, 40, true), new Column(Words.COL_EFFORT, 40, true),
            new Column(Words.COL_VOTES, 36, true), new Column(Words.COL_SCORE, 58, true), new Column(Words.COL_QUADRANT, 70, false),
            new Column(Words.COL_MEASURE, 130, false), new Column(Words.COL_ADDRESSES, 122, false));

    private PdfTable() {}

    static void paint(PdfWriter.Pages pages, JourneyModel model) {
        Lang lang = model.lang();
        TextMeasure m = pages.font();
        double total = 0;
        for (Column c : COLUMNS) total += c.width();
        double k = PdfWriter.CONTENT_W / total; // the widths above are proportions of the page's width
        String section = Words.ACTION_PLAN.in(lang);
        Surface s = pages.start(section);
        double y = heading(s, model);
        y = header(s, m, lang, k, y);
        if (model.actions().isEmpty()) {
            s.text(Words.NONE_YET.in(lang), PAD, y + LINE, FONT, false, Theme.SUB_TEXT, Surface.Align.LEFT);
            return;
        }
        int row = 0;
        for (ActionItem a : model.actions()) {
            var cells = cells(a, model, lang);
            var wrapped = new ArrayList<List<String>>();
            int lines = 1;
            for (int i = 0; i < COLUMNS.size(); i++) {
                var l = TextWrap.wrap(cells.get(i), m, FONT, false, COLUMNS.get(i).width() * k - 2 * PAD, MAX_LINES);
                wrapped.add(l);
                lines = Math.max(lines, l.size());
            }
            double h = lines * LINE + 2 * PAD;
            if (y + h > PdfWriter.CONTENT_H) {
                s = pages.start(section);
                y = header(s, m, lang, k, 0);
            }
            if (row % 2 == 1) s.rect(0, y, PdfWriter.CONTENT_W, h, 0, "#f8f9fa", null, 0);
            double x = 0;
            for (int i = 0; i < COLUMNS.size(); i++) {
                Column c = COLUMNS.get(i);
                double cw = c.width() * k;
                String color = i == 0 && a.card().top() != null ? Theme.TOP : Theme.HEADER_TEXT;
                var l = wrapped.get(i);
                for (int j = 0; j < l.size(); j++) {
                    double ty = y + PAD + j * LINE + LINE / 2;
                    if (c.number()) s.text(l.get(j), x + cw - PAD, ty, FONT, i == 0, color, Surface.Align.RIGHT);
                    else s.text(l.get(j), x + PAD, ty, FONT, false, color, Surface.Align.LEFT);
                }
                x += cw;
            }
            s.line(0, y + h, PdfWriter.CONTENT_W, y + h, Theme.GRID_LINE, 0.5, false);
            y += h;
            row++;
        }
    }

    private static double heading(Surface s, JourneyModel model) {
        Lang lang = model.lang();
        s.text(Words.ACTION_PLAN.both(lang), 0, 10, 15, true, Theme.HEADER_TEXT, Surface.Align.LEFT);
        s.text(Words.SCORE_FORMULA.in(lang), 0, 30, 9, false, Theme.SUB_TEXT, Surface.Align.LEFT);
        return 44;
    }

    private static double header(Surface s, TextMeasure m, Lang lang, double k, double y) {
        var wrapped = new ArrayList<List<String>>();
        int lines = 1;
        for (Column c : COLUMNS) {
            var l = TextWrap.wrap(c.title().in(lang), m, FONT, true, c.width() * k - 2 * PAD, 2);
            wrapped.add(l);
            lines = Math.max(lines, l.size());
        }
        double h = lines * LINE + 2 * PAD;
        s.rect(0, y, PdfWriter.CONTENT_W, h, 0, "#e9ecef", null, 0);
        double x = 0;
        for (int i = 0; i < COLUMNS.size(); i++) {
            Column c = COLUMNS.get(i);
            double cw = c.width() * k;
            for (int j = 0; j < wrapped.get(i).size(); j++) {
                double ty = y + PAD + j * LINE + LINE / 2;
                if (c.number()) s.text(wrapped.get(i).get(j), x + cw - PAD, ty, FONT, true, Theme.HEADER_TEXT, Surface.Align.RIGHT);
                else s.text(wrapped.get(i).get(j), x + PAD, ty, FONT, true, Theme.HEADER_TEXT, Surface.Align.LEFT);
            }
            x += cw;
        }
        s.line(0, y + h, PdfWriter.CONTENT_W, y + h, "#adb5bd", 0.8, false);
        return y + h;
    }

    private static List<String> cells(ActionItem a, JourneyModel model, Lang lang) {
        JourneyCard c = a.card();
        var links = new ArrayList<String>();
        for (JourneyCard p : a.addresses()) links.add(Text.oneLine(p.textOrEmpty()));
        return List.of(Num.format(c.top()), a.kindLabel(lang), a.stage().label(), c.textOrEmpty(), a.owner() == null ? "" : a.owner(),
                Words.status(c.status(), lang), c.due() == null ? "" : c.due(), Num.format(c.impact()), Num.format(c.effort()),
                Integer.toString(c.votes()), Num.format(a.score()), a.quadrant() == null ? "" : a.quadrant().label(lang),
                a.measureText(model), String.join("; ", links));
    }
}
