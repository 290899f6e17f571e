package dev.journeyboard.server.cluster;

import io.vertx.core.Context;
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

    private final Context context;
    /** For the wake entries: they must not wait behind the blocked read. */
    private final Redis redis;
    private final DedicatedConnection link;
    private final String wakeKey;
    private final long timeoutMs;
    private final Map<String, Follow> follows = new LinkedHashMap<>();
    private String wakeCursor = "0-0";
    /** The connection the read in flight is on, if any: a read on a lost connection does not count. */
    private RedisConnection readingOn;

    /** @param context where the reader runs: its handlers are called there */
    StreamReader(Context context, Redis redis, String wakeKey, long commandTimeoutMs) {
        this.context = context;
        this.redis = redis;
        this.wakeKey = wakeKey;
        this.timeoutMs = BLOCK_MS + commandTimeoutMs;
        this.link = new DedicatedConnection(context, redis, "relay stream reader",
                DedicatedConnection.AfterLoss.WAIT_THEN_RECONNECT, this::read);
    }

    /** Delivers the entries of {@code key} after {@code fromId} to {@code handler}, and every later one; any thread. */
    void follow(String key, String fromId, Handler handler) {
        context.runOnContext(v -> {
            if (link.closed()) return;
            follows.put(key, new Follow(fromId, handler));
            if (reading()) wake();
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
            follows.clear();
            link.close();
        });
    }

    private boolean reading() {
        return readingOn != null && readingOn == link.current();
    }

    private void wake() {
        redis.send(Request.cmd(Command.XADD).arg(wakeKey).arg("MAXLEN").arg("~").arg(16).arg("*").arg("w").arg(1))
                .onFailure(e -> { /* Redis is away: the read fails too and the reconnect reads every stream */ });
    }

    private void read() {
        RedisConnection mine = link.current();
        if (mine == null || reading()) return;
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
        readingOn = mine;
        mine.send(req).timeout(timeoutMs, TimeUnit.MILLISECONDS).onComplete(ar -> context.runOnContext(v -> {
            if (mine != link.current()) return;
            readingOn = null;
            if (ar.failed()) {
                link.lost(mine, ar.cause());
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
