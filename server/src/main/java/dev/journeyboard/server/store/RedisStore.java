package dev.journeyboard.server.store;

import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage.Applied;
import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.history.BoardHistory;
import dev.journeyboard.server.history.HistoryException;
import dev.journeyboard.server.history.HistoryRange;
import dev.journeyboard.server.history.HistoryRead;
import dev.journeyboard.server.history.HistorySettings;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.types.ErrorType;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The Redis store: several servers can share one Redis; a per-board lease makes sure only one of them
 * serves (and writes) a board at a time. Layout, per board {@code id} (the braces are a Redis Cluster hash
 * tag: all keys of one board live in one slot, so the scripts ({@link RedisScripts}) may touch them together):
 *
 * <ul>
 *   <li>{@code jb:board:{id}:meta} string: the {@link BoardMeta} JSON; a board exists iff this key does
 *   <li>{@code jb:board:{id}:snapshot} hash: {@code seq}, {@code doc} (the {@link Snapshot} JSON) and
 *       {@code w} (which node wrote last, with its write number: fences off late writes, see below)
 *   <li>{@code jb:board:{id}:log} stream: one entry per applied op message, entry id {@code <seq>-0},
 *       field {@code op} = the {@code applied} JSON; trimmed with {@code XTRIM MINID} once a snapshot
 *       covers it, keeping the last {@code resumeTail} ops at or below the snapshot for resumes
 *   <li>{@code jb:board:{id}:lease} string with a TTL: the node id of the server serving the board
 *   <li>{@code jb:board:{id}:history} stream: the board's history, what the log's trims dropped (same entries)
 *   <li>{@code jb:board:{id}:checkpoints} hash: field {@code <seq>} = the document at that seq (snapshot JSON),
 *       field {@code t:<seq>} = when it was written (ms); the snapshot hash's {@code cp} is the newest one's seq
 * </ul>
 *
 * Every write is one Lua script (one round trip, atomic): it checks the lease, checks that the log ends
 * exactly where the room believes it does, takes the lease (again), and only then writes. So a server that
 * lost its lease (paused past the TTL, cut off from Redis) cannot append to or snapshot over a board
 * another server took. A write whose answer was lost (timeout, dropped connection) was rejected by the room,
 * but its entries may be in the log, where other nodes relay them: the next write then fails ({@code JBSTALE})
 * and the room reloads the board with them (entries are never removed); a write number per node ({@code w})
 * makes a late-arriving old write fail.
 *
 * <p>When Redis can't be reached, calls fail fast (the room rejects edits with STORE_UNAVAILABLE,
 * /health is degraded) while a probe reconnects with exponential back-off; the first successful probe
 * brings the store back up, with no restart.
 */
public final class RedisStore implements BoardStore, BoardHistory {
    private static final System.Logger LOG = System.getLogger(RedisStore.class.getName());
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final long PROBE_MIN_MS = 100;
    private static final long PROBE_MAX_MS = 2000;

    /**
     * Tuning, from the server configuration ({@code JB_NODE_ID}, {@code JB_REDIS_LEASE_TTL},
     * {@code JB_REDIS_LEASE_RENEW}, {@code JB_REDIS_COMMAND_TIMEOUT}, {@code JB_RESUME_TAIL}).
     *
     * @param nodeId this server's identity in leases and write fences: the same across restarts of one server,
     *               so that a restarted server takes its own leases back at once
     */
    public record Settings(Duration commandTimeout, Duration leaseTtl, Duration leaseRenew, int resumeTail, String prefix, String nodeId) {
        public static Settings of(dev.journeyboard.server.ServerConfig c) {
            return new Settings(c.redisCommandTimeout(), c.redisLeaseTtl(), c.leaseRenewal(), c.resumeTail(), "jb:", c.nodeId());
        }

        public Settings withLeaseTtl(Duration ttl) {
            return new Settings(commandTimeout, ttl, ttl.dividedBy(3), resumeTail, prefix, nodeId);
        }

        public Settings withNodeId(String id) {
            return new Settings(commandTimeout, leaseTtl, leaseRenew, resumeTail, prefix, id);
        }
    }


    private final Vertx vertx;
    private final Redis redis;
    private final Settings settings;
    private final String where;
    private final String nodeId;
    private final AtomicLong writes = new AtomicLong();
    private final HistorySettings history;
    /** Per board, the last call still running: calls of one board run one after the other, in call order. */
    private final PerBoardOrder order = new PerBoardOrder();
    /** Boards whose lease this node lost (another node writes them): their room must go. */
    private final Set<String> lost = ConcurrentHashMap.newKeySet();

    private volatile boolean up = true;
    private volatile String downReason;
    private long probeTimer = -1;
    private long probeDelay = PROBE_MIN_MS;
    private int probeAttempts;
    private volatile boolean closed;

    public RedisStore(Vertx vertx, String url, Settings settings) {
        this(vertx, url, settings, HistorySettings.DEFAULT);
    }

    public RedisStore(Vertx vertx, String url, Settings settings, HistorySettings history) {
        this.vertx = vertx;
        this.history = history;
        this.settings = settings;
        this.where = redact(url);
        var options = new RedisOptions().setConnectionString(url).setMaxPoolSize(16).setMaxPoolWaiting(4096)
                .setMaxWaitingHandlers(4096).setPoolRecycleTimeout(15_000);
        options.getNetClientOptions().setConnectTimeout((int) Math.min(settings.commandTimeout().toMillis(), 2000))
                .setTcpKeepAlive(true).setTcpNoDelay(true);
        this.redis = Redis.createClient(vertx, options);
        this.nodeId = settings.nodeId();
        // write numbers only grow, across restarts too: a restarted node (same id) starts above its previous life
        this.writes.set(System.currentTimeMillis() * 1000);
        // a first contact, so the log tells at once whether Redis is there; the server starts either way
        send(Request.cmd(Command.PING)).onComplete(ar -> {
            if (ar.succeeded()) LOG.log(System.Logger.Level.INFO, "Redis store at " + where + " is reachable (node id " + nodeId + ")");
        });
    }

    public String nodeId() {
        return nodeId;
    }

    @Override
    public String kind() {
        return "redis";
    }

    // ------------------------------------------------------------------ boards

    @Override
    public Future<Void> create(BoardMeta meta, Snapshot initial) {
        Keys k = keys(meta.id());
        return caller(send(Request.cmd(Command.EVAL).arg(RedisScripts.CREATE).arg(6).arg(k.lease).arg(k.snapshot).arg(k.log).arg(k.meta)
                .arg(k.history).arg(k.checkpoints)
                .arg(MessageCodec.bytes(meta.toJson())).arg(MessageCodec.bytes(initial.toJson()))).mapEmpty());
    }

    @Override
    public Future<Void> saveMeta(BoardMeta meta) {
        // SET XX: only an existing board's metadata is replaced (added by the lead for link rotation)
        return caller(send(Request.cmd(Command.SET).arg(keys(meta.id()).meta).arg(MessageCodec.bytes(meta.toJson())).arg("XX")).mapEmpty());
    }

    @Override
    public Future<BoardMeta> meta(String boardId) {
        if (!SAFE_ID.matcher(boardId).matches()) return Future.succeededFuture();
        return caller(send(Request.cmd(Command.GET).arg(keys(boardId).meta)).map(r -> r == null ? null : parseMeta(r)));
    }

    @Override
    public Future<StoredBoard> load(String boardId) {
        if (!SAFE_ID.matcher(boardId).matches()) return Future.succeededFuture();
        Keys k = keys(boardId);
        return caller(inOrder(boardId, () -> batch(List.of(
                Request.cmd(Command.GET).arg(k.meta),
                Request.cmd(Command.HGET).arg(k.snapshot).arg("doc"),
                Request.cmd(Command.XRANGE).arg(k.log).arg("-").arg("+"))).map(rs -> {
            if (rs.get(0) == null) return null;
            BoardMeta meta = parseMeta(rs.get(0));
            if (rs.get(1) == null) throw new IllegalStateException("board " + boardId + " has metadata but no snapshot in Redis");
            Snapshot snapshot = Snapshot.fromJson(MessageCodec.parseObject(rs.get(1).toBytes()));
            var log = new ArrayList<Applied>();
            if (rs.get(2) != null) {
                for (Response entry : rs.get(2)) {
                    Response fields = entry.get(1);
                    byte[] payload = null;
                    for (int i = 0; i + 1 < fields.size(); i += 2) {
                        if ("op".equals(fields.get(i).toString())) payload = fields.get(i + 1).toBytes();
                    }
                    if (payload == null) throw new IllegalStateException("board " + boardId + ": log entry " + entry.get(0) + " has no op");
                    log.add(MessageCodec.applied(MessageCodec.parseObject(payload)));
                }
            }
            return new StoredBoard(meta, snapshot, log);
        })));
    }

    @Override
    public Future<Void> append(String boardId, List<Applied> batch) {
        if (batch.isEmpty()) return Future.succeededFuture();
        Keys k = keys(boardId);
        long expected = batch.getFirst().seq() - 1;
        var payloads = new ArrayList<byte[]>(batch.size());
        for (Applied a : batch) payloads.add(MessageCodec.encode(a));
        return caller(inOrder(boardId, () -> {
            Request r = Request.cmd(Command.EVAL).arg(RedisScripts.APPEND).arg(4).arg(k.lease).arg(k.snapshot).arg(k.log).arg(k.meta)
                    .arg(nodeId).arg(writes.incrementAndGet()).arg(settings.leaseTtl().toMillis()).arg(expected);
            for (int i = 0; i < batch.size(); i++) r.arg(batch.get(i).seq() + "-0").arg(payloads.get(i));
            return write(boardId, r);
        }));
    }

    @Override
    public Future<Void> snapshot(String boardId, Snapshot snapshot) {
        Keys k = keys(boardId);
        long minId = Math.max(0, snapshot.seq() - settings.resumeTail() + 1);
        byte[] doc = MessageCodec.bytes(snapshot.toJson());
        return caller(inOrder(boardId, () -> write(boardId, Request.cmd(Command.EVAL).arg(RedisScripts.SNAPSHOT).arg(6)
                .arg(k.lease).arg(k.snapshot).arg(k.log).arg(k.meta).arg(k.history).arg(k.checkpoints).arg(nodeId).arg(writes.incrementAndGet())
                .arg(settings.leaseTtl().toMillis()).arg(snapshot.seq()).arg(doc).arg(minId + "-0")
                .arg(history.checkpointEvery()).arg(System.currentTimeMillis()))
                .compose(v -> RedisHistory.prune(this::send, k.checkpoints, k.history, history, snapshot.seq()))));
    }

    @Override
    public Future<Void> delete(String boardId) {
        if (!SAFE_ID.matcher(boardId).matches()) return Future.succeededFuture();
        Keys k = keys(boardId);
        // one DEL of every key (one hash slot: atomic); the meta key goes with the rest, so the board is gone at once
        return caller(inOrder(boardId, () -> send(Request.cmd(Command.DEL).arg(k.meta).arg(k.snapshot).arg(k.log)
                .arg(k.history).arg(k.checkpoints).arg(k.state).arg(k.lease)).<Void>mapEmpty()));
    }

    @Override
    public Future<Void> saveFeatureState(String boardId, String feature, byte[] state) {
        Keys k = keys(boardId);
        Request r = Request.cmd(Command.EVAL).arg(RedisScripts.SAVE_STATE).arg(3).arg(k.lease).arg(k.meta).arg(k.state).arg(nodeId).arg(feature);
        if (state != null) r.arg(state);
        return caller(inOrder(boardId, () -> write(boardId, r)));
    }

    @Override
    public Future<java.util.Map<String, byte[]>> loadFeatureStates(String boardId) {
        Keys k = keys(boardId);
        return caller(send(Request.cmd(Command.HGETALL).arg(k.state)).map(r -> {
            var out = new java.util.HashMap<String, byte[]>();
            if (r == null) return out;
            try {
                for (String key : r.getKeys()) out.put(key, r.get(key).toBytes()); // RESP3: a map
            } catch (RuntimeException notAMap) {
                for (int i = 0; i + 1 < r.size(); i += 2) out.put(r.get(i).toString(), r.get(i + 1).toBytes()); // RESP2: pairs
            }
            return out;
        }));
    }

    /** Runs a write script; a lease or consistency refusal marks the board lost, so its room is evicted. */
    private Future<Void> write(String boardId, Request script) {
        return send(script).<Void>mapEmpty().recover(e -> {
            if (e instanceof ErrorType err && (err.is(RedisScripts.LEASE_ERROR) || err.is(RedisScripts.STALE_ERROR) || err.is(RedisScripts.GONE_ERROR))) {
                if (lost.add(boardId)) {
                    LOG.log(System.Logger.Level.WARNING, "board " + boardId + ": refusing to write, " + e.getMessage());
                }
            }
            return Future.failedFuture(e);
        });
    }

    @Override
    public Future<Void> release(String boardId) {
        return Future.succeededFuture();
    }

    // ------------------------------------------------------------------ history

    @Override
    public Future<HistoryRange> range(String boardId) {
        if (!SAFE_ID.matcher(boardId).matches()) return Future.succeededFuture();
        Keys k = keys(boardId);
        return caller(send(RedisHistory.read(k.meta, k.snapshot, k.checkpoints, k.history, k.log, -1, -1)).map(RedisHistory::range));
    }

    @Override
    public Future<HistoryRead> read(String boardId, long from, long to) {
        if (from > to) return Future.failedFuture(new IllegalArgumentException("from " + from + " is after to " + to));
        if (!SAFE_ID.matcher(boardId).matches()) return Future.succeededFuture();
        Keys k = keys(boardId);
        return caller(send(RedisHistory.read(k.meta, k.snapshot, k.checkpoints, k.history, k.log, from, to))
                .compose(r -> vertx.executeBlocking(() -> RedisHistory.decode(r, from, to), false)));
    }

    @Override
    public Future<Void> deleteHistory(String boardId) {
        if (!SAFE_ID.matcher(boardId).matches()) return Future.succeededFuture();
        Keys k = keys(boardId);
        return caller(send(Request.cmd(Command.DEL).arg(k.history).arg(k.checkpoints))
                .compose(r -> send(Request.cmd(Command.HDEL).arg(k.snapshot).arg("cp"))).mapEmpty());
    }

    // ------------------------------------------------------------------ leases

    @Override
    public Future<Boolean> acquireLease(String boardId) {
        if (!SAFE_ID.matcher(boardId).matches()) return Future.succeededFuture(true);
        Keys k = keys(boardId);
        return caller(send(Request.cmd(Command.EVAL).arg(RedisScripts.ACQUIRE).arg(2).arg(k.lease).arg(k.meta).arg(nodeId)
                .arg(settings.leaseTtl().toMillis())).map(r -> {
            boolean mine = r.toInteger() == 1;
            if (mine) lost.remove(boardId);
            return mine;
        }));
    }

    @Override
    public Future<Boolean> renewLease(String boardId) {
        if (lost.contains(boardId)) return Future.succeededFuture(false);
        return caller(send(Request.cmd(Command.EVAL).arg(KeyLease.RENEW).arg(1).arg(keys(boardId).lease).arg(nodeId)
                .arg(settings.leaseTtl().toMillis())).map(r -> {
            if (r.toInteger() == 1 && !lost.contains(boardId)) return true;
            lost.add(boardId);
            return false;
        }));
    }

    @Override
    public Future<Void> releaseLease(String boardId) {
        lost.remove(boardId);
        return caller(send(Request.cmd(Command.EVAL).arg(KeyLease.RELEASE).arg(1).arg(keys(boardId).lease).arg(nodeId)).mapEmpty());
    }

    @Override
    public long leaseRenewMillis() {
        return Math.max(100, settings.leaseRenew().toMillis());
    }

    // ------------------------------------------------------------------ health and connection

    @Override
    public Future<Void> ping() {
        return caller(send(Request.cmd(Command.PING)).mapEmpty());
    }

    @Override
    public Future<Void> close() {
        closed = true;
        vertx.runOnContext(v -> {
            if (probeTimer != -1) vertx.cancelTimer(probeTimer);
        });
        return redis.close();
    }

    /**
     * Sends one command with the command timeout. While Redis is known to be down this fails at once (the
     * probe is reconnecting); a failure that is not an answer from Redis marks it down.
     */
    private Future<Response> send(Request request) {
        if (!up) return Future.failedFuture(new StoreUnavailableException(downReason));
        return redis.send(request).timeout(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .recover(e -> Future.failedFuture(checked(e)));
    }

    private Future<List<Response>> batch(List<Request> requests) {
        if (!up) return Future.failedFuture(new StoreUnavailableException(downReason));
        return redis.batch(requests).timeout(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .recover(e -> Future.failedFuture(checked(e)));
    }

    private Throwable checked(Throwable e) {
        if (e instanceof ErrorType) return e; // Redis answered: it is up
        markDown(e);
        return new StoreUnavailableException("Redis at " + where + " is unreachable: " + describe(e));
    }

    private synchronized void markDown(Throwable cause) {
        if (closed || !up) return;
        up = false;
        downReason = "Redis at " + where + " is unreachable (" + describe(cause) + "); reconnecting";
        LOG.log(System.Logger.Level.WARNING, downReason + " with back-off; edits are refused with STORE_UNAVAILABLE and boards "
                + "cannot be loaded until it is back");
        probeDelay = PROBE_MIN_MS;
        probeAttempts = 0;
        scheduleProbe();
    }

    private synchronized void scheduleProbe() {
        if (closed) return;
        probeTimer = vertx.setTimer(probeDelay, t -> probe());
        probeDelay = Math.min(PROBE_MAX_MS, probeDelay * 2);
    }

    private void probe() {
        probeTimer = -1;
        if (closed) return;
        probeAttempts++;
        redis.send(Request.cmd(Command.PING)).timeout(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS).onComplete(ar -> {
            if (ar.succeeded()) {
                synchronized (this) {
                    up = true;
                    downReason = null;
                }
                LOG.log(System.Logger.Level.INFO, "Redis at " + where + " is reachable again (after " + probeAttempts + " attempt(s))");
            } else {
                if (probeAttempts % 20 == 0) {
                    LOG.log(System.Logger.Level.WARNING, "Redis at " + where + " still unreachable after " + probeAttempts
                            + " attempts: " + describe(ar.cause()));
                }
                downReason = "Redis at " + where + " is unreachable (" + describe(ar.cause()) + "); reconnecting";
                scheduleProbe();
            }
        });
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** The URL without a password, for logs and /health. */
    static String redact(String url) {
        try {
            URI u = URI.create(url);
            if (u.getUserInfo() == null) return url;
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
        } catch (Exception e) {
            return "(redis url)";
        }
    }

    // ------------------------------------------------------------------ helpers

    /** {@code state}: a hash of feature name -> saved state (the facilitation session), in the board's hash tag. */
    private record Keys(String meta, String snapshot, String log, String lease, String history, String checkpoints, String state) {}

    private Keys keys(String boardId) {
        if (!SAFE_ID.matcher(boardId).matches()) throw new IllegalArgumentException("bad board id");
        String p = settings.prefix() + "board:{" + boardId + "}:";
        return new Keys(p + "meta", p + "snapshot", p + "log", p + "lease", p + "history", p + "checkpoints", p + "state");
    }

    private static BoardMeta parseMeta(Response r) {
        return BoardMeta.fromJson(MessageCodec.parseObject(r.toBytes()));
    }

    private <T> Future<T> inOrder(String boardId, Supplier<Future<T>> work) {
        return order.run(boardId, work);
    }

    /** Completes on the caller's context, as the embedded store's futures do (rooms set timers in callbacks). */
    private <T> Future<T> caller(Future<T> f) {
        Context ctx = vertx.getOrCreateContext();
        Promise<T> p = Promise.promise();
        f.onComplete(ar -> {
            if (Vertx.currentContext() == ctx) p.handle(ar);
            else ctx.runOnContext(v -> p.handle(ar));
        });
        return p.future();
    }
}
