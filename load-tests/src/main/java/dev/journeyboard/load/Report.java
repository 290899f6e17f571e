package dev.journeyboard.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.message.MessageCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;

/** Writes a run's JSON result and its Markdown summary next to each other. */
final class Report {
    private Report() {}

    static void write(Options opt, ObjectNode r) throws IOException {
        Files.createDirectories(opt.out);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        r.with("machine").put("loadAverageAtEnd", Proc.loadAverage());
        Path json = opt.out.resolve(opt.name + "-" + stamp + ".json");
        Path md = opt.out.resolve(opt.name + "-" + stamp + ".md");
        Files.writeString(json, MessageCodec.json().writerWithDefaultPrettyPrinter().writeValueAsString(r) + "\n");
        String text = markdown(r, json.getFileName().toString());
        Files.writeString(md, text);
        System.out.println();
        System.out.println(text);
        System.out.println("wrote " + json + " and " + md);
    }

    static String markdown(JsonNode r, String jsonName) {
        var sb = new StringBuilder();
        sb.append("# Load test: ").append(r.path("scenario").asText()).append(" (").append(r.path("startedAt").asText()).append(")\n\n");
        if (r.has("note")) sb.append(r.path("note").asText()).append("\n\n");
        JsonNode m = r.path("machine");
        sb.append("Machine: ").append(m.path("cores").asInt()).append(" cores (").append(m.path("cpu").asText()).append("), ")
                .append(m.path("memoryBytes").asLong() >> 30).append(" GiB, ").append(m.path("jdk").asText()).append(", ")
                .append(m.path("os").asText()).append("; load average at start ").append(m.path("loadAverageAtStart").asText())
                .append(", at end ").append(m.path("loadAverageAtEnd").asText()).append(". Server and generator share the machine.\n\n");
        JsonNode s = r.path("serverSettings");
        sb.append("Server: ").append(s.path("startedByGenerator").asBoolean() ? "`" + s.path("command").asText() + "`" : s.path("url").asText())
                .append("; health ").append(s.path("health").toString()).append(".\n\n");
        sb.append("Generator flags: `").append(flags(r.path("flags"))).append("`; settings ").append(r.path("generatorSettings").toString()).append("\n\n");
        if (r.has("steps")) {
            sweepTable(sb, r);
        } else {
            run(sb, r);
        }
        sb.append("\nFull result (timeline per second included): `").append(jsonName).append("`.\n");
        return sb.toString();
    }

    private static void run(StringBuilder sb, JsonNode r) {
        JsonNode run = r.path("run");
        sb.append("Load: ").append(run.path("boards").asInt()).append(" board(s) x ").append(run.path("participantsPerBoard").asInt())
                .append(" participants (").append(run.path("editors").asInt()).append(" editors, ").append(run.path("viewers").asInt())
                .append(" viewers), ").append(run.path("opsPerSecondPerEditor").asDouble()).append(" ops/s per editor, ")
                .append(run.path("cursorMovesPerSecondPerParticipant").asDouble()).append(" cursor moves/s per participant; measured ")
                .append(String.format("%.1f", run.path("measuredSeconds").asDouble())).append(" s after ")
                .append(run.path("warmupSeconds").asDouble()).append(" s warm-up.");
        if (r.has("seed")) sb.append(" Board seeded with ").append(r.path("seed").path("elements").asInt()).append(" elements.");
        sb.append("\n\n");

        if (r.has("targets")) {
            sb.append("## Targets\n\n| target | required | measured | met |\n|---|---|---|---|\n");
            for (JsonNode t : r.path("targets")) {
                sb.append("| ").append(t.path("what").asText()).append(" | ").append(t.path("target").asText()).append(" | ")
                        .append(t.path("measured").asText()).append(t.has("missedBy") ? " (missed by " + t.path("missedBy").asText() + ")" : "")
                        .append(" | ").append(t.path("met").asBoolean() ? "yes" : "**no**").append(" |\n");
            }
            sb.append('\n');
        }
        sb.append("## Latency (ms)\n\n| what | count | p50 | p90 | p99 | p99.9 | max |\n|---|---|---|---|---|---|---|\n");
        JsonNode lat = r.path("latency");
        for (Iterator<Map.Entry<String, JsonNode>> it = lat.fields(); it.hasNext(); ) {
            var e = it.next();
            histRow(sb, e.getKey(), e.getValue());
        }
        histRow(sb, "generator event-loop lag", r.path("generator").path("eventLoopLag"));
        JsonNode append = r.path("server").path("metrics").path("storeAppend");
        if (append.has("p50_ms")) {
            sb.append("| server store append (/metrics, bucket bounds) | ").append(append.path("count").asLong());
            for (String k : new String[] {"p50_ms", "p90_ms", "p99_ms", "p999_ms"}) sb.append(" | ").append(f2(append.path(k)));
            sb.append(" | - |\n");
        }
        sb.append('\n');
        for (Iterator<Map.Entry<String, JsonNode>> it = lat.fields(); it.hasNext(); ) {
            var e = it.next();
            sb.append("- ").append(e.getKey()).append(": ").append(e.getValue().path("what").asText()).append('\n');
        }
        JsonNode tp = r.path("throughput");
        JsonNode c = r.path("connections");
        JsonNode srv = r.path("server");
        JsonNode gen = r.path("generator");
        JsonNode err = r.path("errors");
        sb.append("\n## Throughput, resources, errors\n\n| measure | value |\n|---|---|\n");
        row(sb, "ops messages in / s", f1(tp.path("opsMessagesInPerSecond")));
        row(sb, "applied delivered out / s (all participants)", f1(tp.path("opsDeliveredOutPerSecond")));
        row(sb, "presence in / s; presence frames out / s", f1(tp.path("presenceInPerSecond")) + "; " + f1(tp.path("presenceFramesOutPerSecond")));
        row(sb, "bytes out / s (server -> generator)", String.format("%.1f MB/s", tp.path("bytesOutPerSecond").asDouble() / 1e6));
        row(sb, "ops sent / acked / unacked", tp.path("opsSent").asLong() + " / " + tp.path("opsAcked").asLong() + " / " + tp.path("unacked").asLong());
        row(sb, "connections welcomed / held at end / target", c.path("welcomed").asLong() + " / " + c.path("held").asLong() + " / " + c.path("target").asLong());
        row(sb, "disconnects; failed connects", c.path("disconnects").asLong() + "; " + c.path("connectFailures").asLong());
        row(sb, "rejected by code; errors by code", err.path("rejectedByCode").toString() + "; " + err.path("errorsByCode").toString());
        if (err.has("first")) row(sb, "first problem", err.path("first").asText().replace("|", "/"));
        row(sb, "server CPU (cores, average over the window)", f2(srv.path("cpuCores")));
        row(sb, "server CPU-seconds per 1,000 delivered ops", String.format("%.4f", srv.path("cpuSecondsPer1000DeliveredOps").asDouble()));
        row(sb, "server RSS before / connected / peak / end", mib(srv.path("rssBeforeBytes")) + " / " + mib(srv.path("rssConnectedBytes")) + " / "
                + mib(srv.path("rssPeakBytes")) + " / " + mib(srv.path("rssEndBytes")));
        row(sb, "server RSS per connection ((peak - before) / held)", String.format("%.1f KiB", srv.path("rssPerConnectionBytes").asDouble() / 1024));
        row(sb, "generator CPU (cores); machine busy (cores, everyone); other processes (cores)", f2(gen.path("cpuCores")) + "; "
                + f2(gen.path("machineBusyCores")) + "; " + f2(gen.path("otherProcessesCores")));
        row(sb, "generator verdict", gen.path("verdict").asText());
    }

    private static void sweepTable(StringBuilder sb, JsonNode r) {
        sb.append("## Sweep\n\nEach step: fresh boards, ").append("participants connect, warm-up, then measured.\n\n")
                .append("| dimension | boards | participants/board | connections held | op p99 to others (ms) | op ack p99 (ms) | presence p99 (ms) | server CPU (cores) | server CPU-s / 1k delivered | server RSS peak (MiB) | RSS / conn (KiB) | generator CPU (cores) | gen lag p99 (ms) | errors |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (JsonNode st : r.path("steps")) {
            JsonNode lat = st.path("latency");
            sb.append("| ").append(st.path("dimension").asText()).append(" | ").append(st.path("run").path("boards").asInt())
                    .append(" | ").append(st.path("run").path("participantsPerBoard").asInt())
                    .append(" | ").append(st.path("connections").path("held").asInt())
                    .append(" | ").append(f2(lat.path("opDelivery").path("p99_ms")))
                    .append(" | ").append(f2(lat.path("opAck").path("p99_ms")))
                    .append(" | ").append(f2(lat.path("presence").path("p99_ms")))
                    .append(" | ").append(f2(st.path("server").path("cpuCores")))
                    .append(" | ").append(String.format("%.4f", st.path("server").path("cpuSecondsPer1000DeliveredOps").asDouble()))
                    .append(" | ").append(st.path("server").path("rssPeakBytes").asLong() >> 20)
                    .append(" | ").append(String.format("%.1f", st.path("server").path("rssPerConnectionBytes").asDouble() / 1024))
                    .append(" | ").append(f2(st.path("generator").path("cpuCores")))
                    .append(" | ").append(f2(st.path("generator").path("eventLoopLag").path("p99_ms")))
                    .append(" | ").append(st.path("errors").path("total").asLong()).append(" |\n");
        }
    }

    private static void histRow(StringBuilder sb, String name, JsonNode h) {
        sb.append("| ").append(name).append(" | ").append(h.path("count").asLong());
        for (String k : new String[] {"p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms"}) sb.append(" | ").append(h.has(k) ? f2(h.path(k)) : "-");
        sb.append(" |\n");
    }

    private static void row(StringBuilder sb, String k, String v) {
        sb.append("| ").append(k).append(" | ").append(v).append(" |\n");
    }

    private static String flags(JsonNode flags) {
        var sb = new StringBuilder();
        flags.fields().forEachRemaining(e -> sb.append("--").append(e.getKey()).append(' ').append(quote(e.getValue().asText())).append(' '));
        return sb.toString().trim();
    }

    private static String quote(String s) {
        return s.contains(" ") || s.isEmpty() ? "\"" + s + "\"" : s;
    }

    private static String f1(JsonNode n) {
        return String.format("%.1f", n.asDouble());
    }

    private static String f2(JsonNode n) {
        return n.isMissingNode() ? "-" : String.format("%.2f", n.asDouble());
    }

    private static String mib(JsonNode bytes) {
        return String.format("%.0f MiB", bytes.asLong() / 1048576.0);
    }
}
