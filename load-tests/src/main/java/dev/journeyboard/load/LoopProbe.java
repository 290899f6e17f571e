package dev.journeyboard.load;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Watches the generator's own event loops, so a report can say whether the generator kept up:
 * <ul>
 *   <li><b>lag</b>: every 10 ms a probe thread submits a task to each loop and the task records how long it
 *   waited to run. That is the delay any frame or timer arriving then would have had on that loop, with
 *   microsecond resolution (a periodic timer would also carry the selector's millisecond rounding).</li>
 *   <li><b>CPU per loop</b>: each loop thread's CPU time over the window, as a share of the window. A loop
 *   near 100% cannot read any faster, whatever the other threads do.</li>
 *   <li><b>GC</b>: the generator's collection time over the window.</li>
 * </ul>
 */
final class LoopProbe extends ProbeThread {
    static final long PERIOD_NANOS = 10_000_000L;

    private final Stats stats;
    private final List<Long> loopThreadIds;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long[] cpuStart;
    private long gcStart;
    private long windowStart;
    private double[] loopShares = new double[0];
    private long gcMillis;
    private java.util.Map<Long, Long> allStart = java.util.Map.of();
    private final java.util.List<String> topThreads = new java.util.ArrayList<>();
    private long javaThreadsNanos;

    LoopProbe(Stats stats, List<Long> loopThreadIds) {
        super("loop-lag-probe");
        this.stats = stats;
        this.loopThreadIds = loopThreadIds;
    }

    @Override
    long step() {
        for (LoopStats l : stats.loops) {
            long submitted = System.nanoTime();
            l.context.runOnContext(v -> LoopStats.record(l.lag, (System.nanoTime() - submitted) / 1000));
        }
        return PERIOD_NANOS;
    }

    void stop() {
        halt(0);
    }

    void markStart() {
        allStart = allThreadCpu();
        cpuStart = cpuTimes();
        gcStart = gcMillisTotal();
        windowStart = System.nanoTime();
    }

    void markEnd() {
        long[] end = cpuTimes();
        double wall = Math.max(1, System.nanoTime() - windowStart);
        loopShares = new double[end.length];
        for (int i = 0; i < end.length; i++) {
            loopShares[i] = end[i] < 0 || cpuStart[i] < 0 ? Double.NaN : (end[i] - cpuStart[i]) / wall;
        }
        gcMillis = gcMillisTotal() - gcStart;
        // where the generator's CPU went: the busiest threads of the window (JIT compilers, GC, loops, probes)
        var used = new java.util.ArrayList<java.util.Map.Entry<Long, Long>>();
        for (var e : allThreadCpu().entrySet()) used.add(java.util.Map.entry(e.getKey(), e.getValue() - allStart.getOrDefault(e.getKey(), 0L)));
        used.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        javaThreadsNanos = used.stream().mapToLong(java.util.Map.Entry::getValue).sum();
        topThreads.clear();
        for (var e : used.subList(0, Math.min(5, used.size()))) {
            var info = threads.getThreadInfo(e.getKey());
            topThreads.add((info == null ? "thread " + e.getKey() : info.getThreadName()) + String.format(" %.0f%%", 100 * e.getValue() / wall));
        }
    }

    /** CPU seconds of the generator's Java threads over the window (the rest of its CPU is the JIT compilers and GC). */
    double javaThreadsCpuSeconds() {
        return javaThreadsNanos / 1e9;
    }

    /** The generator's five busiest Java threads over the window, with their CPU share ("vert.x-eventloop-thread-0 42%"). */
    java.util.List<String> topThreads() {
        return java.util.List.copyOf(topThreads);
    }

    private java.util.Map<Long, Long> allThreadCpu() {
        var out = new java.util.HashMap<Long, Long>();
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t >= 0) out.put(id, t);
        }
        return out;
    }

    /** Each loop thread's CPU time over the window as a share of the window (NaN if the JVM can't tell). */
    double[] loopCpuShares() {
        return loopShares.clone();
    }

    double busiestLoopShare() {
        double max = Double.NaN;
        for (double s : loopShares) if (!Double.isNaN(s) && (Double.isNaN(max) || s > max)) max = s;
        return max;
    }

    long gcMillis() {
        return gcMillis;
    }

    private long[] cpuTimes() {
        long[] t = new long[loopThreadIds.size()];
        for (int i = 0; i < t.length; i++) {
            try {
                t[i] = threads.getThreadCpuTime(loopThreadIds.get(i));
            } catch (UnsupportedOperationException e) {
                t[i] = -1;
            }
        }
        return t;
    }

    private static long gcMillisTotal() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) sum += Math.max(0, gc.getCollectionTime());
        return sum;
    }
}
