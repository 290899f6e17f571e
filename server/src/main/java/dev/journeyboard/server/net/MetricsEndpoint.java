package dev.journeyboard.server.net;

import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.server.room.RoomStats;
import dev.journeyboard.server.room.Rooms;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code GET /metrics}: the server's counters in the Prometheus text format, through a Micrometer
 * {@link PrometheusMeterRegistry}. The room counters stay plain atomics in {@link RoomStats} (nothing
 * on the hot path changes); the registry reads them at scrape time through gauges and function counters.
 * Only the store append latency is a real histogram, fed by {@code RoomStats.appendObserver}.
 *
 * <p>One registry per {@link Rooms} (that is, per server): the HTTP verticle is deployed once per event loop
 * and every instance serves the same registry.
 */
public final class MetricsEndpoint {
    private static final Map<Rooms, MetricsEndpoint> BY_SERVER = Collections.synchronizedMap(new WeakHashMap<>());

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Handler<RoutingContext> handler = PrometheusScrapingHandler.create(registry);

    public static MetricsEndpoint of(Rooms rooms) {
        return BY_SERVER.computeIfAbsent(rooms, MetricsEndpoint::new);
    }

    private MetricsEndpoint(Rooms rooms) {
        RoomStats s = rooms.stats();
        // the meters hold their state objects weakly and the functions capture no Rooms: a stopped server's registry can go
        Gauge.builder("jb.connections", s.connections, AtomicLong::get)
                .description("Participant WebSockets welcomed into a room and still open").register(registry);
        Gauge.builder("jb.rooms.loaded", rooms, Rooms::loaded)
                .description("Boards loaded in memory").register(registry);
        FunctionCounter.builder("jb.ops.applied", s.opsApplied, AtomicLong::get)
                .description("Ops messages applied and broadcast (rate() gives ops/s)").register(registry);
        FunctionCounter.builder("jb.broadcast.bytes", s.broadcastBytes, AtomicLong::get).baseUnit("bytes")
                .description("Bytes of applied broadcasts written to sockets (message size x recipients)").register(registry);
        FunctionCounter.builder("jb.presence.frames.dropped", s.presenceDropped, AtomicLong::get)
                .description("Presence frames not sent to a socket whose write queue was full").register(registry);
        FunctionCounter.builder("jb.sockets.too.slow", s.socketsTooSlow, AtomicLong::get)
                .description("Sockets closed with 4408 because they stopped reading (JB_MAX_QUEUED_BYTES)").register(registry);
        for (ErrorCode code : ErrorCode.values()) {
            FunctionCounter.builder("jb.ops.rejected", s.rejectedByCode, m -> count(m.get(code)))
                    .tag("code", code.name())
                    .description("Ops messages rejected, by error code").register(registry);
        }
        Timer append = Timer.builder("jb.store.append")
                .description("Store append of one group-committed batch (fsync or Redis round trip)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        s.appendObserver = nanos -> append.record(nanos, TimeUnit.NANOSECONDS);

        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    private static double count(AtomicLong n) {
        return n == null ? 0 : n.get();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The route handler: Prometheus text exposition of the registry. */
    public Handler<RoutingContext> handler() {
        return handler;
    }
}
