package dev.journeyboard.server.handoff;

import java.util.ArrayList;
import java.util.List;

/** Draws the journey map as the web client does (web/src/render/grid.ts and cards.ts). */
final class MapPainter {
    private final MapLayout L;
    private final JourneyModel model;

    MapPainter(MapLayout layout, JourneyModel model) {
        this.L = layout;
        this.model = model;
    }

    /** The part of the world to draw; what lies wholly outside is skipped (a PDF page holds only its own cards). */
    record View(double x0, double y0, double x1, double y1) {
        static final View ALL = new View(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

        boolean meets(double x, double y, double w, double h) {
            return x < x1 && x + w > x0 && y < y1 && y + h > y0;
        }
    }

    /** Everything: lane backgrounds, grid lines, headers, emotion guides and curves, cards. */
    void paint(Surface s) {
        paintBody(s, View.ALL);
        paintStageHeaders(s, View.ALL);
        paintLaneHeaders(s, View.ALL);
        paintCorner(s);
    }

    /** Lanes, grid lines, curves and cards, without the stage header row or the lane header column. */
    void paintBody(Surface s, View v) {
        for (var lane : L.lanes) {
            if (!v.meets(0, lane.y(), L.width, lane.h())) continue;
            s.rect(0, lane.y(), L.width, lane.h(), 0, lane.lane().number() % 2 == 0 ? Theme.LANE_ALT : Theme.LANE, null, 0);
        }
        double y0 = Math.max(0, v.y0()), y1 = Math.min(L.height, v.y1());
        double x0 = Math.max(0, v.x0()), x1 = Math.min(L.width, v.x1());
        for (var st : L.stages) if (st.x() >= x0 && st.x() <= x1) s.line(st.x(), y0, st.x(), y1, Theme.GRID_LINE, 1, false);
        s.line(L.width, y0, L.width, y1, Theme.GRID_LINE, 1, false);
        for (var lane : L.lanes) if (lane.y() >= y0 && lane.y() <= y1) s.line(x0, lane.y(), x1, lane.y(), Theme.GRID_LINE, 1, false);
        s.line(x0, L.height, x1, L.height, Theme.GRID_LINE, 1, false);
        for (var c : L.curves) if (v.meets(0, c.lane().y(), L.width, c.lane().h())) paintCurve(s, c);
        for (var b : L.cards) if (v.meets(b.x(), b.y(), b.w(), b.h())) paintCard(s, b);
    }

    void paintStageHeaders(Surface s, View v) {
        s.rect(MapLayout.HEADER_W, 0, L.width - MapLayout.HEADER_W, MapLayout.HEADER_H, 0, Theme.HEADER, null, 0);
        for (int i = 0; i < L.stages.size(); i++) {
            var st = L.stages.get(i);
            if (!v.meets(st.x(), 0, st.w(), MapLayout.HEADER_H)) continue;
            s.begin("stage", "data-id", st.stage().id());
            s.rect(st.x(), 0, st.w(), 4, 0, st.stage().color() != null ? st.stage().color() : "#343a40", null, 0);
            s.text(String.format("%02d", st.stage().number()), st.x() + 14, 22, MapLayout.SMALL_FONT, false, Theme.SUB_TEXT, Surface.Align.LEFT);
            var lines = L.stageLabels.get(i);
            s.text(lines.isEmpty() ? "" : lines.get(0), st.x() + 14, 44, MapLayout.HEADER_FONT, true, Theme.HEADER_TEXT, Surface.Align.LEFT);
            s.end();
            s.line(st.x(), 0, st.x(), MapLayout.HEADER_H, Theme.GRID_LINE, 1, false);
        }
        s.line(MapLayout.HEADER_W, MapLayout.HEADER_H, L.width, MapLayout.HEADER_H, Theme.GRID_LINE, 1, false);
        s.line(L.width, 0, L.width, MapLayout.HEADER_H, Theme.GRID_LINE, 1, false);
    }

    void paintLaneHeaders(Surface s, View v) {
        for (var lane : L.lanes) {
            if (!v.meets(0, lane.y(), MapLayout.HEADER_W, lane.h())) continue;
            var style = Theme.lane(lane.lane().kind());
            s.begin("lane", "data-id", lane.lane().id(), "data-kind", lane.lane().kind());
            s.rect(0, lane.y(), MapLayout.HEADER_W, lane.h(), 0, Theme.HEADER, null, 0);
            s.rect(0, lane.y(), 4, lane.h(), 0, lane.lane().color() != null ? lane.lane().color() : style.accent(), null, 0);
            var lines = lane.labelLines();
            // a lane continued from the page before shows its name again at the top of this one
            double labelY = Math.max(lane.y(), Math.min(v.y0(), lane.y() + lane.h() - 24 - lines.size() * 19));
            for (int i = 0; i < lines.size(); i++) {
                s.text(lines.get(i), 18, labelY + 24 + i * 19, MapLayout.LANE_FONT, true, Theme.HEADER_TEXT, Surface.Align.LEFT);
            }
            if (lane.lane().kind().equals("emotions")) {
                double top = lane.y() + MapLayout.CELL_PAD + (lane.h() - 2 * MapLayout.CELL_PAD - 4 * MapLayout.EMOTION_LEVEL) / 2;
                for (int e = 2; e >= -2; e--) {
                    s.text(e > 0 ? "+" + e : String.valueOf(e), MapLayout.HEADER_W - 10, top + (2 - e) * MapLayout.EMOTION_LEVEL,
                            MapLayout.SMALL_FONT, false, Theme.fg(Theme.emotionTone(e)), Surface.Align.RIGHT);
                }
            }
            s.end();
            s.line(0, lane.y(), MapLayout.HEADER_W, lane.y(), Theme.GRID_LINE, 1, false);
        }
        s.line(0, L.height, MapLayout.HEADER_W, L.height, Theme.GRID_LINE, 1, false);
        s.line(0, 0, 0, L.height, Theme.GRID_LINE, 1, false);
        s.line(MapLayout.HEADER_W, 0, MapLayout.HEADER_W, L.height, Theme.GRID_LINE, 1, false);
    }

    void paintCorner(Surface s) {
        s.rect(0, 0, MapLayout.HEADER_W, MapLayout.HEADER_H, 0, Theme.CORNER, Theme.GRID_LINE, 1);
    }

    private void paintCurve(Surface s, MapLayout.Curve c) {
        var lane = c.lane();
        for (int e = 2; e >= -2; e--) {
            double yy = c.top() + (2 - e) * MapLayout.EMOTION_LEVEL;
            s.line(MapLayout.HEADER_W, yy, L.width, yy, e == 0 ? "#ced4da" : "#eceef0", 1, true);
        }
        var pts = new ArrayList<double[]>();
        for (var p : c.points()) pts.add(new double[] {p.x(), c.top() + (2 - p.emotion()) * MapLayout.EMOTION_LEVEL});
        if (pts.size() >= 2) s.curve(pts, Theme.CURVE, 3, 0.8, "emotion-curve-" + lane.lane().id());
        for (var p : c.points()) {
            s.circle(p.x(), c.top() + (2 - p.emotion()) * MapLayout.EMOTION_LEVEL, 5, Theme.fg(Theme.emotionTone(p.emotion())));
        }
    }

    private void paintCard(Surface s, MapLayout.CardBox b) {
        JourneyCard c = b.card();
        String fill = c.color() != null ? c.color() : Theme.lane(b.lane().lane().kind()).card();
        s.begin("card", "data-id", c.id(), "data-lane", b.lane().lane().id(), "data-stage", b.stage().stage().id());
        boolean top = c.top() != null;
        s.rect(b.x(), b.y(), b.w(), b.h(), 8, fill, top ? Theme.TOP : Theme.CARD_BORDER, top ? 2.5 : 1);
        if (c.mot()) {
            // moment-of-truth marker: the orange corner flag with a star
            double x = b.x(), y = b.y(), w = b.w();
            s.polygon(new double[] {x + w - 26, x + w - 8, x + w, x + w}, new double[] {y, y, y + 8, y + 26}, Theme.MOT);
            s.text("★", x + w - 7, y + 8, 10, true, "#ffffff", Surface.Align.CENTER);
        }
        List<String> lines = b.lines();
        if (lines.size() == 1 && lines.get(0).isEmpty()) {
            s.text(Words.EMPTY_CARD.in(model.lang()), b.x() + MapLayout.CARD_PAD, b.y() + MapLayout.CARD_PAD + MapLayout.LINE_H / 2,
                    MapLayout.CARD_FONT, false, Theme.SUB_TEXT, Surface.Align.LEFT);
        } else {
            String ink = Theme.textOn(fill);
            s.begin("text");
            for (int i = 0; i < lines.size(); i++) {
                s.text(lines.get(i), b.x() + MapLayout.CARD_PAD, b.y() + MapLayout.CARD_PAD + i * MapLayout.LINE_H + MapLayout.LINE_H / 2,
                        MapLayout.CARD_FONT, false, ink, Surface.Align.LEFT);
            }
            s.end();
        }
        if (!b.badges().isEmpty()) {
            double firstRowY = b.y() + b.h() - 4 - b.badgeRows() * MapLayout.BADGE_H;
            s.begin("badges");
            for (var pb : b.badges()) {
                double ry = firstRowY + pb.row() * MapLayout.BADGE_H;
                var badge = pb.badge();
                s.rect(b.x() + pb.dx(), ry + 2, pb.w(), MapLayout.BADGE_HEIGHT, 9, badge.bg(), badge.strong() ? badge.fg() : null, 1);
                s.text(badge.label(), b.x() + pb.dx() + MapLayout.BADGE_PAD, ry + 11.5, MapLayout.BADGE_FONT, true, badge.fg(), Surface.Align.LEFT);
            }
            s.end();
        }
        s.end();
    }
}
