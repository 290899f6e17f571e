package dev.journeyboard.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Issue 15's targets (server and generator on one 2-core machine, embedded store), checked against a
 * run's result. Targets are never lowered here: a miss is reported with how far off it is. A target is
 * {@code within} when the measured value satisfies it, and {@code met} only when, in addition, the
 * generator kept up ({@link Verdict}): otherwise part of what was measured is the generator's own delay.
 */
final class Targets {
    static final String WHY_COMPARE = "run many-boards again with --server-data-base /dev/shm and --compare <this run's .json> "
            + "(or give this run --compare <the tmpfs run's .json>)";

    private Targets() {}

    /** Adds {@code targets} (each with {@code within}) to a single run's result. */
    static void evaluate(String scenario, ObjectNode r) {
        ArrayNode t = r.putArray("targets");
        JsonNode lat = r.path("latency");
        JsonNode opP99 = lat.path("opDelivery").path("p99_ms");
        JsonNode conns = r.path("connections");
        switch (scenario) {
            case "workshop" -> {
                if (r.path("serverSettings").path("earlyBroadcast").asBoolean()) {
                    latency(t, "op p99 to every other participant (early broadcast)", opP99, 2.5);
                } else {
                    JsonNode fsync = r.path("disk").path("fsync").path("p99_ms");
                    if (fsync.isNumber()) {
                        latency(t, "op p99 to every other participant <= the disk's fsync p99 in this run (" + fmt(fsync.asDouble()) + " ms) + 2 ms",
                                opP99, fsync.asDouble() + 2);
                    } else {
                        notMeasured(t, "op p99 to every other participant <= the disk's fsync p99 in this run + 2 ms", "the fsync probe did not run");
                    }
                }
                max(t, "errors (rejected + error + disconnects + failed connects)", r.path("errors").path("total"), 0, "");
            }
            case "hot-board" -> {
                latency(t, "op p99 to every other participant", opP99, 10);
                latency(t, "presence p99", lat.path("presence").path("p99_ms"), 100);
                max(t, "disconnects", conns.path("disconnects"), 0, "");
            }
            case "crowd" -> {
                latency(t, "op p99 to every other participant", opP99, 50);
                max(t, "disconnects", conns.path("disconnects"), 0, "");
            }
            case "many-boards" -> {
                min(t, "connections held (all " + conns.path("target").asLong() + ")", conns.path("held"), conns.path("target").asLong(), "");
                latency(t, "op p99 to every other participant", opP99, 50);
                max(t, "server peak RSS", mib(r.path("server").path("rssPeakBytes")), 400, "MiB");
                manyBoardsTmpfsRatio(t, r);
            }
            case "idle" -> {
                min(t, "connections held (all " + conns.path("target").asLong() + ")", conns.path("held"), conns.path("target").asLong(), "");
                max(t, "server RSS per connection", kib(r.path("server").path("rssPerConnectionBytes")), 40, "KiB");
            }
            case "join-storm" -> latency(t, "join p99 (connect -> welcome, 5,000-element board)", lat.path("join").path("p99_ms"), 250);
            default -> { }
        }
    }

    /**
     * many-boards: op p99 on disk at most 1.25x the same scenario on tmpfs, from {@code --compare} (given in
     * either run). A tmpfs run without {@code --compare} is a reference only: the target is not its own.
     */
    private static void manyBoardsTmpfsRatio(ArrayNode t, ObjectNode r) {
        JsonNode c = r.path("compare");
        boolean tmpfs = "tmpfs".equals(r.path("serverSettings").path("dataDirFileSystem").asText());
        if (c.isMissingNode() && tmpfs) return;
        String what = "op p99 on disk <= " + Compare.MANY_BOARDS_MAX_RATIO + "x the same scenario with the data on tmpfs";
        if (c.isMissingNode()) {
            notMeasured(t, what, WHY_COMPARE);
            return;
        }
        ObjectNode o = add(t, what + " (disk: " + c.path("diskRun").asText() + ", tmpfs: " + c.path("tmpfsRun").asText() + ")",
                c.path("opP99Ratio"), Compare.MANY_BOARDS_MAX_RATIO, "x", "<=");
        if (!c.path("valid").asBoolean()) {
            o.put("within", false);
            o.put("measured", o.path("measured").asText() + "; not a valid comparison: " + c.path("problems").toString());
        }
    }

    /**
     * The tightest latency target of the run in ms (NaN if none): the generator's lag must stay well
     * below it for the measurement to mean anything ({@link Verdict#lagLimitMs}).
     */
    static double tightestLatencyMs(JsonNode r) {
        double min = Double.NaN;
        for (JsonNode t : r.path("targets")) {
            if (!t.has("latencyLimitMs")) continue;
            double v = t.path("latencyLimitMs").asDouble();
            if (Double.isNaN(min) || v < min) min = v;
        }
        return min;
    }

    /**
     * Sets each target's {@code met} (within and the generator kept up), {@code passed}, and the outcome:
     * {@code met} (every target met), {@code missed} (the generator kept up and a target was missed), or
     * {@code inconclusive} (the generator did not keep up, so no target counts).
     */
    static void conclude(ObjectNode r, boolean keptUp) {
        boolean allWithin = true;
        for (JsonNode n : r.path("targets")) {
            ObjectNode o = (ObjectNode) n;
            boolean within = o.path("within").asBoolean();
            allWithin &= within;
            o.put("met", within && keptUp);
        }
        r.put("passed", allWithin && keptUp);
        r.put("outcome", !keptUp ? "inconclusive" : allWithin ? "met" : "missed");
    }

    /** 0 = every target met with a generator that kept up, 1 = a target missed, 3 = the generator did not keep up. */
    static int exitCode(JsonNode r) {
        return switch (r.path("outcome").asText("met")) {
            case "met" -> 0;
            case "missed" -> 1;
            default -> 3;
        };
    }

    private static JsonNode mib(JsonNode bytes) {
        return bytes.isNumber() ? DoubleNode.valueOf(Math.round(bytes.asDouble() / 1048576.0 * 10) / 10.0) : bytes;
    }

    private static JsonNode kib(JsonNode bytes) {
        return bytes.isNumber() ? DoubleNode.valueOf(Math.round(bytes.asDouble() / 1024.0 * 10) / 10.0) : bytes;
    }

    private static void latency(ArrayNode t, String what, JsonNode measured, double limitMs) {
        add(t, what, measured, limitMs, "ms", "<=").put("latencyLimitMs", limitMs);
    }

    private static void max(ArrayNode t, String what, JsonNode measured, double target, String unit) {
        add(t, what, measured, target, unit, "<=");
    }

    private static void min(ArrayNode t, String what, JsonNode measured, double target, String unit) {
        add(t, what, measured, target, unit, ">=");
    }

    private static void notMeasured(ArrayNode t, String what, String why) {
        t.addObject().put("what", what).put("target", "measured").put("measured", "not measured: " + why).put("within", false);
    }

    private static ObjectNode add(ArrayNode t, String what, JsonNode measured, double target, String unit, String op) {
        ObjectNode o = t.addObject();
        String u = unit.isEmpty() ? "" : unit.equals("x") ? "x" : " " + unit;
        o.put("what", what).put("target", op + " " + fmt(target) + u);
        if (measured.isMissingNode() || !measured.isNumber()) {
            o.put("measured", "not measured").put("within", false);
            return o;
        }
        double v = measured.asDouble();
        boolean within = op.equals("<=") ? v <= target : v >= target;
        o.put("measured", fmt(v) + u).put("value", v).put("within", within);
        if (!within) {
            double by = Math.abs(v - target);
            o.put("missedBy", fmt(by) + u + (target != 0 ? String.format(" (%.0f%%)", 100 * by / target) : ""));
        }
        return o;
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (v == Math.rint(v) && Math.abs(v) < 1e12) return String.valueOf((long) v);
        return String.format("%.2f", v);
    }
}
