package dev.journeyboard.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything one run measures. The receive path (hundreds of thousands of deliveries a second) records
 * into the {@link LoopStats} of the event loop it runs on; what happens a few thousand times a second at
 * most (sends, acks, errors) goes into the shared adders here. {@link #reset} starts the measured window,
 * {@link #snapshot} reads every loop's part on the loop itself.
 *
 * <p>Op latency uses one JVM clock: cids are unique across the whole generator, so the send time and the
 * sender of each cid sit in two ring arrays (written once per send, read by every receiver).
 */
final class Stats {
    private static final int RING = 1 << 21;
    static final long T0 = System.nanoTime();

    final List<LoopStats> loops;

    final LongAdder opsSent = new LongAdder();
    final LongAdder opsWeightSent = new LongAdder();
    final LongAdder opsAcked = new LongAdder();
    final LongAdder presenceSent = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final LongAdder disconnects = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder welcomes = new LongAdder();
    final LongAdder decodeErrors = new LongAdder();
    final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    /** Unexpected closes by WebSocket close code and reason ("1001 idle timeout"). */
    final Map<String, LongAdder> closes = new ConcurrentHashMap<>();
    volatile String firstProblem;

    private final AtomicLongArray sentAt = new AtomicLongArray(RING);
    private final AtomicIntegerArray sender = new AtomicIntegerArray(RING);

    Stats(List<Context> contexts) {
        var l = new ArrayList<LoopStats>();
        for (Context c : contexts) l.add(new LoopStats(c));
        loops = List.copyOf(l);
    }

    /** The part of the loop {@code i} (participants are spread over the loops by index). */
    LoopStats loop(int i) {
        return loops.get(i % loops.size());
    }

    static long micros() {
        return (System.nanoTime() - T0) / 1000;
    }

    void sent(long cid, int participant, int weight, int bytes) {
        int slot = (int) (cid & (RING - 1));
        sender.set(slot, participant);
        sentAt.set(slot, System.nanoTime());
        opsSent.increment();
        opsWeightSent.add(weight);
        bytesSent.add(bytes);
    }

    /** An applied for {@code cid} reached {@code participant} (on loop {@code at}) at {@code nowNanos}. */
    void applied(long cid, int participant, LoopStats at, long nowNanos) {
        at.delivered++;
        if (cid <= 0) return;
        int slot = (int) (cid & (RING - 1));
        long sentNanos = sentAt.get(slot);
        if (sentNanos == 0) return; // not one of ours (e.g. sent before this generator started)
        long us = (nowNanos - sentNanos) / 1000;
        if (sender.get(slot) == participant) {
            LoopStats.record(at.ack, us);
            opsAcked.increment();
        } else {
            LoopStats.record(at.delivery, us);
        }
    }

    void rejected(String code) {
        rejected.computeIfAbsent(code, k -> new LongAdder()).increment();
        problem("rejected " + code);
    }

    void error(String code) {
        errors.computeIfAbsent(code, k -> new LongAdder()).increment();
        problem("error " + code);
    }

    void closed(Short code, String reason) {
        closes.computeIfAbsent(code + (reason == null || reason.isEmpty() ? "" : " " + reason), k -> new LongAdder()).increment();
    }

    void problem(String what) {
        if (firstProblem == null) firstProblem = what;
    }

    long rejectedTotal() {
        return rejected.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long errorsTotal() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    static Map<String, Long> sums(Map<String, LongAdder> m) {
        var out = new TreeMap<String, Long>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /**
     * Starts the measured window: every loop drops what it recorded so far (join times only if
     * {@code alsoJoin}), and so do the shared send counters. Returns when every loop has done it.
     */
    void reset(boolean alsoJoin) {
        onEveryLoop(l -> {
            l.reset(alsoJoin);
            return null;
        });
        for (LongAdder a : new LongAdder[] {opsSent, opsWeightSent, opsAcked, presenceSent, bytesSent}) a.reset();
    }

    /** Every loop's counters and histograms, each copied on its own loop, merged. */
    LoopStats.Snapshot snapshot() {
        var all = new LoopStats.Snapshot();
        for (LoopStats.Snapshot s : onEveryLoop(LoopStats::snapshot)) all.add(s);
        return all;
    }

    private <T> List<T> onEveryLoop(java.util.function.Function<LoopStats, T> f) {
        var futures = new ArrayList<Future<T>>();
        for (LoopStats l : loops) {
            Promise<T> p = Promise.promise();
            l.context.runOnContext(v -> p.complete(f.apply(l)));
            futures.add(p.future());
        }
        var out = new ArrayList<T>();
        // a loop that does not run a task within a minute has stopped: the run is broken
        try {
            for (Future<T> fu : futures) out.add(fu.await(60, TimeUnit.SECONDS));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("a generator event loop did not run a task within 60 s", e);
        }
        return out;
    }

    /**
     * Counters for per-second rates, {opsSent, delivered, presenceSent, presenceFrames, bytesReceived,
     * bytesSent}: exact with a snapshot taken on the loops, approximate (racy reads) without.
     */
    long[] counters(LoopStats.Snapshot s) {
        long delivered = 0, presenceFrames = 0, bytesReceived = 0;
        if (s != null) {
            delivered = s.delivered;
            presenceFrames = s.presenceFrames;
            bytesReceived = s.bytesReceived;
        } else {
            for (LoopStats l : loops) {
                delivered += l.delivered;
                presenceFrames += l.presenceFrames;
                bytesReceived += l.bytesReceived;
            }
        }
        return new long[] {opsSent.sum(), delivered, presenceSent.sum(), presenceFrames, bytesReceived, bytesSent.sum()};
    }
}
