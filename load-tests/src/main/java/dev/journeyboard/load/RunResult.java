package dev.journeyboard.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.message.MessageCodec;
import org.HdrHistogram.Histogram;

/** Turns what one measured run collected into its JSON result (the report's source). */
final class RunResult {
    private RunResult() {}

    /** Everything one run collected. {@code atEnd} is the loops' snapshot at the window's end, {@code drained} the one after in-flight ops arrived. */
    record Collected(LoadMain.Spec spec, Options opt, ServerHandle server, Stats stats, Sampler sampler, LoopProbe loops,
                     LoopStats.Snapshot atEnd, LoopStats.Snapshot drained, ObjectNode fsync, ServerMetrics metricsStart,
                     ServerMetrics metricsEnd, int joiners, long editors, long welcomed, int held, double connectSeconds,
                     long rssBefore, long rssConnected, long rssEnd, ObjectNode seed) {}

    static ObjectNode build(Collected c) {
        LoadMain.Spec spec = c.spec();
        Stats stats = c.stats();
        Sampler sampler = c.sampler();
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.putObject("run").put("boards", spec.boards()).put("participantsPerBoard", spec.participants())
                .put("editors", c.editors()).put("viewers", c.joiners() - c.editors())
                .put("opsPerSecondPerEditor", spec.opsRate()).put("cursorMovesPerSecondPerParticipant", spec.cursorRate())
                .put("warmupSeconds", spec.joinStorm() ? 0 : spec.warmup().toMillis() / 1000.0)
                .put("measuredSeconds", sampler.windowSeconds())
                .put("rampSeconds", spec.ramp().toMillis() / 1000.0).put("connectSeconds", c.connectSeconds());
        if (c.seed() != null) r.set("seed", c.seed());
        r.putObject("connections").put("target", c.joiners()).put("welcomed", c.welcomed()).put("held", c.held())
                .put("connectFailures", stats.connectFailures.sum()).put("disconnects", stats.disconnects.sum())
                .put("heartbeatPingsAnswered", c.atEnd().pings);
        ((ObjectNode) r.path("connections")).set("disconnectsByClose", MessageCodec.json().valueToTree(Stats.sums(stats.closes)));

        LoopStats.Snapshot d = c.drained();
        ObjectNode lat = r.putObject("latency");
        lat.set("opAck", hist(d.ack, "send of an ops message -> its applied back at the sender"));
        lat.set("opDelivery", hist(d.delivery, "send of an ops message -> its applied at every other participant"));
        lat.set("presence", hist(d.presence, "cursor move sent -> presence frame carrying it at each participant (the server coalesces presence)"));
        lat.set("join", hist(d.join, "WebSocket connect start -> welcome arrived (board of "
                + (spec.seedElements() > 0 ? spec.seedElements() + " seeded" : "template") + " elements)"));

        double secs = Math.max(0.001, sampler.windowSeconds());
        long[] w = sampler.windowCounters();
        r.putObject("throughput").put("opsMessagesInPerSecond", w[0] / secs).put("opsDeliveredOutPerSecond", w[1] / secs)
                .put("opWeightInPerSecond", stats.opsWeightSent.sum() / secs)
                .put("presenceInPerSecond", w[2] / secs).put("presenceFramesOutPerSecond", w[3] / secs)
                .put("bytesOutPerSecond", w[4] / secs).put("bytesInPerSecond", w[5] / secs)
                .put("framesOutPerSecond", c.atEnd().framesReceived / secs)
                .put("opsSent", stats.opsSent.sum()).put("opsAcked", stats.opsAcked.sum()).put("opsDelivered", d.delivered)
                .put("unacked", Math.max(0, stats.opsSent.sum() - stats.opsAcked.sum() - stats.rejectedTotal()));

        ObjectNode err = r.putObject("errors");
        err.set("rejectedByCode", MessageCodec.json().valueToTree(Stats.sums(stats.rejected)));
        err.set("errorsByCode", MessageCodec.json().valueToTree(Stats.sums(stats.errors)));
        err.put("decodeErrors", stats.decodeErrors.sum());
        err.put("total", stats.rejectedTotal() + stats.errorsTotal() + stats.disconnects.sum() + stats.connectFailures.sum() + stats.decodeErrors.sum());
        if (stats.firstProblem != null) err.put("first", stats.firstProblem);

        ObjectNode srv = r.putObject("server");
        double cpu = sampler.serverCpuSeconds();
        long rssTop = Math.max(sampler.rssPeak(), c.rssConnected());
        srv.put("pid", c.server().pid).put("cpuSeconds", cpu).put("cpuCores", cpu / secs)
                .put("cpuSecondsPer1000DeliveredOps", w[1] == 0 ? Double.NaN : cpu / (w[1] / 1000.0))
                .put("rssBeforeBytes", c.rssBefore()).put("rssConnectedBytes", c.rssConnected()).put("rssEndBytes", c.rssEnd())
                .put("rssPeakBytes", sampler.rssPeak())
                .put("rssPerConnectionBytes", c.held() == 0 ? 0 : (double) (rssTop - c.rssBefore()) / c.held())
                .put("threads", Proc.threads(c.server().pid));
        srv.set("heapAtEnd", c.metricsEnd().heapJson());
        srv.set("metrics", ServerMetrics.delta(c.metricsStart(), c.metricsEnd()));

        r.putObject("disk").set("fsync", c.fsync());

        ObjectNode gen = r.putObject("generator");
        double genCpu = sampler.selfCpuSeconds();
        gen.put("cpuSeconds", genCpu).put("cpuCores", genCpu / secs).put("eventLoops", c.opt().eventLoops);
        var shares = gen.putArray("eventLoopCpuShares");
        for (double s : c.loops().loopCpuShares()) shares.add(Math.round(s * 1000) / 1000.0);
        gen.put("busiestEventLoopCpuShare", Math.round(c.loops().busiestLoopShare() * 1000) / 1000.0);
        gen.put("gcMillis", c.loops().gcMillis());
        gen.put("jitAndGcCores", Math.round(Math.max(0, genCpu - c.loops().javaThreadsCpuSeconds()) / secs * 100) / 100.0);
        var top = gen.putArray("busiestThreads");
        c.loops().topThreads().forEach(top::add);
        gen.set("eventLoopLag", hist(c.atEnd().lag, "a task submitted to each generator event loop every 10 ms -> it runs"));
        gen.set("sendSlip", hist(c.atEnd().slip, "a timed send (op or cursor move) due -> sent (fixed-rate schedule)"));
        gen.put("machineBusyCores", sampler.machineBusyCores());
        double others = Math.max(0, sampler.machineBusyCores() - genCpu / secs - (Double.isNaN(cpu) ? 0 : cpu / secs));
        gen.put("otherProcessesCores", Math.round(others * 100) / 100.0);
        r.set("timeline", sampler.timeline());
        return r;
    }

    /** Judges whether the generator kept up (lag limit from the run's targets) and writes {@code generator.verdict}. */
    static Verdict judge(ObjectNode r, double lagLimitMs) {
        JsonNode g = r.path("generator");
        var in = new Verdict.Inputs(g.path("eventLoopLag").path("p99_ms").asDouble(Double.NaN), g.path("eventLoopLag").path("count").asLong(),
                lagLimitMs, g.path("busiestEventLoopCpuShare").asDouble(Double.NaN), g.path("sendSlip").path("p99_ms").asDouble(Double.NaN),
                g.path("sendSlip").path("count").asLong(), g.path("cpuCores").asDouble(), r.path("server").path("cpuCores").asDouble(Double.NaN),
                g.path("machineBusyCores").asDouble(), Runtime.getRuntime().availableProcessors(), g.path("gcMillis").asLong());
        Verdict v = Verdict.judge(in);
        ((ObjectNode) g).set("verdict", v.toJson());
        return v;
    }

    static ObjectNode hist(Histogram h, String what) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("what", what);
        o.put("count", h.getTotalCount());
        if (h.getTotalCount() == 0) return o;
        o.put("p50_ms", ms(h.getValueAtPercentile(50))).put("p90_ms", ms(h.getValueAtPercentile(90)))
                .put("p99_ms", ms(h.getValueAtPercentile(99))).put("p999_ms", ms(h.getValueAtPercentile(99.9)))
                .put("max_ms", ms(h.getMaxValue())).put("mean_ms", Math.round(h.getMean()) / 1000.0);
        return o;
    }

    static double ms(long micros) {
        return micros / 1000.0;
    }
}
