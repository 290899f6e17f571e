package dev.journeyboard.server.cluster;

import io.vertx.core.Context;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;

/**
 * One Redis connection of a component's own, outside the client's pool: for a blocking read that would hold a
 * pooled connection for seconds ({@link StreamReader}), or for writes that must reach Redis in the order they
 * were made ({@link StreamWriter}). It connects, and connects again once the connection is lost (an error, its
 * end, or a command its owner gave up on); a connect that fails is tried again after 100 ms, doubling up to 2 s.
 * Confined to its context.
 */
final class DedicatedConnection {
    private static final System.Logger LOG = System.getLogger(DedicatedConnection.class.getName());
    private static final long FIRST_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 2000;

    /** What follows the loss of a connection. */
    enum AfterLoss {
        /** A new connection at once: writes made while there is none fail (their sockets close), so the gap is kept short. */
        RECONNECT,
        /** The backoff first: a read that fails again at once on each fresh connection must not become a busy loop. */
        WAIT_THEN_RECONNECT
    }

    private final Context context;
    private final Redis redis;
    private final String name;
    private final AfterLoss afterLoss;
    private final Runnable opened;
    private RedisConnection conn;
    private boolean connecting;
    private boolean closed;
    private long backoff = FIRST_BACKOFF_MS;

    /**
     * Connects (on {@code context}) at once.
     *
     * @param name what the connection is for, in the log
     * @param opened runs on the context each time a connection is open
     */
    DedicatedConnection(Context context, Redis redis, String name, AfterLoss afterLoss, Runnable opened) {
        this.context = context;
        this.redis = redis;
        this.name = name;
        this.afterLoss = afterLoss;
        this.opened = opened;
        context.runOnContext(v -> connect());
    }

    /** The open connection, or null (connecting, lost, or closed). */
    RedisConnection current() {
        return conn;
    }

    boolean closed() {
        return closed;
    }

    /** Opens a connection unless one is open or on its way, or this is closed. */
    void connect() {
        if (closed || conn != null || connecting) return;
        connecting = true;
        redis.connect().onComplete(ar -> context.runOnContext(v -> {
            connecting = false;
            if (ar.failed()) {
                retry(ar.cause());
                return;
            }
            if (closed) {
                ar.result().close();
                return;
            }
            conn = ar.result();
            RedisConnection mine = conn;
            mine.exceptionHandler(e -> context.runOnContext(x -> lost(mine, e)));
            mine.endHandler(e -> context.runOnContext(x -> lost(mine, null)));
            backoff = FIRST_BACKOFF_MS;
            opened.run();
        }));
    }

    /**
     * {@code which} is not to be used any more (it failed, or a command on it failed or timed out, leaving its
     * order unknown): it is closed and replaced. Nothing happens if it was replaced already.
     */
    void lost(RedisConnection which, Throwable cause) {
        if (which != conn) return;
        conn = null;
        which.close();
        if (cause != null) LOG.log(System.Logger.Level.DEBUG, name + ": connection lost: " + cause);
        if (afterLoss == AfterLoss.RECONNECT) connect();
        else retry(cause);
    }

    void close() {
        closed = true;
        if (conn != null) conn.close();
        conn = null;
    }

    private void retry(Throwable cause) {
        if (closed) return;
        if (backoff >= MAX_BACKOFF_MS) LOG.log(System.Logger.Level.DEBUG, name + " reconnecting: " + cause);
        context.owner().setTimer(backoff, t -> connect());
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
    }
}
