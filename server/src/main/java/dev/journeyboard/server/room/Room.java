package dev.journeyboard.server.room;

import static dev.journeyboard.protocol.ErrorCode.STORE_UNAVAILABLE;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Actor;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.board.Limits;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.FacilitatorAction;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.Participant;
import dev.journeyboard.protocol.message.ServerMessage.Applied;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.ServerConfig;
import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.board.Tokens;
import dev.journeyboard.server.store.BoardStore;
import dev.journeyboard.server.store.Snapshot;
import dev.journeyboard.server.store.StoredBoard;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    private static final Limits REPLAY = Limits.UNLIMITED;
    private static final String[] COLORS = {"#e8590c", "#1971c2", "#2f9e44", "#c2255c", "#6741d9", "#0c8599",
            "#f08c00", "#5c940d", "#d6336c", "#364fc7", "#087f5b", "#862e9c"};

    /**
     * An edit that has its seq but is not durable yet.
     *
     * @param from    the sender, null for edits the room makes itself (vote totals, reveals)
     * @param views   when private elements are involved: what each owner (key) and everyone else (null) is sent
     * @param then    runs once the edit is durable and broadcast, or null
     */
    private record Sequenced(Applied applied, List<Document.Change> changes, Connection from, Long previousCid,
                             Map<String, Buffer> views, Runnable then) {}

    /** The client id of edits the room makes itself; never a valid client id, so it can't collide. */
    static final String SERVER_CLIENT = "@server";

    private final Vertx vertx;
    private final Context context;
    private final BoardStore store;
    private final ServerConfig config;
    private final Limits limits;
    private final Rooms rooms;
    private final RoomStats stats;
    private volatile BoardMeta meta;
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
    private final SessionState session = new SessionState();
    /** Tabs the facilitator removed: they can't rejoin while the room is loaded. */
    private final Set<String> removedClients = new HashSet<>();
    /** Resumes from before this seq get a (filtered) snapshot: the ops after it may hold private elements. */
    private long lastPrivateSeq;
    /** The board's elements as JSON at {@code encodedElementsSeq}, shared by the welcomes of that seq. */
    private String encodedElements;
    private long encodedElementsSeq = -1;
    private long serverCid;

    private long idleTimer = -1;
    private final long pingTimer;
    private final long snapshotTimer;
    /** Renews this server's lease on the board (stores shared by several servers); -1 when the store has none. */
    private final long leaseTimer;
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
                doc.apply(a.ops(), Actor.SERVER, REPLAY); // throws on a log that does not fit: the load fails loudly
                clientCids.put(a.client(), a.cid());
                seq = a.seq();
            }
            rememberInTail(a);
        }
        this.durableSeq = seq;
        this.snapshotSeq = snap.seq();
        if (Privacy.anyPrivate(doc.elements()) || stored.log().stream().anyMatch(a -> a.client().equals(SERVER_CLIENT))) {
            lastPrivateSeq = seq;
        }
        this.pingTimer = vertx.setPeriodic(config.pingInterval().toMillis(), t -> pingAll());
        this.snapshotTimer = vertx.setPeriodic(config.snapshotInterval().toMillis(), t -> maybeSnapshot(true));
        this.leaseTimer = store.leaseRenewMillis() <= 0 ? -1 : vertx.setPeriodic(store.leaseRenewMillis(),
                t -> onContext(store.renewLease(meta.id()), ar -> {
                    if (ar.succeeded() && !ar.result()) evict("board is served by another server");
                    // a failed renewal means the store is unreachable: keep going, writes fail meanwhile
                }));
        scheduleUnloadIfEmpty();
    }

    /** Loads a board on the calling context, which becomes the room's. Fails if the board can't be loaded. */
    static Future<Room> load(Vertx vertx, String boardId, BoardStore store, ServerConfig config, Rooms rooms, RoomStats stats) {
        Context context = vertx.getOrCreateContext();
        return store.acquireLease(boardId).compose(mine -> mine ? store.load(boardId)
                : Future.failedFuture(new ProtocolException(ErrorCode.BOARD_UNAVAILABLE,
                        "board is served by another server"))).map(stored -> {
            if (stored == null) throw new ProtocolException(ErrorCode.BOARD_NOT_FOUND, "no board '" + boardId + "'");
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
        if (removedClients.contains(hello.client())) {
            conn.closeWith(ErrorCode.FORBIDDEN, "the facilitator removed you from this board", (short) 4403);
            return true;
        }
        cancelUnload();
        int n = nextParticipant++;
        conn.client = hello.client();
        conn.participant = new Participant("p" + n, hello.name(), COLORS[(n - 1) % COLORS.length], conn.role);

        ServerMessage.Snapshot snapshot = null;
        String elementsJson = null;
        List<Applied> missed = null;
        Long last = hello.lastSeq();
        long oldestInTail = tail.isEmpty() ? durableSeq + 1 : tail.getFirst().seq();
        if (last != null && last <= durableSeq && last >= oldestInTail - 1 && last >= lastPrivateSeq) {
            missed = new ArrayList<>();
            for (Applied a : tail) if (a.seq() > last) missed.add(a);
        } else if (queued.isEmpty() && inFlight.isEmpty() && (lastPrivateSeq == 0 || !Privacy.anyPrivate(doc.elements()))) {
            // everyone is sent the same board: encode it once per seq, not once per join
            if (encodedElementsSeq != durableSeq) {
                encodedElements = MessageCodec.encodeElements(doc.elements());
                encodedElementsSeq = durableSeq;
            }
            snapshot = new ServerMessage.Snapshot(durableSeq, List.of());
            elementsJson = encodedElements;
        } else {
            snapshot = new ServerMessage.Snapshot(durableSeq, Privacy.visibleTo(durableElements(), conn.client));
        }
        var welcome = new ServerMessage.Welcome(MessageCodec.VERSION,
                new ServerMessage.BoardInfo(meta.id(), meta.title(), meta.template()), conn.participant,
                connections.values().stream().map(c -> c.participant).toList(), durableSeq, snapshot, missed,
                new ServerMessage.LimitsInfo(config.maxFrameBytes(), config.opsPerSecond(), config.maxElements(), config.maxTextLength()));
        conn.sendText(MessageCodec.encodeWelcome(welcome, elementsJson));
        broadcast(new ServerMessage.Joined(conn.participant));
        connections.put(conn.participant.id(), conn);
        stats.connections.incrementAndGet();
        if (!presence.isEmpty()) {
            conn.send(new ServerMessage.Presence(visiblePresence(presence.values())));
        }
        conn.send(session.message());
        if (session.vote != null) conn.send(session.votesMessage(conn.client));
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
        for (int i = pending.size() - 1; i >= 0; i--) {
            var changes = pending.get(i).changes();
            for (int c = changes.size() - 1; c >= 0; c--) copy.revert(changes.get(c));
        }
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
            // a re-send after a reconnect; if the original is still being written, its applied (or its
            // rejection) reaches this connection too, so only an already durable original is acked here
            if (!stillWriting(conn.client, msg.cid())) conn.send(new ServerMessage.Ack(msg.cid(), true));
            return;
        }
        Map<String, String> before = ownersBefore(msg.ops());
        var changes = new ArrayList<Document.Change>(2);
        List<Op> ops = msg.ops();
        try {
            changes.add(doc.apply(ops, new Actor(conn.role, conn.client, session.boardLocked), limits));
        } catch (ProtocolException e) {
            stats.rejected(e.code());
            conn.send(new ServerMessage.Rejected(msg.cid(), e.code(), e.getMessage()));
            return;
        }
        if (session.privateWriting) {
            // what is written now is seen by its author only, until the facilitator reveals it
            var mark = new ArrayList<Op>();
            for (var op : Privacy.flatten(ops)) {
                if (op instanceof Op.Create c && c.type() != ElementType.STAGE
                        && c.type() != ElementType.LANE && doc.get(c.id()) != null) {
                    mark.add(new Op.Update(c.id(),
                            JsonNodeFactory.instance.objectNode().put("private", conn.client), List.of()));
                }
            }
            if (!mark.isEmpty()) {
                changes.add(doc.apply(mark, Actor.SERVER, REPLAY));
                var all = new ArrayList<>(ops);
                all.addAll(mark);
                ops = List.copyOf(all);
            }
        }
        Long previous = clientCids.put(conn.client, msg.cid());
        sequence(new Applied(++seq, conn.participant.id(), conn.client, msg.cid(), ops), changes, conn, previous, before, null);
    }

    private boolean stillWriting(String client, long cid) {
        for (Sequenced s : inFlight) if (s.applied().cid() == cid && s.applied().client().equals(client)) return true;
        for (Sequenced s : queued) if (s.applied().cid() == cid && s.applied().client().equals(client)) return true;
        return false;
    }

    /** Owners of the elements these ops touch, before they apply: id -> owner client, "" for public. */
    private Map<String, String> ownersBefore(List<Op> ops) {
        var out = new HashMap<String, String>();
        for (var op : Privacy.flatten(ops)) {
            Element e = doc.get(op.id());
            if (e != null) {
                String o = Privacy.owner(e);
                out.put(e.id(), o == null ? "" : o);
            }
        }
        return out;
    }

    /** Queues an applied edit for the store; works out now what each participant will be shown of it. */
    private void sequence(Applied applied, List<Document.Change> changes, Connection from, Long previousCid,
                          Map<String, String> before, Runnable then) {
        Map<String, Buffer> views = null;
        var perViewer = Privacy.views(applied.ops(), before, doc);
        if (perViewer != null) {
            lastPrivateSeq = applied.seq();
            views = new HashMap<>();
            for (var v : perViewer.entrySet()) {
                views.put(v.getKey(), Buffer.buffer(MessageCodec.encode(new Applied(applied.seq(), applied.author(),
                        applied.client(), applied.cid(), v.getValue()))));
            }
        }
        queued.add(new Sequenced(applied, changes, from, previousCid, views, then));
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
        // everything this write made durable goes out as one frame per socket (a batch when several),
        // except edits touching private elements, whose frames differ per participant
        var run = new ArrayList<byte[]>();
        for (Sequenced s : batch) {
            durableSeq = s.applied().seq();
            rememberInTail(s.applied());
            stats.opsApplied.incrementAndGet();
            if (s.views() == null) {
                run.add(MessageCodec.encode(s.applied()));
                continue;
            }
            broadcastRun(run);
            for (Connection c : connections.values()) {
                Buffer view = s.views().getOrDefault(c.client, s.views().get(null));
                c.sendShared(view);
                stats.broadcastBytes.addAndGet(view.length());
            }
        }
        broadcastRun(run);
        for (Sequenced s : batch) {
            if (s.then() != null) s.then().run();
        }
        writeQueued();
        maybeSnapshot(false);
    }

    /** Sends encoded {@code applied} messages to everyone, one frame per socket; empties the list. */
    private void broadcastRun(List<byte[]> run) {
        if (run.isEmpty()) return;
        Buffer frame = Buffer.buffer(run.size() == 1 ? run.getFirst() : MessageCodec.encodeBatch(run));
        for (Connection c : connections.values()) c.sendShared(frame);
        stats.broadcastBytes.addAndGet((long) frame.length() * connections.size());
        run.clear();
    }

    private void writeFailed(Throwable cause) {
        var failed = new ArrayList<Sequenced>(inFlight);
        failed.addAll(queued);
        inFlight = List.of();
        queued.clear();
        LOG.log(System.Logger.Level.WARNING, "board " + meta.id() + ": could not save " + failed.size() + " op message(s), rejecting them: " + cause);
        for (int i = failed.size() - 1; i >= 0; i--) {
            Sequenced s = failed.get(i);
            for (int c = s.changes().size() - 1; c >= 0; c--) doc.revert(s.changes().get(c));
            if (s.previousCid() == null) clientCids.remove(s.applied().client());
            else clientCids.put(s.applied().client(), s.previousCid());
        }
        seq = durableSeq;
        for (Sequenced s : failed) {
            stats.rejected(STORE_UNAVAILABLE);
            if (s.from() == null) continue; // the room's own edit (vote totals, a reveal): the facilitator can redo it
            var rejected = new ServerMessage.Rejected(s.applied().cid(), STORE_UNAVAILABLE,
                    "the board could not be saved just now; your edit is kept and will be sent again");
            // to the sender, and to the same tab's newer connection if it reconnected meanwhile
            for (Connection c : connections.values()) {
                if (c != s.from() && s.applied().client().equals(c.client)) c.send(rejected);
            }
            s.from().send(rejected);
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
        Buffer encoded = Buffer.buffer(MessageCodec.encode(new ServerMessage.Presence(visiblePresence(presenceDirty.values()))));
        presenceDirty.clear();
        for (Connection c : connections.values()) {
            if (c.writeQueueFull()) stats.presenceDropped.incrementAndGet();
            else c.sendShared(encoded);
        }
    }

    /** Presence as participants may see it: while cursors are hidden, only facilitators' cursors travel. */
    private List<ObjectNode> visiblePresence(Collection<ObjectNode> states) {
        var peers = new ArrayList<ObjectNode>(states);
        if (session.cursorsHidden) {
            peers.replaceAll(p -> {
                Connection c = connections.get(p.get("id").textValue());
                return c != null && c.role == Role.FACILITATOR ? p : (ObjectNode) p.deepCopy().without("cursor");
            });
        }
        return peers;
    }

    // ------------------------------------------------------------------ facilitation

    /** A facilitator's action. Anyone else is refused: the server, not the client, enforces roles. */
    public void facilitate(Connection conn, FacilitatorAction action) {
        if (conn.role != Role.FACILITATOR) {
            stats.rejected(ErrorCode.FORBIDDEN);
            conn.send(new ServerMessage.Error(ErrorCode.FORBIDDEN,
                    action.name() + ": only a facilitator may do this"));
            return;
        }
        long now = System.currentTimeMillis();
        switch (action) {
            case FacilitatorAction.TimerStart t -> {
                session.durationMs = t.durationMs();
                startTimer(t.durationMs());
            }
            case FacilitatorAction.TimerPause t -> {
                if (!session.timerState.equals("running")) { refuse(conn, "timer.pause: the timer is not running"); return; }
                cancelTimer();
                session.remainingMs = Math.max(0, session.endsAt - now);
                session.timerState = "paused";
            }
            case FacilitatorAction.TimerResume t -> {
                if (!session.timerState.equals("paused")) { refuse(conn, "timer.resume: the timer is not paused"); return; }
                startTimer(session.remainingMs);
            }
            case FacilitatorAction.TimerAdd t -> {
                switch (session.timerState) {
                    case "running" -> {
                        session.durationMs += t.ms();
                        startTimer(session.endsAt - now + t.ms());
                    }
                    case "paused" -> {
                        session.durationMs += t.ms();
                        session.remainingMs += t.ms();
                    }
                    default -> { refuse(conn, "timer.add: no timer is running or paused"); return; }
                }
            }
            case FacilitatorAction.TimerStop t -> {
                cancelTimer();
                session.timerState = "idle";
                session.remainingMs = 0;
            }
            case FacilitatorAction.VoteOpen v -> {
                for (String lane : v.lanes()) {
                    Element e = doc.get(lane);
                    if (e == null || e.type() != ElementType.LANE) {
                        refuse(conn, "vote.open: '" + lane + "' is not a lane");
                        return;
                    }
                }
                session.vote = new ServerMessage.VoteInfo(v.lanes(), v.votesPerPerson(), v.multiplePerCard());
                session.votes.clear();
                broadcastSession();
                for (Connection c : connections.values()) c.send(session.votesMessage(c.client));
                return;
            }
            case FacilitatorAction.VoteClose v -> {
                if (session.vote == null) { refuse(conn, "vote.close: no vote is open"); return; }
                closeVote(conn);
                return;
            }
            case FacilitatorAction.Follow f -> session.follow = f.on() ? conn.participant.id() : null;
            case FacilitatorAction.PrivateWriting p -> {
                session.privateWriting = p.on();
                if (!p.on()) reveal(conn);
            }
            case FacilitatorAction.LockBoard l -> session.boardLocked = l.locked();
            case FacilitatorAction.HideCursors h -> session.cursorsHidden = h.hidden();
            case FacilitatorAction.SetRole r -> {
                Connection target = connections.get(r.participant());
                if (target == null) { refuse(conn, "participant.role: no participant '" + r.participant() + "'"); return; }
                target.role = r.role();
                target.participant = new Participant(target.participant.id(), target.participant.name(), target.participant.color(), r.role());
                broadcast(new ServerMessage.ParticipantChanged(target.participant));
                return;
            }
            case FacilitatorAction.Remove r -> {
                Connection target = connections.get(r.participant());
                if (target == null) { refuse(conn, "participant.remove: no participant '" + r.participant() + "'"); return; }
                removedClients.add(target.client);
                target.closeWith(ErrorCode.FORBIDDEN, "the facilitator removed you from this board", (short) 4403);
                leave(target);
                return;
            }
            case FacilitatorAction.RotateLinks r -> {
                rotateLinks(conn);
                return;
            }
        }
        broadcastSession();
    }

    private void refuse(Connection conn, String message) {
        stats.rejected(ErrorCode.INVALID_VALUE);
        conn.send(new ServerMessage.Error(ErrorCode.INVALID_VALUE, message));
    }

    private void broadcastSession() {
        broadcast(session.message());
    }

    private void startTimer(long ms) {
        cancelTimer();
        session.timerState = "running";
        session.endsAt = System.currentTimeMillis() + ms;
        session.timerId = vertx.setTimer(Math.max(1, ms), t -> {
            session.timerId = -1;
            session.timerState = "ended";
            session.remainingMs = 0;
            broadcastSession(); // every client shows its gentle end signal on this
        });
    }

    private void cancelTimer() {
        if (session.timerId != -1) {
            vertx.cancelTimer(session.timerId);
            session.timerId = -1;
        }
    }

    /** A dot on a card, or one taken back. Secret until the close: others only learn how many dots were cast. */
    public void vote(Connection conn, ClientMessage.Vote v) {
        var code = ErrorCode.INVALID_VALUE;
        String problem = null;
        Element card = doc.get(v.card());
        Map<String, Integer> mine = session.votes.computeIfAbsent(conn.client, k -> new HashMap<>());
        int used = mine.values().stream().mapToInt(Integer::intValue).sum();
        int onCard = mine.getOrDefault(v.card(), 0);
        if (!conn.role.mayEdit()) {
            code = ErrorCode.FORBIDDEN;
            problem = "a viewer does not vote";
        } else if (session.vote == null) {
            problem = "no vote is open";
        } else if (card == null || !Privacy.visibleTo(List.of(card), conn.client).contains(card)) {
            code = ErrorCode.ELEMENT_NOT_FOUND;
            problem = "no card '" + v.card() + "'";
        } else if (card.type() != ElementType.CARD || !session.vote.lanes().contains(card.parent())) {
            problem = "'" + v.card() + "' is not a card in the lanes being voted on";
        } else if (v.delta() > 0 && used >= session.vote.votesPerPerson()) {
            problem = "all your " + session.vote.votesPerPerson() + " votes are used";
        } else if (v.delta() > 0 && onCard > 0 && !session.vote.multiplePerCard()) {
            problem = "one vote per card in this vote";
        } else if (v.delta() < 0 && onCard == 0) {
            problem = "you have no vote on this card";
        }
        if (problem != null) {
            stats.rejected(code);
            conn.send(new ServerMessage.Error(code, "vote: " + problem));
            return;
        }
        if (onCard + v.delta() == 0) mine.remove(v.card());
        else mine.put(v.card(), onCard + v.delta());
        for (Connection c : connections.values()) c.send(session.votesMessage(c.client));
    }

    /** Totals go onto the cards as an edit (so they are saved and in the history), then the ranking to all. */
    private void closeVote(Connection facilitator) {
        var ranked = session.ranked();
        Map<String, Integer> totals = new HashMap<>();
        ranked.forEach(r -> totals.put(r.card(), r.votes()));
        var ops = new ArrayList<Op>();
        for (Element e : doc.elements()) {
            if (e.type() != ElementType.CARD || !session.vote.lanes().contains(e.parent())) continue;
            int total = totals.getOrDefault(e.id(), 0);
            if (total > 0 || e.props().has("votes")) {
                ops.add(new Op.Update(e.id(),
                        JsonNodeFactory.instance.objectNode().put("votes", total), List.of()));
            }
        }
        session.vote = null;
        session.votes.clear();
        var result = new ServerMessage.VoteResult(ranked);
        Runnable announce = () -> {
            broadcastSession();
            broadcast(result);
        };
        if (ops.isEmpty()) {
            announce.run();
            return;
        }
        roomEdit(facilitator, ops, announce);
    }

    /** Private writing ends: everyone's private elements become public, in one edit. */
    private void reveal(Connection facilitator) {
        var ops = new ArrayList<Op>();
        for (Element e : doc.elements()) {
            if (Privacy.owner(e) != null) ops.add(new Op.Update(e.id(),
                    JsonNodeFactory.instance.objectNode(), List.of("private")));
        }
        if (!ops.isEmpty()) roomEdit(facilitator, ops, null);
    }

    /** An edit the room makes on a facilitator's behalf; it travels, and is saved, like any other. */
    private void roomEdit(Connection facilitator, List<Op> ops, Runnable then) {
        Map<String, String> before = ownersBefore(ops);
        var change = doc.apply(ops, Actor.SERVER, REPLAY);
        sequence(new Applied(++seq, facilitator.participant.id(), SERVER_CLIENT, ++serverCid, ops), List.of(change), null, null, before, then);
    }

    /** New links for every role; sockets opened with the old ones (facilitators' aside) are closed. */
    private void rotateLinks(Connection facilitator) {
        var issued = Tokens.issue();
        BoardMeta next = new BoardMeta(meta.id(), meta.title(), meta.template(), meta.createdAt(), issued.hashes());
        onContext(store.saveMeta(next), ar -> {
            if (ar.failed()) {
                facilitator.send(new ServerMessage.Error(STORE_UNAVAILABLE, "links.rotate: the new links could not be saved; the old ones still work"));
                return;
            }
            meta = next;
            var links = issued.links((config.publicUrl() == null ? "" : config.publicUrl()) + "/b/" + meta.id() + "#t=");
            var tokenMap = issued.links("");
            for (Connection c : List.copyOf(connections.values())) {
                if (c.role == Role.FACILITATOR) {
                    c.send(new ServerMessage.Links(links, tokenMap));
                } else {
                    c.closeWith(ErrorCode.UNAUTHORIZED, "the facilitator replaced the board's links; ask for the new one",
                            (short) 4401);
                    leave(c);
                }
            }
        });
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
        cancelTimer();
        if (leaseTimer != -1) vertx.cancelTimer(leaseTimer);
        cancelUnload();
        rooms.forget(meta.id(), this);
        // a lease that can't be released (store unreachable) lapses by itself
        return store.releaseLease(meta.id()).recover(e -> Future.succeededFuture()).compose(v -> store.release(meta.id()));
    }

    /**
     * Another server took the board (its lease): this one must not serve it. Tells every participant why and
     * closes their sockets (status 4503, as for any unavailable board) so they reconnect, then closes the room.
     */
    void evict(String reason) {
        if (closed) return;
        LOG.log(System.Logger.Level.WARNING, "board " + meta.id() + ": " + reason + "; closing its " + connections.size() + " connection(s)");
        for (Connection c : List.copyOf(connections.values())) {
            c.closeWith(ErrorCode.BOARD_UNAVAILABLE, reason, (short) 4503);
        }
        close();
    }

    /** Runs the completion of {@code f} on this room's context, whichever thread completed it. */
    private <T> void onContext(Future<T> f, Handler<AsyncResult<T>> handler) {
        f.onComplete(ar -> {
            if (Vertx.currentContext() == context) handler.handle(ar);
            else context.runOnContext(v -> handler.handle(ar));
        });
    }
}
