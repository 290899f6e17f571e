package dev.journeyboard.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Everything one run measures. Latencies are recorded in microseconds into HdrHistogram
 * {@link Recorder}s (wait-free from any event loop); {@link #reset} starts the measured window.
 *
 * <p>Op latency uses one JVM clock: cids are unique across the whole generator, so the send time and the
 * sender of each cid sit in two ring arrays; whoever receives the {@code applied} looks them up.
 */
final class Stats {
    private static final int RING = 1 << 21;
    static final long T0 = System.nanoTime();

    final Recorder ack = rec();
    final Recorder delivery = rec();
    final Recorder presence = rec();
    final Recorder join = rec();
    final Recorder lag = rec();

    final LongAdder opsSent = new LongAdder();
    final LongAdder opsWeightSent = new LongAdder();
    final LongAdder opsAcked = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder presenceSent = new LongAdder();
    final LongAdder presenceFrames = new LongAdder();
    final LongAdder presencePeers = new LongAdder();
    final LongAdder framesReceived = new LongAdder();
    final LongAdder bytesReceived = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final LongAdder disconnects = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder welcomes = new LongAdder();
    final LongAdder decodeErrors = new LongAdder();
    final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    volatile String firstProblem;

    private final AtomicLongArray sentAt = new AtomicLongArray(RING);
    private final AtomicIntegerArray sender = new AtomicIntegerArray(RING);

    private static Recorder rec() {
        return new Recorder(3_600_000_000L, 3);
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

    /** An applied frame for {@code cid} reached {@code participant}. */
    void applied(long cid, int participant) {
        long now = System.nanoTime();
        delivered.increment();
        if (cid <= 0) return;
        int slot = (int) (cid & (RING - 1));
        long at = sentAt.get(slot);
        if (at == 0) return; // not one of ours (e.g. sent before this generator started)
        long us = Math.max(0, (now - at) / 1000);
        if (sender.get(slot) == participant) {
            ack.recordValue(us);
            opsAcked.increment();
        } else {
            delivery.recordValue(us);
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

    /** Starts the measured window: drops what the recorders and counters hold so far (not join times). */
    void reset() {
        ack.reset();
        delivery.reset();
        presence.reset();
        lag.reset();
        for (LongAdder a : new LongAdder[] {opsSent, opsWeightSent, opsAcked, delivered, presenceSent, presenceFrames, presencePeers,
                framesReceived, bytesReceived, bytesSent}) {
            a.reset();
        }
    }

    /** A snapshot of the counters used for per-second rates. */
    long[] counters() {
        return new long[] {opsSent.sum(), delivered.sum(), presenceSent.sum(), presenceFrames.sum(), bytesReceived.sum(), bytesSent.sum()};
    }

    static Histogram take(Recorder r) {
        return r.getIntervalHistogram();
    }
}
