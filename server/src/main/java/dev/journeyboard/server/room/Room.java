package dev.journeyboard.server.room;

import static dev.journeyboard.protocol.ErrorCode.STORE_UNAVAILABLE;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.Limits;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.Participant;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.message.ServerMessage.Applied;
import dev.journeyboard.server.ServerConfig;
import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.store.BoardStore;
import dev.journeyboard.server.store.Snapshot;
import dev.journeyboard.server.store.StoredBoard;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One board, live: owns its document and orders every participant's edits. Confined to one Vert.x
 * context, so nothing here is locked; other threads reach it through {@link #post}.
 *
 * <p>An edit is validated and applied at once (later edits validate against it) but broadcast only after
 * the store made it durable; appends are grouped, so while one batch is being written the next one
 * collects. If a write fails, the batch and everything sequenced after it is taken back and rejected
 * with STORE_UNAVAILABLE: the sender keeps it pending and nobody saw it.
 */
public final class Room {
    private static final System.Logger LOG = System.getLogger(Room.class.getName());
    private static final Limits REPLAY = new Limits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
    private static final String[] COLORS = {"#e8590c", "#1971c2", "#2f9e44", "#c2255c", "#6741d9", "#0c8599",
            "#f08c00", "#5c940d", "#d6336c", "#364fc7", "#087f5b", "#862e9c"};

    /** An edit that has its seq but is not durable yet. */
    private record Sequenced(Applied applied, Document.Change change, Connection from, Long previousCid) {}

    private final Vertx vertx;
    private final Context context;
    private final BoardStore store;
    private final ServerConfig config;
    private final Limits limits;
    private final Rooms rooms;
    private final RoomStats stats;
    private final BoardMeta meta;
    private final Document doc;

    private long seq;
    private long durableSeq;
    private long snapshotSeq;
    private boolean snapshotting;
    private final ArrayDeque<Applied> tail = new ArrayDeque<>();
    private final Map<String, Long> clientCids;
    private final ArrayDeque<Sequenced> queued = new ArrayDeque<>();
    private List<Sequenced> inFlight = List.of();

    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final Map<String, ObjectNode> presence = new HashMap<>();
    private final Map<String, ObjectNode> presenceDirty = new LinkedHashMap<>();
    private long presenceTimer = -1;
    private int nextParticipant = 1;

    private long idleTimer = -1;
    private final long pingTimer;
    private final long snapshotTimer;
    private boolean closed;

    private Room(Vertx vertx, Context context, BoardStore store, ServerConfig config, Rooms rooms, RoomStats stats, StoredBoard stored) {
        this.vertx = vertx;
        this.context = context;
        this.store = store;
        this.config = config;
        this.limits = config.limits();
        this.rooms = rooms;
        this.stats = stats;
        this.meta = stored.meta();
        Snapshot snap = stored.snapshot();
        this.doc = Document.of(snap.elements());
        this.clientCids = new HashMap<>(snap.clientCids());
        this.seq = snap.seq();
        for (Applied a : stored.log()) {
            if (a.seq() > seq) {
                if (a.seq() != seq + 1) {
                    throw new IllegalStateException("board " + meta.id() + ": op log jumps from seq " + seq + " to " + a.seq());
                }
                doc.apply(a.ops(), Role.FACILITATOR, REPLAY); // throws on a log that does not fit: the load fails loudly
                clientCids.put(a.client(), a.cid());
                seq = a.seq();
            }
            rememberInTail(a);
        }
        this.durableSeq = seq;
        this.snapshotSeq = snap.seq();
        this.pingTimer = vertx.setPeriodic(config.pingInterval().toMillis(), t -> pingAll());
        this.snapshotTimer = vertx.setPeriodic(config.snapshotInterval().toMillis(), t -> maybeSnapshot(true));
        scheduleUnloadIfEmpty();
    }

    /** Loads a board on the calling context, which becomes the room's. Fails if the board can't be loaded. */
    static Future<Room> load(Vertx vertx, String boardId, BoardStore store, ServerConfig config, Rooms rooms, RoomStats stats) {
        Context context = vertx.getOrCreateContext();
        return store.load(boardId).map(stored -> {
            if (stored == null) throw new ProtocolException(dev.journeyboard.protocol.ErrorCode.BOARD_NOT_FOUND, "no board '" + boardId + "'");
            return new Room(vertx, context, store, config, rooms, stats, stored);
        });
    }

    public BoardMeta meta() {
        return meta;
    }

    /** Runs {@code action} on the room's context. */
    public void post(Runnable action) {
        context.runOnContext(v -> action.run());
    }

    boolean isClosed() {
        return closed;
    }

    // ------------------------------------------------------------------ joining and leaving

    /**
     * Handles a connection's hello. @return false if this room has been unloaded meanwhile: the caller
     * must find the board's current room and try there
     */
    public boolean hello(Connection conn, ClientMessage.Hello hello) {
        if (closed) return false;
        cancelUnload();
        int n = nextParticipant++;
        conn.client = hello.client();
        conn.participant = new Participant("p" + n, hello.name(), COLORS[(n - 1) % COLORS.length], conn.role);

        ServerMessage.Snapshot snapshot = null;
        List<Applied> missed = null;
        Long last = hello.lastSeq();
        long oldestInTail = tail.isEmpty() ? durableSeq + 1 : tail.getFirst().seq();
        if (last != null && last <= durableSeq && last >= oldestInTail - 1) {
            missed = new ArrayList<>();
            for (Applied a : tail) if (a.seq() > last) missed.add(a);
        } else {
            snapshot = new ServerMessage.Snapshot(durableSeq, durableElements());
        }
        var welcome = new ServerMessage.Welcome(MessageCodec.VERSION,
                new ServerMessage.BoardInfo(meta.id(), meta.title(), meta.template()), conn.participant,
                connections.values().stream().map(c -> c.participant).toList(), durableSeq, snapshot, missed,
                new ServerMessage.LimitsInfo(config.maxFrameBytes(), config.opsPerSecond(), config.maxElements(), config.maxTextLength()));
        conn.send(welcome);
        broadcast(new ServerMessage.Joined(conn.participant));
        connections.put(conn.participant.id(), conn);
        stats.connections.incrementAndGet();
        if (!presence.isEmpty()) {
            conn.send(new ServerMessage.Presence(new ArrayList<>(presence.values())));
        }
        conn.joined(this);
        if (conn.ws.isClosed()) leave(conn); // closed while the hello was on its way: its close handler may have missed us
        return true;
    }

    /** The document as of {@code durableSeq}: the live one minus edits still being written. */
    private List<Element> durableElements() {
        if (queued.isEmpty() && inFlight.isEmpty()) return new ArrayList<>(doc.elements());
        Document copy = doc.copy();
        var pending = new ArrayList<Sequenced>(inFlight);
        pending.addAll(queued);
        for (int i = pending.size() - 1; i >= 0; i--) copy.revert(pending.get(i).change());
        return new ArrayList<>(copy.elements());
    }

    public void leave(Connection conn) {
        if (conn.participant == null || connections.remove(conn.participant.id()) == null) return;
        stats.connections.decrementAndGet();
        presence.remove(conn.participant.id());
        presenceDirty.remove(conn.participant.id());
        broadcast(new ServerMessage.Left(conn.participant.id()));
        if (connections.isEmpty()) {
            maybeSnapshot(true);
            scheduleUnloadIfEmpty();
        }
    }

    // ------------------------------------------------------------------ edits

    public void ops(Connection conn, ClientMessage.Ops msg) {
        Long last = clientCids.get(conn.client);
        if (last != null && msg.cid() <= last) {
            conn.send(new ServerMessage.Ack(msg.cid(), true));
            return;
        }
        Document.Change change;
        try {
            change = doc.apply(msg.ops(), conn.role, limits);
        } catch (ProtocolException e) {
            stats.rejected(e.code());
            conn.send(new ServerMessage.Rejected(msg.cid(), e.code(), e.getMessage()));
            return;
        }
        var applied = new Applied(++seq, conn.participant.id(), conn.client, msg.cid(), msg.ops());
        Long previous = clientCids.put(conn.client, msg.cid());
        queued.add(new Sequenced(applied, change, conn, previous));
        writeQueued();
    }

    /** Starts writing everything queued, unless a write is under way (its completion starts the next). */
    private void writeQueued() {
        if (!inFlight.isEmpty() || queued.isEmpty()) return;
        inFlight = new ArrayList<>(queued);
        queued.clear();
        var batch = new ArrayList<Applied>(inFlight.size());
        for (Sequenced s : inFlight) batch.add(s.applied());
        long started = System.nanoTime();
        onContext(store.append(meta.id(), batch), ar -> {
            stats.appendNanos(System.nanoTime() - started);
            if (ar.succeeded()) written();
            else writeFailed(ar.cause());
        });
    }

    private void written() {
        List<Sequenced> batch = inFlight;
        inFlight = List.of();
        for (Sequenced s : batch) {
            durableSeq = s.applied().seq();
            rememberInTail(s.applied());
            Buffer encoded = Buffer.buffer(MessageCodec.encode(s.applied()));
            for (Connection c : connections.values()) c.sendShared(encoded);
            stats.opsApplied.incrementAndGet();
            stats.broadcastBytes.addAndGet((long) encoded.length() * connections.size());
        }
        writeQueued();
        maybeSnapshot(false);
    }

    private void writeFailed(Throwable cause) {
        var failed = new ArrayList<Sequenced>(inFlight);
        failed.addAll(queued);
        inFlight = List.of();
        queued.clear();
        LOG.log(System.Logger.Level.WARNING, "board " + meta.id() + ": could not save " + failed.size() + " op message(s), rejecting them: " + cause);
        for (int i = failed.size() - 1; i >= 0; i--) {
            Sequenced s = failed.get(i);
            doc.revert(s.change());
            if (s.previousCid() == null) clientCids.remove(s.applied().client());
            else clientCids.put(s.applied().client(), s.previousCid());
        }
        seq = durableSeq;
        for (Sequenced s : failed) {
            stats.rejected(STORE_UNAVAILABLE);
            s.from().send(new ServerMessage.Rejected(s.applied().cid(), STORE_UNAVAILABLE,
                    "the board could not be saved just now; your edit is kept and will be sent again"));
        }
    }

    private void rememberInTail(Applied a) {
        tail.addLast(a);
        while (tail.size() > config.resumeTail()) tail.removeFirst();
    }

    // ------------------------------------------------------------------ presence

    public void presence(Connection conn, ClientMessage.Presence msg) {
        String id = conn.participant.id();
        presence.computeIfAbsent(id, k -> JsonNodeFactory.instance.objectNode().put("id", k)).setAll(msg.fields());
        presenceDirty.computeIfAbsent(id, k -> JsonNodeFactory.instance.objectNode().put("id", k)).setAll(msg.fields());
        if (presenceTimer == -1) {
            presenceTimer = vertx.setTimer(1000 / 30, t -> flushPresence());
        }
    }

    /** At most 30 flushes a second; a socket that can't keep up skips frames (never ops). */
    private void flushPresence() {
        presenceTimer = -1;
        if (presenceDirty.isEmpty()) return;
        Buffer encoded = Buffer.buffer(MessageCodec.encode(new ServerMessage.Presence(new ArrayList<>(presenceDirty.values()))));
        presenceDirty.clear();
        for (Connection c : connections.values()) {
            if (c.writeQueueFull()) stats.presenceDropped.incrementAndGet();
            else c.sendShared(encoded);
        }
    }

    // ------------------------------------------------------------------ housekeeping

    private void broadcast(ServerMessage m) {
        if (connections.isEmpty()) return;
        Buffer encoded = Buffer.buffer(MessageCodec.encode(m));
        for (Connection c : connections.values()) c.sendShared(encoded);
    }

    private void pingAll() {
        long now = System.nanoTime();
        long idle = config.idleTimeout().toNanos();
        for (Connection c : List.copyOf(connections.values())) {
            if (now - c.lastSeen > idle) {
                LOG.log(System.Logger.Level.INFO, "board " + meta.id() + ": closing silent connection " + c.participant.id());
                c.ws.close((short) 1001, "idle timeout");
                leave(c);
            } else {
                c.ws.writePing(Buffer.buffer());
            }
        }
    }

    /**
     * Snapshots when enough ops piled up, or when {@code soon} and anything is unsnapshotted, provided no
     * write is under way (a snapshot must hold exactly the ops up to its seq).
     */
    private void maybeSnapshot(boolean soon) {
        if (snapshotting || closed || !queued.isEmpty() || !inFlight.isEmpty()) return;
        long pending = durableSeq - snapshotSeq;
        if (pending == 0 || (!soon && pending < config.snapshotEvery() && !connections.isEmpty())) return;
        snapshotting = true;
        var snap = new Snapshot(durableSeq, new ArrayList<>(doc.elements()), Map.copyOf(clientCids));
        onContext(store.snapshot(meta.id(), snap), ar -> {
            snapshotting = false;
            if (ar.succeeded()) {
                snapshotSeq = snap.seq();
            } else {
                LOG.log(System.Logger.Level.WARNING, "board " + meta.id() + ": snapshot failed, will retry: " + ar.cause());
            }
        });
    }

    private void scheduleUnloadIfEmpty() {
        if (connections.isEmpty() && idleTimer == -1 && !closed) {
            idleTimer = vertx.setTimer(config.roomIdle().toMillis(), t -> {
                idleTimer = -1;
                tryUnload();
            });
        }
    }

    private void cancelUnload() {
        if (idleTimer != -1) {
            vertx.cancelTimer(idleTimer);
            idleTimer = -1;
        }
    }

    /** Unloads once empty and fully snapshotted; the board's next join loads it afresh. */
    private void tryUnload() {
        if (closed || !connections.isEmpty()) return;
        if (durableSeq != snapshotSeq || snapshotting || !queued.isEmpty() || !inFlight.isEmpty()) {
            maybeSnapshot(true);
            idleTimer = vertx.setTimer(1000, t -> {
                idleTimer = -1;
                tryUnload();
            });
            return;
        }
        close();
    }

    /** Stops the room: from here on it refuses hellos, which makes callers look up the board afresh. */
    Future<Void> close() {
        if (closed) return Future.succeededFuture();
        closed = true;
        vertx.cancelTimer(pingTimer);
        vertx.cancelTimer(snapshotTimer);
        cancelUnload();
        rooms.forget(meta.id(), this);
        return store.release(meta.id());
    }

    /** Runs the completion of {@code f} on this room's context, whichever thread completed it. */
    private <T> void onContext(Future<T> f, io.vertx.core.Handler<AsyncResult<T>> handler) {
        f.onComplete(ar -> {
            if (Vertx.currentContext() == context) handler.handle(ar);
            else context.runOnContext(v -> handler.handle(ar));
        });
    }

    /** Counters the whole server shares across rooms (read by /health and /metrics). */
    public static final class RoomStats {
        public final AtomicLong connections = new AtomicLong();
        public final AtomicLong opsApplied = new AtomicLong();
        public final AtomicLong broadcastBytes = new AtomicLong();
        public final AtomicLong presenceDropped = new AtomicLong();
        public final Map<dev.journeyboard.protocol.ErrorCode, AtomicLong> rejectedByCode = new java.util.concurrent.ConcurrentHashMap<>();
        public final AtomicLong appendCount = new AtomicLong();
        public final AtomicLong appendNanosTotal = new AtomicLong();

        void rejected(dev.journeyboard.protocol.ErrorCode code) {
            rejectedByCode.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
        }

        void appendNanos(long nanos) {
            appendCount.incrementAndGet();
            appendNanosTotal.addAndGet(nanos);
        }

        public double meanAppendMillis() {
            long n = appendCount.get();
            return n == 0 ? 0 : appendNanosTotal.get() / (double) n / TimeUnit.MILLISECONDS.toNanos(1);
        }
    }
}
