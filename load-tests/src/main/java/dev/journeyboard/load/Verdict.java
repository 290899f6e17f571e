package dev.journeyboard.load;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Did the generator keep up? A latency measured by a generator that was itself late is partly the
 * generator's own queueing, so a target counts as met only in a run that passes all three checks:
 * <ol>
 *   <li><b>event-loop lag</b> p99 (a task submitted to each generator loop until it runs) at most
 *   {@link #lagLimitMs}: half the scenario's tightest latency target, between 1 and 5 ms;</li>
 *   <li><b>generator CPU</b>: no event-loop thread busy more than {@value #MAX_LOOP_SHARE} of the window
 *   (a loop that is always busy reads frames later than they arrive);</li>
 *   <li><b>send schedule slip</b> p99 (how late timed sends went out) at most {@value #MAX_SLIP_MS} ms, so
 *   the offered load was the one asked for (skipped when nothing is sent on a schedule).</li>
 * </ol>
 * The summary adds the context that explains a "no": the machine's busy cores and what other processes took.
 */
record Verdict(boolean keptUp, List<Check> checks, String summary) {
    static final double MAX_LOOP_SHARE = 0.90;
    static final double MAX_SLIP_MS = 5.0;
    static final double MAX_LAG_MS = 5.0;
    static final double MIN_LAG_MS = 1.0;

    record Check(String what, double measured, double limit, String unit, boolean ok, String note) {}

    /** What the generator observed about itself during the window. */
    record Inputs(double lagP99Ms, long lagSamples, double lagLimitMs, double busiestLoopShare, double slipP99Ms, long slipSamples,
                  double generatorCores, double serverCores, double machineBusyCores, int cores, long generatorGcMillis) {}

    /** Half the tightest latency target in ms (none: {@code NaN}), kept within 1..5 ms. */
    static double lagLimitMs(double tightestLatencyTargetMs) {
        if (Double.isNaN(tightestLatencyTargetMs)) return MAX_LAG_MS;
        return Math.max(MIN_LAG_MS, Math.min(MAX_LAG_MS, tightestLatencyTargetMs / 2));
    }

    static Verdict judge(Inputs in) {
        var checks = new ArrayList<Check>();
        boolean lagMeasured = in.lagSamples() > 0 && !Double.isNaN(in.lagP99Ms());
        checks.add(new Check("generator event-loop lag p99 (task submitted -> run)", in.lagP99Ms(), in.lagLimitMs(), "ms",
                lagMeasured && in.lagP99Ms() <= in.lagLimitMs(), lagMeasured ? "" : "not measured"));
        boolean cpuMeasured = !Double.isNaN(in.busiestLoopShare());
        checks.add(new Check("busiest generator event loop's CPU share of the window", in.busiestLoopShare(), MAX_LOOP_SHARE, "",
                cpuMeasured && in.busiestLoopShare() <= MAX_LOOP_SHARE, cpuMeasured ? "" : "not measured"));
        if (in.slipSamples() > 0) {
            checks.add(new Check("send schedule slip p99 (timed send -> sent)", in.slipP99Ms(), MAX_SLIP_MS, "ms",
                    in.slipP99Ms() <= MAX_SLIP_MS, ""));
        }
        boolean ok = checks.stream().allMatch(Check::ok);
        double others = Math.max(0, in.machineBusyCores() - in.generatorCores() - (Double.isNaN(in.serverCores()) ? 0 : in.serverCores()));
        String context = String.format("machine busy %.2f of %d cores: server %.2f, generator %.2f, other processes %.2f; generator GC %d ms",
                in.machineBusyCores(), in.cores(), in.serverCores(), in.generatorCores(), others, in.generatorGcMillis());
        var sb = new StringBuilder(ok ? "yes: " : "no: ");
        List<String> parts = new ArrayList<>();
        for (Check c : checks) {
            if (ok || !c.ok()) parts.add(describe(c));
        }
        sb.append(String.join("; ", parts));
        if (!ok) {
            boolean loopBusy = cpuMeasured && in.busiestLoopShare() > MAX_LOOP_SHARE;
            if (loopBusy) sb.append(" (the generator itself was saturated: more event loops or less load per generator)");
            else if (others > 0.3 || in.machineBusyCores() >= 0.9 * in.cores()) sb.append(" (CPU contention: the machine was busy)");
        }
        sb.append(". ").append(context);
        return new Verdict(ok, List.copyOf(checks), sb.toString());
    }

    private static String describe(Check c) {
        if (!c.note().isEmpty()) return c.what() + " " + c.note();
        String m = c.unit().isEmpty() ? String.format("%.0f%%", 100 * c.measured()) : Targets.fmt(c.measured()) + " " + c.unit();
        String l = c.unit().isEmpty() ? String.format("%.0f%%", 100 * c.limit()) : Targets.fmt(c.limit()) + " " + c.unit();
        return c.what() + " " + m + (c.ok() ? " <= " : " > ") + l;
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("keptUp", keptUp).put("summary", summary);
        ArrayNode a = o.putArray("checks");
        for (Check c : checks) {
            ObjectNode n = a.addObject().put("what", c.what()).put("limit", c.limit()).put("unit", c.unit()).put("ok", c.ok());
            if (Double.isNaN(c.measured())) n.put("measured", "not measured");
            else n.put("measured", c.measured());
            if (!c.note().isEmpty()) n.put("note", c.note());
        }
        return o;
    }
}
