package dev.journeyboard.server.handoff;

import java.util.ArrayList;
import java.util.List;

/**
 * The journey grid's geometry, as the web client lays it out (web/src/render/layout.ts): stage columns, lane rows,
 * cards stacked in their cells, the emotion lane with its cards lifted by score and the curve through them. One
 * difference: badges that do not fit on one line wrap to a second one instead of being left out, since a hand-off
 * should not drop a TOP rank or a missed target.
 *
 * <p>World units are the browser's CSS pixels; the SVG uses them as they are, the PDF scales them.
 */
final class MapLayout {
    static final double HEADER_W = 200, HEADER_H = 64, COL_W = 264, CELL_PAD = 12, CARD_GAP = 8, CARD_PAD = 10,
            LINE_H = 19, BADGE_H = 24, MIN_CARD_H = 44, MIN_ROW_H = 96, EMOTION_LEVEL = 34;
    static final int MAX_CARD_LINES = 14, EMOTION_CARD_LINES = 3;
    static final double CARD_FONT = 14, HEADER_FONT = 15, LANE_FONT = 14, BADGE_FONT = 11, SMALL_FONT = 12;
    static final double BADGE_PAD = 6, BADGE_HEIGHT = 18, BADGE_SPACE = 4;

    record StageCol(JourneyModel.Stage stage, double x, double w) {}

    record LaneRow(JourneyModel.Lane lane, double y, double h, List<String> labelLines) {}

    /** A badge placed in its card: {@code dx} from the card's left, {@code row} from the first badge line. */
    record PlacedBadge(Badges.Badge badge, double dx, int row, double w) {}

    record CardBox(JourneyCard card, LaneRow lane, StageCol stage, List<String> lines, List<PlacedBadge> badges, int badgeRows,
                   double x, double y, double w, double h) {}

    record Point(double x, double y, int emotion) {}

    record Curve(LaneRow lane, double top, List<Point> points) {}

    final List<StageCol> stages = new ArrayList<>();
    final List<LaneRow> lanes = new ArrayList<>();
    final List<CardBox> cards = new ArrayList<>();
    final List<Curve> curves = new ArrayList<>();
    final List<List<String>> stageLabels = new ArrayList<>();
    double width;
    double height;

    static MapLayout of(JourneyModel model, TextMeasure m) {
        var L = new MapLayout();
        double innerW = COL_W - 2 * CELL_PAD;
        double textW = innerW - 2 * CARD_PAD;
        for (int i = 0; i < model.stages().size(); i++) {
            var s = model.stages().get(i);
            L.stages.add(new StageCol(s, HEADER_W + i * COL_W, COL_W));
            L.stageLabels.add(TextWrap.wrap(s.label(), m, HEADER_FONT, true, COL_W - 28, 1));
        }
        double y = HEADER_H;
        for (var lane : model.lanes()) {
            var labelLines = TextWrap.wrap(lane.label(), m, LANE_FONT, true, HEADER_W - 32, 3);
            var rowCards = new ArrayList<CardBox>();
            double rowH;
            var row = new LaneRow(lane, y, 0, labelLines);
            if (lane.kind().equals("emotions")) {
                // cards side by side, lifted by their score; the curve runs through the scored ones
                double maxH = MIN_CARD_H;
                for (var st : L.stages) {
                    var list = model.cell(lane.id(), st.stage().id());
                    int n = list.size();
                    double slotW = n > 0 ? (innerW - (n - 1) * 6) / n : innerW;
                    double w = Math.max(48, Math.min(slotW, 200));
                    for (int slot = 0; slot < n; slot++) {
                        var c = list.get(slot);
                        var box = box(c, row, st, model, m, st.x() + CELL_PAD + slot * (slotW + 6) + (slotW - w) / 2, 0, w, EMOTION_CARD_LINES);
                        maxH = Math.max(maxH, box.h());
                        rowCards.add(box);
                    }
                }
                rowH = Math.max(MIN_ROW_H, 2 * CELL_PAD + 4 * EMOTION_LEVEL + maxH);
                double top = y + CELL_PAD + (rowH - 2 * CELL_PAD - 4 * EMOTION_LEVEL) / 2;
                var points = new ArrayList<Point>();
                for (int i = 0; i < rowCards.size(); i++) {
                    var b = rowCards.get(i);
                    Integer e = b.card().emotion();
                    double cy = y + CELL_PAD + maxH / 2 + (2 - (e == null ? 0 : Math.max(-2, Math.min(2, e)))) * EMOTION_LEVEL;
                    b = new CardBox(b.card(), b.lane(), b.stage(), b.lines(), b.badges(), b.badgeRows(), b.x(), cy - b.h() / 2, b.w(), b.h());
                    rowCards.set(i, b);
                    if (e != null) points.add(new Point(b.x() + b.w() / 2, cy, Math.max(-2, Math.min(2, e))));
                }
                points.sort((a, b) -> Double.compare(a.x(), b.x()));
                row = new LaneRow(lane, y, rowH, labelLines);
                L.curves.add(new Curve(row, top, List.copyOf(points)));
            } else {
                rowH = MIN_ROW_H;
                for (var st : L.stages) {
                    double cy = y + CELL_PAD;
                    for (var c : model.cell(lane.id(), st.stage().id())) {
                        var box = box(c, row, st, model, m, st.x() + CELL_PAD, cy, innerW, MAX_CARD_LINES);
                        rowCards.add(box);
                        cy += box.h() + CARD_GAP;
                    }
                    rowH = Math.max(rowH, cy - y + CELL_PAD + 24);
                }
                row = new LaneRow(lane, y, rowH, labelLines);
            }
            L.lanes.add(row);
            // the boxes were made before the row's height was known: give them the finished row
            for (var b : rowCards) {
                L.cards.add(new CardBox(b.card(), row, b.stage(), b.lines(), b.badges(), b.badgeRows(), b.x(), b.y(), b.w(), b.h()));
            }
            y += rowH;
        }
        L.width = HEADER_W + L.stages.size() * COL_W;
        L.height = y;
        return L;
    }

    private static CardBox box(JourneyCard c, LaneRow row, StageCol st, JourneyModel model, TextMeasure m, double x, double y, double w, int maxLines) {
        var lines = TextWrap.wrap(c.textOrEmpty(), m, CARD_FONT, false, w - 2 * CARD_PAD, maxLines);
        var badges = new ArrayList<PlacedBadge>();
        int rows = 0;
        var list = Badges.of(c, row.lane().kind(), model);
        if (!list.isEmpty()) {
            double start = CARD_PAD - 2;
            double maxX = w - CARD_PAD;
            double bx = start;
            rows = 1;
            for (var b : list) {
                double bw = m.width(b.label(), BADGE_FONT, true) + 2 * BADGE_PAD;
                if (bx + bw > maxX && bx > start) {
                    rows++;
                    bx = start;
                }
                if (bx + bw > maxX) continue; // wider than the card itself, as the browser leaves it out
                badges.add(new PlacedBadge(b, bx, rows - 1, bw));
                bx += bw + BADGE_SPACE;
            }
            if (badges.isEmpty()) rows = 0;
            else rows = badges.get(badges.size() - 1).row() + 1;
        }
        double h = Math.max(MIN_CARD_H, lines.size() * LINE_H + 2 * CARD_PAD + rows * BADGE_H);
        return new CardBox(c, row, st, lines, List.copyOf(badges), rows, x, y, w, h);
    }
}
