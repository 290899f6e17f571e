package dev.journeyboard.load;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Samples once a second: the server's CPU time and resident memory (from /proc), the generator's own CPU,
 * the machine's busy CPU, and the run's counters. {@link #markStart}/{@link #markEnd} bound the measured window.
 */
final class Sampler {
    private final long pid;
    private final Stats stats;
    private final ArrayNode timeline = JsonNodeFactory.instance.arrayNode();
    private Thread thread;
    private volatile boolean running;
    private volatile long rssPeak;

    private long startNanos, endNanos;
    private double srvCpuStart, srvCpuEnd, selfCpuStart, selfCpuEnd;
    private long[] machStart, machEnd;
    private long[] countersEnd;

    Sampler(long pid, Stats stats) {
        this.pid = pid;
        this.stats = stats;
    }

    void start() {
        running = true;
        markStart();
        thread = new Thread(this::loop, "sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        long t0 = System.nanoTime();
        double lastSrv = Proc.cpuSeconds(pid);
        double lastSelf = Proc.selfCpuSeconds();
        long[] lastC = stats.counters(null);
        long last = t0;
        while (running) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            double dt = (now - last) / 1e9;
            double srv = Proc.cpuSeconds(pid);
            double self = Proc.selfCpuSeconds();
            long rss = Proc.statusBytes(pid, "VmRSS");
            if (rss > rssPeak) rssPeak = rss;
            long[] c = stats.counters(null); // racy reads of the loops' counters: fine for a timeline
            var row = timeline.addObject();
            row.put("t", Math.round((now - t0) / 1e8) / 10.0)
                    .put("serverCores", round((srv - lastSrv) / dt)).put("serverRssMiB", rss >> 20)
                    .put("generatorCores", round((self - lastSelf) / dt))
                    .put("opsIn", Math.round(Math.max(0, c[0] - lastC[0]) / dt))
                    .put("opsOut", Math.round(Math.max(0, c[1] - lastC[1]) / dt))
                    .put("presenceFramesOut", Math.round(Math.max(0, c[3] - lastC[3]) / dt));
            lastSrv = srv;
            lastSelf = self;
            lastC = c;
            last = now;
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    synchronized void markStart() {
        startNanos = System.nanoTime();
        srvCpuStart = Proc.cpuSeconds(pid);
        selfCpuStart = Proc.selfCpuSeconds();
        machStart = Proc.machineJiffies();
        endNanos = 0;
        long rss = Proc.statusBytes(pid, "VmRSS");
        if (rss > rssPeak) rssPeak = rss;
    }

    /** Ends the window; {@code counters} are the exact window counters ({@link Stats#counters} of a loop snapshot). */
    synchronized void markEnd(long[] counters) {
        endNanos = System.nanoTime();
        srvCpuEnd = Proc.cpuSeconds(pid);
        selfCpuEnd = Proc.selfCpuSeconds();
        machEnd = Proc.machineJiffies();
        countersEnd = counters;
        long rss = Proc.statusBytes(pid, "VmRSS");
        if (rss > rssPeak) rssPeak = rss;
    }

    void stop() {
        running = false;
        if (thread != null) thread.interrupt();
    }

    double windowSeconds() {
        return ((endNanos == 0 ? System.nanoTime() : endNanos) - startNanos) / 1e9;
    }

    double serverCpuSeconds() {
        return srvCpuStart < 0 ? Double.NaN : srvCpuEnd - srvCpuStart;
    }

    double selfCpuSeconds() {
        return selfCpuEnd - selfCpuStart;
    }

    /** Cores the whole machine was busy on average during the window: server, generator and anyone else. */
    double machineBusyCores() {
        long busy = machEnd[0] - machStart[0];
        return round(busy / Proc.CLK_TCK / windowSeconds());
    }

    /** Counters over the window (the counters were reset at its start). */
    long[] windowCounters() {
        return countersEnd;
    }

    long rssPeak() {
        return rssPeak;
    }

    ArrayNode timeline() {
        return timeline;
    }
}
