package dev.journeyboard.server.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * How much presence a board may send. Every flush sends each changed cursor to everyone, so the bytes a board
 * sends grow with the square of its size: the flush rate falls as the board grows,
 * {@code hz(n) = 30 · (30 / n)^0.7} for {@code n > 30} participants, at least 8 Hz (30 Hz up to 30 people,
 * 20 at 54, 12 at 110, 8 from 200 on). Coordinates are rounded before anything is compared or sent: a cursor
 * to 0.1 board units (0.4 px at the client's highest zoom, 4), a viewport's x/y/w/h to 1 unit and its zoom to
 * 0.001; a rounded value that is whole goes out as an integer ({@code 120}, not {@code 120.0}).
 */
final class PresenceBudget {
    static final double MAX_HZ = 30;
    static final double MIN_HZ = 8;
    /** Up to this many participants the board gets the full rate. */
    static final int FULL_RATE_UP_TO = 30;
    private static final double FALL = 0.7;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PresenceBudget() {}

    /** Flushes per second for a board of {@code participants}. */
    static double hz(int participants) {
        if (participants <= FULL_RATE_UP_TO) return MAX_HZ;
        return Math.max(MIN_HZ, MAX_HZ * Math.pow((double) FULL_RATE_UP_TO / participants, FALL));
    }

    /** Milliseconds between two flushes for a board of {@code participants}. */
    static long intervalMs(int participants) {
        return Math.round(1000 / hz(participants));
    }

    private static final Map<String, Double> CURSOR = Map.of("x", 10.0, "y", 10.0);
    private static final Map<String, Double> VIEWPORT = Map.of("x", 1.0, "y", 1.0, "w", 1.0, "h", 1.0, "zoom", 1000.0);

    /**
     * {@code fields} with cursor and viewport rounded, in place: the codec made the tree for this one message
     * (a copy per cursor move showed in the allocation profile), and nothing else holds it yet.
     */
    static ObjectNode rounded(ObjectNode fields) {
        JsonNode c = fields.get("cursor");
        JsonNode v = fields.get("viewport");
        if (c != null && c.isObject()) fields.set("cursor", round(c, CURSOR));
        if (v != null && v.isObject()) fields.set("viewport", round(v, VIEWPORT));
        return fields;
    }

    /** @param scale per field: 10 rounds to 0.1 */
    private static ObjectNode round(JsonNode o, Map<String, Double> scale) {
        ObjectNode out = NODES.objectNode();
        for (var f : o.properties()) {
            Double s = scale.get(f.getKey());
            JsonNode value = f.getValue();
            if (s == null || !value.isNumber()) {
                out.set(f.getKey(), value);
                continue;
            }
            double r = Math.round(value.doubleValue() * s) / s;
            if (r == Math.rint(r) && Math.abs(r) < 1e15) out.put(f.getKey(), (long) r);
            else out.put(f.getKey(), r);
        }
        return out;
    }
}
