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
        sb.append("Server: ").append(s.has("command") ? "`" + s.path("command").asText() + "`" : s.path("url").asText())
                .append("; health ").append(s.path("health").toString()).append(".\n\n");
        JsonNode jvm = s.path("jvm");
        sb.append("Server JVM: ").append(jvm.path("summary").asText("effective settings unavailable"))
                .append(" (command-line options `").append(String.join(" ", texts(jvm.path("commandLineOptions")))).append("`")
                .append(jvm.path("environment").isEmpty() ? "" : "; environment " + jvm.path("environment")).append("). ")
                .append("Data dir ").append(s.path("dataDir").asText()).append(" on ").append(s.path("dataDirFileSystem").asText())
                .append("; fsync probe in ").append(s.path("fsyncProbeDir").asText()).append(" on ").append(s.path("fsyncProbeFileSystem").asText())
                .append("; early broadcast ").append(s.path("earlyBroadcast").asBoolean() ? "on" : "off")
                .append(s.has("niceness") ? "; server niceness " + s.path("niceness").asInt() : "").append(".\n\n");
        for (JsonNode w : r.path("warnings")) sb.append("**Warning:** ").append(w.asText()).append("\n\n");
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

        JsonNode verdict = r.path("generator").path("verdict");
        sb.append("**Generator kept up: ").append(verdict.path("keptUp").asBoolean() ? "yes" : "no").append("** (")
                .append(verdict.path("summary").asText()).append(")\n\n");
        if (r.has("targets")) {
            String outcome = r.path("outcome").asText();
            sb.append("**Outcome: ").append(switch (outcome) {
                case "met" -> "every target met";
                case "missed" -> "a target was missed";
                default -> "inconclusive: the generator did not keep up, so no target counts as met";
            }).append("** (exit code ").append(Targets.exitCode(r)).append(")\n\n");
            sb.append("## Targets\n\n| target | required | measured | within | met |\n|---|---|---|---|---|\n");
            for (JsonNode t : r.path("targets")) {
                boolean within = t.path("within").asBoolean();
                sb.append("| ").append(t.path("what").asText()).append(" | ").append(t.path("target").asText()).append(" | ")
                        .append(t.path("measured").asText().replace("|", "/"))
                        .append(t.has("missedBy") ? " (missed by " + t.path("missedBy").asText() + ")" : "")
                        .append(" | ").append(within ? "yes" : "**no**")
                        .append(" | ").append(t.path("met").asBoolean() ? "yes" : within ? "**no** (generator did not keep up)" : "**no**").append(" |\n");
            }
            sb.append('\n');
        }
        sb.append("## Latency (ms)\n\n| what | count | p50 | p90 | p99 | p99.9 | max |\n|---|---|---|---|---|---|---|\n");
        JsonNode lat = r.path("latency");
        for (Iterator<Map.Entry<String, JsonNode>> it = lat.fields(); it.hasNext(); ) {
            var e = it.next();
            histRow(sb, e.getKey(), e.getValue());
        }
        histRow(sb, "disk fsync (probe, same run)", r.path("disk").path("fsync"));
        histRow(sb, "generator event-loop lag", r.path("generator").path("eventLoopLag"));
        histRow(sb, "generator send schedule slip", r.path("generator").path("sendSlip"));
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
        sb.append("- disk fsync: ").append(r.path("disk").path("fsync").path("what").asText()).append('\n');
        sb.append("- generator event-loop lag: ").append(r.path("generator").path("eventLoopLag").path("what").asText()).append('\n');
        sb.append("- generator send schedule slip: ").append(r.path("generator").path("sendSlip").path("what").asText()).append('\n');
        if (r.has("compare")) {
            JsonNode c = r.path("compare");
            sb.append("\nCompared with `").append(c.path("reference").asText()).append("` (").append(c.path("referenceScenario").asText())
                    .append(", data dir on ").append(c.path("referenceDataDirFileSystem").asText()).append("): op p99 on disk (")
                    .append(c.path("diskRun").asText()).append(") ").append(c.path("diskOpP99Ms").asDouble()).append(" ms vs on tmpfs (")
                    .append(c.path("tmpfsRun").asText()).append(") ").append(c.path("tmpfsOpP99Ms").asDouble()).append(" ms, ratio ")
                    .append(c.path("opP99Ratio").asText("-")).append(c.path("valid").asBoolean() ? "" : "; not a valid comparison: " + c.path("problems"))
                    .append(".\n");
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
        row(sb, "heartbeat pings answered in the window (pongs, as browsers do)", String.valueOf(c.path("heartbeatPingsAnswered").asLong()));
        row(sb, "disconnects (by close code); failed connects", c.path("disconnects").asLong() + " " + c.path("disconnectsByClose") + "; "
                + c.path("connectFailures").asLong());
        row(sb, "rejected by code; errors by code", err.path("rejectedByCode").toString() + "; " + err.path("errorsByCode").toString());
        if (err.has("first")) row(sb, "first problem", err.path("first").asText().replace("|", "/"));
        row(sb, "server CPU (cores, average over the window)", f2(srv.path("cpuCores")));
        row(sb, "server CPU-seconds per 1,000 delivered ops", String.format("%.4f", srv.path("cpuSecondsPer1000DeliveredOps").asDouble()));
        row(sb, "server RSS before / connected / peak / end", mib(srv.path("rssBeforeBytes")) + " / " + mib(srv.path("rssConnectedBytes")) + " / "
                + mib(srv.path("rssPeakBytes")) + " / " + mib(srv.path("rssEndBytes")));
        row(sb, "server RSS per connection ((peak - before) / held)", String.format("%.1f KiB", srv.path("rssPerConnectionBytes").asDouble() / 1024));
        JsonNode heap = srv.path("heapAtEnd");
        if (heap.has("usedBytes")) {
            row(sb, "server heap at the window's end: used / committed / max", mib(heap.path("usedBytes")) + " / " + mib(heap.path("committedBytes"))
                    + " / " + mib(heap.path("maxBytes")));
        }
        row(sb, "generator CPU (cores); per event loop (share of the window); GC", f2(gen.path("cpuCores")) + "; "
                + gen.path("eventLoopCpuShares").toString() + "; " + gen.path("gcMillis").asLong() + " ms");
        row(sb, "generator's busiest threads (CPU share of the window); JIT compilers + GC (cores)", String.join(", ", texts(gen.path("busiestThreads")))
                + "; " + f2(gen.path("jitAndGcCores")));
        row(sb, "machine busy (cores, everyone); other processes (cores)", f2(gen.path("machineBusyCores")) + "; " + f2(gen.path("otherProcessesCores")));
        JsonNode lim = r.path("limits");
        if (lim.has("openFilesNeeded")) {
            row(sb, "limits: open files needed / generator soft / server soft; ephemeral ports", lim.path("openFilesNeeded").asLong() + " / "
                    + lim.path("generatorOpenFilesSoft").asLong() + " / " + lim.path("serverOpenFilesSoft").asText("?") + "; "
                    + lim.path("ephemeralPorts").asText("?"));
        }
        sb.append("\n## Did the generator keep up?\n\n| check | measured | limit | ok |\n|---|---|---|---|\n");
        for (JsonNode ch : gen.path("verdict").path("checks")) {
            boolean share = ch.path("unit").asText().isEmpty();
            JsonNode mv = ch.path("measured");
            String measured = !mv.isNumber() ? mv.asText() : share ? String.format("%.0f%%", 100 * mv.asDouble()) : f2(mv) + " " + ch.path("unit").asText();
            String limit = share ? String.format("%.0f%%", 100 * ch.path("limit").asDouble()) : f2(ch.path("limit")) + " " + ch.path("unit").asText();
            sb.append("| ").append(ch.path("what").asText()).append(" | ").append(measured).append(" | <= ").append(limit).append(" | ")
                    .append(ch.path("ok").asBoolean() ? "yes" : "**no**").append(" |\n");
        }
    }

    private static void sweepTable(StringBuilder sb, JsonNode r) {
        sb.append("## Sweep\n\nEach step: fresh boards, ").append("participants connect, warm-up, then measured.\n\n")
                .append("| dimension | boards | participants/board | connections held | op p99 to others (ms) | op ack p99 (ms) | presence p99 (ms) | server CPU (cores) | server CPU-s / 1k delivered | server RSS peak (MiB) | RSS / conn (KiB) | generator CPU (cores) | gen lag p99 (ms) | errors | generator kept up |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
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
                    .append(" | ").append(st.path("errors").path("total").asLong())
                    .append(" | ").append(st.path("generator").path("verdict").path("keptUp").asBoolean() ? "yes" : "no").append(" |\n");
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

    private static java.util.List<String> texts(JsonNode array) {
        var out = new java.util.ArrayList<String>();
        for (JsonNode n : array) out.add(n.asText());
        return out;
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
