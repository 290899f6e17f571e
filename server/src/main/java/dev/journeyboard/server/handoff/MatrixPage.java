package dev.journeyboard.server.handoff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The priority matrix: impact 1..5 upwards, effort 1..5 to the right, one cell per (impact, effort) pair, tinted by
 * quadrant, with the quadrant names in both languages around the plot. Each rated pain point and opportunity is a
 * chip in its cell (TOP rank, text, votes), in plan order; a full cell ends with "+k more".
 */
final class MatrixPage {
    private static final double AXIS_W = 70, BAND = 24, CHIP_H = 17, CHIP_GAP = 2, CHIP_FONT = 9;

    private MatrixPage() {}

    static void paint(Surface s, JourneyModel model, double w, double h) {
        Lang lang = model.lang();
        TextMeasure m = s.measure();
        s.text(Words.MATRIX.both(lang), 0, 10, 15, true, Theme.HEADER_TEXT, Surface.Align.LEFT);
        s.text(Words.MATRIX_AXES.in(lang) + "  ·  " + Words.SCORE_FORMULA.in(lang), 0, 30, 9, false, Theme.SUB_TEXT, Surface.Align.LEFT);

        double px0 = AXIS_W, py0 = 44 + BAND, px1 = w, py1 = h - BAND - 34;
        double cw = (px1 - px0) / 5, ch = (py1 - py0) / 5;
        double split = px0 + (Quadrant.HIGH - 1) * cw, splitY = py0 + (5 - Quadrant.HIGH + 1) * ch;
        // quadrant names: the high-impact ones above the plot, the low-impact ones below it
        for (Quadrant q : Quadrant.values()) {
            double x = q.highEffort() ? split : px0;
            double y = q.highImpact() ? py0 - BAND / 2 : py1 + BAND / 2 + 16;
            s.text(q.both(lang), x + 4, y, 12, true, q.accent, Surface.Align.LEFT);
        }
        for (int impact = 5; impact >= 1; impact--) {
            for (int effort = 1; effort <= 5; effort++) {
                Quadrant q = Quadrant.of(impact, effort);
                s.rect(px0 + (effort - 1) * cw, py0 + (5 - impact) * ch, cw, ch, 0, q.fill, Theme.GRID_LINE, 0.6);
            }
        }
        s.line(split, py0, split, py1, "#495057", 1.6, false);
        s.line(px0, splitY, px1, splitY, "#495057", 1.6, false);
        s.rect(px0, py0, px1 - px0, py1 - py0, 0, null, "#495057", 1);
        for (int i = 1; i <= 5; i++) {
            s.text(String.valueOf(i), px0 - 10, py0 + (5 - i) * ch + ch / 2, 10, true, Theme.HEADER_TEXT, Surface.Align.RIGHT);
            s.text(String.valueOf(i), px0 + (i - 1) * cw + cw / 2, py1 + 9, 10, true, Theme.HEADER_TEXT, Surface.Align.CENTER);
        }
        s.text(Words.COL_IMPACT.in(lang) + " ↑", px0 - 10, py0 - BAND / 2, 10, true, Theme.HEADER_TEXT, Surface.Align.RIGHT);
        s.text(Words.COL_EFFORT.in(lang) + " →", px1, py1 + 9, 10, true, Theme.HEADER_TEXT, Surface.Align.RIGHT);

        Map<Integer, List<ActionItem>> cells = new HashMap<>();
        for (ActionItem a : model.actions()) {
            if (a.quadrant() == null) continue;
            cells.computeIfAbsent(a.card().impact() * 10 + a.card().effort(), k -> new ArrayList<>()).add(a);
        }
        int capacity = Math.max(1, (int) Math.floor((ch - 6) / (CHIP_H + CHIP_GAP)));
        for (var e : cells.entrySet()) {
            int impact = e.getKey() / 10, effort = e.getKey() % 10;
            double x = px0 + (effort - 1) * cw + 4, y = py0 + (5 - impact) * ch + 4;
            var items = e.getValue();
            int shown = items.size() <= capacity ? items.size() : capacity - 1;
            for (int i = 0; i < shown; i++) chip(s, m, items.get(i), x, y + i * (CHIP_H + CHIP_GAP), cw - 8);
            if (shown < items.size()) {
                s.text("+" + (items.size() - shown) + " " + Words.MORE.in(lang), x + 4, y + shown * (CHIP_H + CHIP_GAP) + CHIP_H / 2,
                        CHIP_FONT, true, Theme.SUB_TEXT, Surface.Align.LEFT);
            }
        }
        // legend: the chips' colours, and how many items the matrix cannot place
        double lx = px0;
        for (String kind : new String[] {"painpoints", "opportunities"}) {
            var style = Theme.lane(kind);
            s.rect(lx, h - 11, 14, 10, 2, style.card(), style.accent(), 0.8);
            String label = kind.equals("painpoints") ? Words.TYPE_PAIN.in(lang) : Words.TYPE_OPPORTUNITY.in(lang);
            s.text(label, lx + 18, h - 6, 9, false, Theme.HEADER_TEXT, Surface.Align.LEFT);
            lx += 18 + m.width(label, 9, false) + 16;
        }
        s.rect(lx, h - 11, 14, 10, 2, "#ffffff", Theme.TOP, 1.4);
        s.text("TOP", lx + 18, h - 6, 9, false, Theme.HEADER_TEXT, Surface.Align.LEFT);
        lx += 18 + m.width("TOP", 9, false) + 16;
        int unrated = model.inQuadrant(null).size();
        if (unrated > 0) s.text(Words.NOT_RATED.in(lang) + ": " + unrated, lx, h - 6, 9, false, Theme.SUB_TEXT, Surface.Align.LEFT);
    }

    private static void chip(Surface s, TextMeasure m, ActionItem a, double x, double y, double w) {
        var style = Theme.lane(a.lane().kind());
        boolean top = a.card().top() != null;
        s.rect(x, y, w, CHIP_H, 3, style.card(), top ? Theme.TOP : style.accent(), top ? 1.4 : 0.6);
        s.rect(x, y, 3, CHIP_H, 0, style.accent(), null, 0);
        double tx = x + 6;
        if (top) {
            String rank = "TOP " + a.card().top();
            s.text(rank, tx, y + CHIP_H / 2, CHIP_FONT, true, Theme.TOP, Surface.Align.LEFT);
            tx += m.width(rank, CHIP_FONT, true) + 4;
        }
        String votes = a.card().votes() > 0 ? "▲" + a.card().votes() : "";
        double votesW = votes.isEmpty() ? 0 : m.width(votes, CHIP_FONT, false) + 6;
        if (!votes.isEmpty()) s.text(votes, x + w - 4, y + CHIP_H / 2, CHIP_FONT, false, "#1864ab", Surface.Align.RIGHT);
        var lines = TextWrap.wrap(Text.oneLine(a.card().textOrEmpty()), m, CHIP_FONT, false, Math.max(10, x + w - 4 - votesW - tx), 1);
        if (!lines.isEmpty()) s.text(lines.get(0), tx, y + CHIP_H / 2, CHIP_FONT, false, Theme.HEADER_TEXT, Surface.Align.LEFT);
    }
}
