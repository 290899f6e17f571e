package dev.journeyboard.server.cluster;

import io.vertx.core.Context;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every relay write of this node (inboxes of boards served elsewhere, the out streams of nodes relaying boards
 * served here) on one connection of its own, so they reach Redis in the order they were made. Records queued
 * from any thread during one turn of the writer's event loop go out as one entry per stream (one round trip,
 * pipelined: the writer does not wait for the previous answer). A write that fails calls each record's
 * {@code onFail}: the sender closes the socket concerned, whose client then resumes (nothing is retried here, so
 * nothing can arrive twice or out of order).
 */
final class StreamWriter {
    private static final System.Logger LOG = System.getLogger(StreamWriter.class.getName());
    /** Entries larger than this are split (a welcome can be big; Redis takes up to 512 MB, but memory is not free). */
    private static final int MAX_ENTRY_BYTES = 1 << 20;
    /** XADD, bounded, and a TTL so that streams nobody reads any more go away by themselves. */
    private static final String ADD = """
            redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 't', ARGV[3], 'd', ARGV[4])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """;

    /** Where a record goes: a stream, with the sender's tag (who wrote it: a room's tag, or a relaying node). */
    record Target(String key, String tag) {}

    private record Item(Target target, Records.Rec rec, Runnable onFail) {}

    private final Context context;
    private final DedicatedConnection link;
    private final long timeoutMs;
    private final int maxLen;
    private final long ttlMs;
    private final ConcurrentLinkedQueue<Item> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong inFlightBytes = new AtomicLong();

    StreamWriter(Context context, Redis redis, long commandTimeoutMs, int maxLen, long ttlMs) {
        this.context = context;
        this.link = new DedicatedConnection(context, redis, "relay stream writer",
                DedicatedConnection.AfterLoss.RECONNECT, () -> { });
        this.timeoutMs = commandTimeoutMs;
        this.maxLen = maxLen;
        this.ttlMs = ttlMs;
    }

    /** Queues one record for {@code key}; any thread. Records of one thread keep their order. */
    void send(String key, String tag, Records.Rec rec, Runnable onFail) {
        send(new Target(key, tag), rec, onFail);
    }

    /** The same, for a sender that writes to one target all the time (a relayed socket's node). */
    void send(Target target, Records.Rec rec, Runnable onFail) {
        queue.add(new Item(target, rec, onFail));
        if (scheduled.compareAndSet(false, true)) context.runOnContext(v -> flush());
    }

    /** Bytes sent and not answered yet: a backlog means Redis or the link is slow (presence may be skipped). */
    long inFlightBytes() {
        return inFlightBytes.get();
    }

    void close() {
        context.runOnContext(v -> link.close());
    }

    private void flush() {
        scheduled.set(false);
        var groups = new LinkedHashMap<Target, List<Item>>();
        for (Item i; (i = queue.poll()) != null; ) groups.computeIfAbsent(i.target(), t -> new ArrayList<>()).add(i);
        if (groups.isEmpty()) return;
        if (link.current() == null) {
            for (List<Item> g : groups.values()) failed(g, null);
            link.connect();
            return;
        }
        for (Map.Entry<Target, List<Item>> g : groups.entrySet()) {
            List<Item> chunk = new ArrayList<>();
            long size = 0;
            for (Item i : g.getValue()) {
                chunk.add(i);
                size += approxSize(i.rec());
                if (size >= MAX_ENTRY_BYTES) {
                    write(g.getKey(), chunk);
                    chunk = new ArrayList<>();
                    size = 0;
                }
            }
            if (!chunk.isEmpty()) write(g.getKey(), chunk);
        }
    }

    private void write(Target target, List<Item> items) {
        var recs = new ArrayList<Records.Rec>(items.size());
        for (Item i : items) recs.add(i.rec());
        byte[] payload = Records.encode(recs);
        inFlightBytes.addAndGet(payload.length);
        RedisConnection mine = link.current();
        mine.send(Request.cmd(Command.EVAL).arg(ADD).arg(1).arg(target.key()).arg(maxLen).arg(ttlMs).arg(target.tag()).arg(payload))
                .timeout(timeoutMs, TimeUnit.MILLISECONDS)
                .onComplete(ar -> context.runOnContext(v -> {
                    inFlightBytes.addAndGet(-payload.length);
                    if (ar.failed()) {
                        failed(items, ar.cause());
                        // a timeout leaves the connection's order unknown: start over on a new one
                        link.lost(mine, ar.cause());
                    }
                }));
    }

    private static long approxSize(Records.Rec r) {
        return 32 + switch (r) {
            case Records.Frame f -> f.bytes().length();
            case Records.View v -> v.bytes().length();
            case Records.Hello h -> h.bytes().length();
            case Records.Msg m -> m.bytes().length();
            case Records.Call c -> c.bytes().length();
            case Records.Answer a -> a.bytes().length();
            default -> 0;
        };
    }

    private void failed(List<Item> items, Throwable cause) {
        for (Item i : items) {
            try {
                i.onFail().run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "relay: a failed write's handler failed", e);
            }
        }
    }
}
