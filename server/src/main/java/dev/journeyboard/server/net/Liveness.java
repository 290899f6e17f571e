package dev.journeyboard.server.net;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Pings the joined sockets of one event loop every ping interval and times out those silent (no frame, no pong)
 * for longer than the idle timeout. One per HTTP verticle; runs on its event loop, where its sockets live.
 */
final class Liveness {
    private final Set<SocketLifecycle> watched = new LinkedHashSet<>();
    private final long idleNanos;

    /** Call on the verticle's context: the timer runs there. */
    Liveness(Vertx vertx, Duration pingInterval, Duration idleTimeout) {
        this.idleNanos = idleTimeout.toNanos();
        vertx.setPeriodic(pingInterval.toMillis(), t -> check());
    }

    void watch(SocketLifecycle socket) {
        watched.add(socket);
    }

    void forget(SocketLifecycle socket) {
        watched.remove(socket);
    }

    private void check() {
        long now = System.nanoTime();
        for (SocketLifecycle s : new ArrayList<>(watched)) {
            if (now - s.lastSeen() > idleNanos) s.timedOut();
            else s.ping();
        }
    }
}
