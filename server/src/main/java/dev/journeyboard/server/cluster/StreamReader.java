package dev.journeyboard.server.cluster;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Follows many Redis streams on one connection of its own: one {@code XREAD BLOCK} over all of them, each from
 * the last entry id it delivered, so nothing is skipped or read twice, across reconnects too. Following a new
 * stream wakes the blocked read by adding an entry to this reader's own wake stream, which every read includes
 * (from the last wake entry it saw, so a wake that lands before the read starts still ends it at once).
 * Handlers run on the reader's context and must hand the entries to their own.
 */
final class StreamReader {
    private static final System.Logger LOG = System.getLogger(StreamReader.class.getName());
    private static final long BLOCK_MS = 5000;
    private static final int COUNT = 500;

    /** An entry: its id and its field values by name. */
    record Entry(String id, Map<String, byte[]> fields) {
        byte[] field(String name) {
            return fields.get(name);
        }
    }

    interface Handler {
        void entries(String key, List<Entry> entries);
    }

    private static final class Follow {
        String cursor;
        final Handler handler;

        Follow(String cursor, Handler handler) {
            this.cursor = cursor;
            this.handler = handler;
        }
    }

    private final Vertx vertx;
    private final Context context;
    private final Redis redis;
    private final String wakeKey;
    private final long timeoutMs;
    private final Map<String, Follow> follows = new LinkedHashMap<>();
    private String wakeCursor = "0-0";
    private RedisConnection conn;
    private boolean connecting;
    private boolean reading;
    private boolean closed;
    private long backoff = 100;

    /** @param context where the reader runs: its handlers are called there */
    StreamReader(Vertx vertx, Context context, Redis redis, String wakeKey, long commandTimeoutMs) {
        this.vertx = vertx;
        this.context = context;
        this.redis = redis;
        this.wakeKey = wakeKey;
        this.timeoutMs = BLOCK_MS + commandTimeoutMs;
        context.runOnContext(v -> connect());
    }

    /** Delivers the entries of {@code key} after {@code fromId} to {@code handler}, and every later one; any thread. */
    void follow(String key, String fromId, Handler handler) {
        context.runOnContext(v -> {
            if (closed) return;
            follows.put(key, new Follow(fromId, handler));
            if (reading) wake();
        });
    }

    /** Stops following {@code key}; entries already read may still be delivered once. Any thread. */
    void unfollow(String key, Handler handler) {
        context.runOnContext(v -> {
            Follow f = follows.get(key);
            if (f != null && f.handler == handler) follows.remove(key);
        });
    }

    void close() {
        context.runOnContext(v -> {
            closed = true;
            follows.clear();
            if (conn != null) conn.close();
            conn = null;
        });
    }

    private void wake() {
        redis.send(Request.cmd(Command.XADD).arg(wakeKey).arg("MAXLEN").arg("~").arg(16).arg("*").arg("w").arg(1))
                .onFailure(e -> { /* Redis is away: the read fails too and the reconnect reads every stream */ });
    }

    private void connect() {
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
            mine.exceptionHandler(e -> context.runOnContext(x -> broken(mine, e)));
            mine.endHandler(e -> context.runOnContext(x -> broken(mine, null)));
            backoff = 100;
            read();
        }));
    }

    private void retry(Throwable cause) {
        if (closed) return;
        if (backoff >= 2000) LOG.log(System.Logger.Level.DEBUG, "relay stream reader reconnecting: " + cause);
        vertx.setTimer(backoff, t -> connect());
        backoff = Math.min(2000, backoff * 2);
    }

    private void broken(RedisConnection which, Throwable cause) {
        if (which != conn) return;
        conn = null;
        reading = false;
        which.close();
        retry(cause);
    }

    private void read() {
        if (closed || conn == null || reading) return;
        var keys = new ArrayList<String>(follows.size() + 1);
        var ids = new ArrayList<String>(follows.size() + 1);
        keys.add(wakeKey);
        ids.add(wakeCursor);
        for (var e : follows.entrySet()) {
            keys.add(e.getKey());
            ids.add(e.getValue().cursor);
        }
        Request req = Request.cmd(Command.XREAD).arg("COUNT").arg(COUNT).arg("BLOCK").arg(BLOCK_MS).arg("STREAMS");
        for (String k : keys) req.arg(k);
        for (String id : ids) req.arg(id);
        reading = true;
        RedisConnection mine = conn;
        mine.send(req).timeout(timeoutMs, TimeUnit.MILLISECONDS).onComplete(ar -> context.runOnContext(v -> {
            if (mine != conn) return;
            reading = false;
            if (ar.failed()) {
                broken(mine, ar.cause());
                return;
            }
            if (ar.result() != null) dispatch(ar.result());
            read();
        }));
    }

    /** XREAD's reply (RESP2): [[key, [[id, [field, value, …]], …]], …]. */
    private void dispatch(Response reply) {
        for (Response stream : reply) {
            String key = stream.get(0).toString();
            Response rows = stream.get(1);
            if (rows == null || rows.size() == 0) continue;
            var entries = new ArrayList<Entry>(rows.size());
            for (Response row : rows) {
                var fields = new LinkedHashMap<String, byte[]>();
                Response kv = row.get(1);
                if (kv != null) {
                    for (int i = 0; i + 1 < kv.size(); i += 2) fields.put(kv.get(i).toString(), kv.get(i + 1).toBytes());
                }
                entries.add(new Entry(row.get(0).toString(), fields));
            }
            String last = entries.getLast().id();
            if (key.equals(wakeKey)) {
                wakeCursor = last;
                continue;
            }
            Follow f = follows.get(key);
            if (f == null) continue; // unfollowed meanwhile
            f.cursor = last;
            try {
                f.handler.entries(key, entries);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "relay: handling entries of " + key + " failed", e);
            }
        }
    }
}
