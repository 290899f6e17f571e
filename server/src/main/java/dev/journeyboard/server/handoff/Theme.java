package dev.journeyboard.server.handoff;

import java.util.Map;

/** The web client's colours (web/src/render/theme.ts), so an exported map looks like the board in the browser. */
final class Theme {
    private Theme() {}

    record LaneStyle(String accent, String card) {}

    private static final Map<String, LaneStyle> LANES = Map.ofEntries(
            Map.entry("persona", new LaneStyle("#7048e8", "#f3f0ff")),
            Map.entry("actions", new LaneStyle("#1c7ed6", "#e7f5ff")),
            Map.entry("touchpoints", new LaneStyle("#0c8599", "#e3fafc")),
            Map.entry("channels", new LaneStyle("#1098ad", "#e6fcf5")),
            Map.entry("thoughts", new LaneStyle("#f59f00", "#fff9db")),
            Map.entry("emotions", new LaneStyle("#e64980", "#fff0f6")),
            Map.entry("painpoints", new LaneStyle("#e03131", "#fff5f5")),
            Map.entry("opportunities", new LaneStyle("#2f9e44", "#ebfbee")),
            Map.entry("owners", new LaneStyle("#495057", "#f1f3f5")),
            Map.entry("metrics", new LaneStyle("#5c7cfa", "#edf2ff")),
            Map.entry("backstage", new LaneStyle("#868e96", "#f8f9fa")));
    private static final LaneStyle CUSTOM = new LaneStyle("#868e96", "#ffffff");

    static final String GRID_LINE = "#dee2e6";
    static final String HEADER = "#ffffff";
    static final String HEADER_TEXT = "#212529";
    static final String SUB_TEXT = "#868e96";
    static final String LANE = "#ffffff";
    static final String LANE_ALT = "#fbfbfc";
    static final String CORNER = "#f8f9fa";
    static final String CARD_BORDER = "#e3e3e3";
    static final String MOT = "#f08c00";
    static final String CURVE = "#e64980";
    static final String TOP = "#d9480f";

    static LaneStyle lane(String kind) {
        return LANES.getOrDefault(kind, CUSTOM);
    }

    static String fg(Metric.Tone t) {
        return switch (t) {
            case GOOD -> "#2b8a3e";
            case NEUTRAL -> "#e67700";
            case BAD -> "#c92a2a";
        };
    }

    static String bg(Metric.Tone t) {
        return switch (t) {
            case GOOD -> "#d3f9d8";
            case NEUTRAL -> "#fff3bf";
            case BAD -> "#ffe3e3";
        };
    }

    static Metric.Tone emotionTone(int e) {
        return e > 0 ? Metric.Tone.GOOD : e == 0 ? Metric.Tone.NEUTRAL : Metric.Tone.BAD;
    }

    /** Dark text on light fills, white on dark ones. */
    static String textOn(String fill) {
        if (fill == null || !fill.matches("#[0-9a-fA-F]{6}")) return HEADER_TEXT;
        int r = Integer.parseInt(fill.substring(1, 3), 16);
        int g = Integer.parseInt(fill.substring(3, 5), 16);
        int b = Integer.parseInt(fill.substring(5, 7), 16);
        return 0.299 * r + 0.587 * g + 0.114 * b < 140 ? "#ffffff" : HEADER_TEXT;
    }
}
