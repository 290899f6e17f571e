package dev.journeyboard.server.room;

import dev.journeyboard.protocol.ErrorCode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Counters the whole server shares across rooms (read by /health and /metrics). */
public final class RoomStats {
    public final AtomicLong connections = new AtomicLong();
    public final AtomicLong opsApplied = new AtomicLong();
    public final AtomicLong broadcastBytes = new AtomicLong();
    public final AtomicLong presenceDropped = new AtomicLong();
    /** Sockets closed with 4408 because they stopped reading (JB_MAX_QUEUED_BYTES). */
    public final AtomicLong socketsTooSlow = new AtomicLong();
    public final Map<ErrorCode, AtomicLong> rejectedByCode = new ConcurrentHashMap<>();
    public final AtomicLong appendCount = new AtomicLong();
    public final AtomicLong appendNanosTotal = new AtomicLong();

    void rejected(ErrorCode code) {
        rejectedByCode.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
    }

    /** Sees every store append's duration in nanoseconds (the /metrics histogram); null = none. */
    public volatile java.util.function.LongConsumer appendObserver;

    void appendNanos(long nanos) {
        appendCount.incrementAndGet();
        appendNanosTotal.addAndGet(nanos);
        java.util.function.LongConsumer o = appendObserver;
        if (o != null) o.accept(nanos);
    }

    public double meanAppendMillis() {
        long n = appendCount.get();
        return n == 0 ? 0 : appendNanosTotal.get() / (double) n / TimeUnit.MILLISECONDS.toNanos(1);
    }
}
