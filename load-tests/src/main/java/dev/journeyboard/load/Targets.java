package dev.journeyboard.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The targets (server and generator on one 2-core machine, embedded store), checked against a
 * run's result. Targets are never lowered here: a miss is reported with how far off it is.
 */
final class Targets {
    private Targets() {}

    static void evaluate(String scenario, ObjectNode r) {
        ArrayNode t = r.putArray("targets");
        JsonNode lat = r.path("latency");
        switch (scenario) {
            case "workshop" -> {
                max(t, "op p99 to every other participant", lat.path("opDelivery").path("p99_ms"), 2.5, "ms");
                max(t, "errors (rejected + error + disconnects + failed connects)", r.path("errors").path("total"), 0, "");
            }
            case "hot-board" -> {
                max(t, "op p99 to every other participant", lat.path("opDelivery").path("p99_ms"), 30, "ms");
                max(t, "presence p99", lat.path("presence").path("p99_ms"), 100, "ms");
                max(t, "disconnects", r.path("connections").path("disconnects"), 0, "");
            }
            case "many-boards" -> {
                min(t, "connections held", r.path("connections").path("held"), 3000, "");
                max(t, "op p99 to every other participant", lat.path("opDelivery").path("p99_ms"), 50, "ms");
                max(t, "server peak RSS", mib(r.path("server").path("rssPeakBytes")), 1024, "MiB");
            }
            case "join-storm" -> max(t, "join p99 (connect -> welcome, 5,000-element board)", lat.path("join").path("p99_ms"), 250, "ms");
            default -> { }
        }
        boolean all = true;
        for (JsonNode n : t) all &= n.path("met").asBoolean();
        r.put("passed", all);
    }

    private static JsonNode mib(JsonNode bytes) {
        return com.fasterxml.jackson.databind.node.DoubleNode.valueOf(Math.round(bytes.asLong() / 1048576.0 * 10) / 10.0);
    }

    private static void max(ArrayNode t, String what, JsonNode measured, double target, String unit) {
        add(t, what, measured, target, unit, "<=");
    }

    private static void min(ArrayNode t, String what, JsonNode measured, double target, String unit) {
        add(t, what, measured, target, unit, ">=");
    }

    private static void add(ArrayNode t, String what, JsonNode measured, double target, String unit, String op) {
        ObjectNode o = t.addObject();
        o.put("what", what).put("target", op + " " + fmt(target) + (unit.isEmpty() ? "" : " " + unit));
        if (measured.isMissingNode() || !measured.isNumber()) {
            o.put("measured", "not measured").put("met", false);
            return;
        }
        double v = measured.asDouble();
        boolean met = op.equals("<=") ? v <= target : v >= target;
        o.put("measured", fmt(v) + (unit.isEmpty() ? "" : " " + unit)).put("met", met);
        if (!met) {
            double by = Math.abs(v - target);
            o.put("missedBy", fmt(by) + (unit.isEmpty() ? "" : " " + unit) + (target != 0 ? String.format(" (%.0f%%)", 100 * by / target) : ""));
        }
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) return String.valueOf((long) v);
        return String.format("%.2f", v);
    }
}
