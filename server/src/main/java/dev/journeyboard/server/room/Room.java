package dev.journeyboard.server.room;

import static dev.journeyboard.protocol.ErrorCode.BAD_MESSAGE;

import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Actor;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.Limits;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.ServerConfig;
import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.store.BoardStore;
import dev.journeyboard.server.store.Snapshot;
import dev.journeyboard.server.store.StoredBoard;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One board, live: the sync core. Loads the board and replays its log, lets participants join and leave,
 * takes their edits through {@code Document.apply} into the {@link OpPipeline} (durable, then broadcast),
 * welcomes joiners ({@link Welcome}), relays presence ({@link PresenceRelay}) and keeps the room's timers
 * (snapshots, unloading, the store lease). Workshop features sit beside it behind the {@link RoomFeature} hooks.
 *
 * <p>Confined to one Vert.x context, so nothing here is locked; other threads reach it through {@link #post}.
 * An edit is validated and applied at once (later edits validate against it) but broadcast only once durable.
 */
public final class Room {
    private static final System.Logger LOG = System.getLogger(Room.class.getName());

    private final Vertx vertx;
    private final RoomExecutor executor;
    private final BoardStore store;
    private final ServerConfig config;
    private final Limits limits;
    private final Rooms rooms;
    private final RoomStats stats;
    private volatile BoardMeta meta;
    private final Document doc;
    private final Members members;
    private final OpPipeline pipeline;
    private final Welcome welcome;
    private final PresenceRelay presence;
    private final RoomFeature feature;
    /** The feature's saves (RoomActions.persist), one at a time. */
    private final FeatureState featureState;
    private final Actions actions = new Actions();
    /** Recent refusals per tab and cid, answered again to a re-send. */
    private final CidOutcomes outcomes;

    private final RoomSnapshots snapshots;
    private long unloadTimer = -1;
    private final long snapshotTimer;
    /** Renews this server's lease on the board (stores shared by several servers); -1 when the store has none. */
    private final long leaseTimer;
    private boolean closed;

    private Room(Vertx vertx, RoomExecutor executor, BoardStore store, ServerConfig config, Rooms rooms, RoomStats stats,
                 StoredBoard stored, Map<String, byte[]> featureStates, Function<RoomActions, RoomFeature> features) {
        this.vertx = vertx;
        this.executor = executor;
        this.members = new Members(executor.writes());
        this.store = store;
        this.config = config;
        this.limits = config.limits();
        this.rooms = rooms;
        this.stats = stats;
        this.meta = stored.meta();
        Snapshot snap = stored.snapshot();
        this.doc = Document.of(snap.elements());
        this.pipeline = new OpPipeline(meta.id(), doc, snap, store, executor, members, stats, config.resumeTail(),
                config.earlyBroadcast() && config.redisUrl() == null, // relays read durable ops only
                config.appendPacingMicros(), () -> maybeSnapshot(false));
        pipeline.replay(stored.log());
        this.outcomes = new CidOutcomes(2 * config.resumeTail());
        outcomes.restore(snap.rejections());
        this.snapshots = new RoomSnapshots(meta.id(), store, executor, pipeline, outcomes, doc, config.snapshotEvery(), snap.seq());
        this.welcome = new Welcome(doc, pipeline, new ServerMessage.LimitsInfo(config.maxFrameBytes(), config.opsPerSecond(),
                config.maxElements(), config.maxTextLength()));
        this.feature = features.apply(actions);
        FeatureState.restore(meta.id(), feature, featureStates);
        this.featureState = new FeatureState(store, meta.id(), feature, executor);
        this.presence = new PresenceRelay(vertx, members, stats, feature::presence, doc::get);
        this.snapshotTimer = vertx.setPeriodic(config.snapshotInterval().toMillis(), t -> maybeSnapshot(true));
        this.leaseTimer = store.leaseRenewMillis() <= 0 ? -1 : vertx.setPeriodic(store.leaseRenewMillis(),
                t -> executor.onComplete(store.renewLease(meta.id()), ar -> {
                    if (ar.succeeded() && !ar.result()) evict("board is served by another server");
                    // a failed renewal means the store is unreachable: keep going, writes fail meanwhile
                }));
        scheduleUnloadIfEmpty();
    }

    /** Loads a board on the calling context, which becomes the room's. Fails if the board can't be loaded. */
    static Future<Room> load(Vertx vertx, String boardId, BoardStore store, ServerConfig config, Rooms rooms, RoomStats stats,
                             Function<RoomActions, RoomFeature> features) {
        var executor = new RoomExecutor(vertx.getOrCreateContext());
        return store.acquireLease(boardId).compose(mine -> mine ? store.load(boardId)
                : Future.failedFuture(new ProtocolException(ErrorCode.BOARD_UNAVAILABLE,
                        "board is served by another server"))).compose(stored -> {
            if (stored == null) throw new ProtocolException(ErrorCode.BOARD_NOT_FOUND, "no board '" + boardId + "'");
            return store.loadFeatureStates(boardId).map(states -> new Room(vertx, executor, store, config, rooms, stats, stored, states, features));
        });
    }

    public BoardMeta meta() {
        return meta;
    }

    /** Runs {@code action} on the room's context. */
    public void post(Runnable action) {
        executor.post(action);
    }

    RoomExecutor executor() {
        return executor;
    }

    /** Runs {@code work} on the room's context with what features may do (a board call that changes the metadata). */
    public <T> Future<T> act(Function<RoomActions, Future<T>> work) {
        return executor.submit(() -> work.apply(actions)).compose(f -> f);
    }

    /**
     * Runs {@code reader} on the room's context against a copy of the durable document (what has been made
     * durable and broadcast; private elements included, so filter with care) and completes with its result, on
     * the caller's context when there is one (so that the caller's work on the result never holds up the room).
     */
    public <T> Future<T> read(Function<Document, T> reader) {
        Context caller = Vertx.currentContext();
        Future<T> result = executor.submit(() -> reader.apply(pipeline.durableDocument()));
        if (caller == null) return result;
        Promise<T> back = Promise.promise();
        result.onComplete(ar -> caller.runOnContext(v -> back.handle(ar)));
        return back.future();
    }

    /**
     * An edit the server makes from outside the room, for an integration (metric pushes, feedback summaries):
     * {@code makeOps} runs on the room's context against the live document and returns the ops, or throws a
     * {@link ProtocolException} (then nothing is applied). They are applied as {@link Actor#SERVER} (no role, lock
     * or scope applies; the server-only props may be written) within the board's element and text limits,
     * sequenced, made durable and broadcast like any edit: {@code author} is the {@code applied}'s author, its client
     * {@code @server}, so no participant's undo covers it. Completes, on the caller's context, with the edit's seq
     * once it is durable and broadcast (with the durable seq when there was nothing to do); fails with the refusal,
     * with STORE_UNAVAILABLE if it could not be saved (it was taken back), or BOARD_UNAVAILABLE if the room closed.
     */
    public Future<Long> serverEdit(String author, Function<Document, List<Op>> makeOps) {
        Context caller = Vertx.currentContext();
        Promise<Long> done = Promise.promise();
        post(() -> {
            try {
                if (closed) throw new ProtocolException(ErrorCode.BOARD_UNAVAILABLE, "the board was just unloaded; try again");
                List<Op> ops = makeOps.apply(doc);
                if (ops.isEmpty()) {
                    done.complete(pipeline.durableSeq());
                    return;
                }
                var before = Privacy.ownersBefore(doc, ops);
                var change = doc.apply(ops, Actor.SERVER, new Limits(limits.maxElements(), limits.maxTextLength(), Integer.MAX_VALUE));
                long[] seq = {0};
                seq[0] = pipeline.fromRoom(author, null, ops, change, Privacy.views(ops, before, doc), () -> done.tryComplete(seq[0]),
                        () -> done.tryFail(new ProtocolException(ErrorCode.STORE_UNAVAILABLE, "the board could not be saved just now; nothing was applied")));
            } catch (RuntimeException e) {
                done.tryFail(e);
            }
        });
        if (caller == null) return done.future();
        Promise<Long> back = Promise.promise();
        done.future().onComplete(ar -> caller.runOnContext(v -> back.handle(ar)));
        return back.future();
    }

    /** Sends {@code message} to everyone in the room (an integration's notice, e.g. {@code feedback}); any thread. */
    public void broadcast(ServerMessage message) {
        post(() -> members.broadcast(message));
    }

    // ------------------------------------------------------------------ joining and leaving

    /**
     * Lets a socket in on its hello (room context). @return the new member, or null if this room has been
     * unloaded meanwhile: the caller must find the board's current room and try there
     * @throws ProtocolException if a feature keeps the tab out
     */
    Member join(RoomSocket socket, Role role, ClientMessage.Hello hello) {
        if (closed) return null;
        role = feature.admit(hello, role);
        if (hello.department() != null) Departments.require(doc.get(hello.department()), hello.department(), "hello");
        cancelUnload();
        Member m = members.create(this, socket, role, hello, config.opsPerSecond());
        m.sendText(welcome.encode(meta, m, hello.lastSeq(), members.participants()));
        members.broadcast(new ServerMessage.Joined(m.participant()));
        members.add(m);
        stats.connections.incrementAndGet();
        presence.sendCurrent(m);
        feature.joined(m);
        if (!m.isOpen()) leave(m); // closed while the hello was on its way: its close handler may have missed us
        return m;
    }

    public void leave(Member m) {
        if (!members.remove(m)) return;
        stats.connections.decrementAndGet();
        presence.forget(m);
        members.broadcast(new ServerMessage.Left(m.id()));
        if (members.isEmpty()) {
            maybeSnapshot(true);
            scheduleUnloadIfEmpty();
        }
    }

    // ------------------------------------------------------------------ messages

    /**
     * One message of a member (room context). The one place refusals are answered: whatever the core or a
     * feature refuses with a {@link ProtocolException} is counted and answered here.
     */
    public void receive(Member from, ClientMessage message) {
        if (!members.contains(from)) return; // removed or gone: what it sent meanwhile is not heard
        try {
            switch (message) {
                case ClientMessage.Ops ops -> edit(from, ops);
                case ClientMessage.Presence p -> presence.update(from, p.fields());
                case ClientMessage.Facilitate f -> handled(from, f);
                case ClientMessage.Vote v -> handled(from, v);
                case ClientMessage.Emotion e -> handled(from, e);
                case ClientMessage.Hello h -> throw new ProtocolException(BAD_MESSAGE, "hello was already sent on this connection");
            }
        } catch (ProtocolException e) {
            refused(from, message, e);
        }
    }

    private void handled(Member from, ClientMessage message) {
        feature.handle(from, message).onFailure(e -> {
            if (e instanceof ProtocolException pe) refused(from, message, pe);
            else LOG.log(System.Logger.Level.ERROR, "board " + meta.id() + ": " + message + " failed", e);
        });
    }

    private void refused(Member from, ClientMessage message, ProtocolException e) {
        stats.rejected(e.code());
        if (message instanceof ClientMessage.Ops ops) outcomes.rejected(from.client(), ops.cid(), e.code(), e.getMessage(), pipeline.durableSeq());
        from.send(ServerMessage.refusal(message, e));
    }

    private void edit(Member from, ClientMessage.Ops msg) {
        if (outcomes.answeredAsResend(from, msg, pipeline, stats)) return;
        // a retry of what the store could not write is not a new edit: only new edits are charged
        if (!outcomes.retryable(from.client(), msg.cid()) && !from.editBudget().tryAcquire()) {
            throw new ProtocolException(ErrorCode.RATE_LIMITED, "more than " + config.opsPerSecond() + " edits a second; this one was not applied");
        }
        var before = Privacy.ownersBefore(doc, msg.ops());
        var changes = new ArrayList<Document.Change>(2);
        changes.add(doc.apply(msg.ops(), feature.actor(from), limits));
        List<Op> ops = msg.ops();
        List<Op> added = feature.addOps(from, ops);
        if (!added.isEmpty()) {
            changes.add(doc.apply(added, Actor.SERVER, Limits.UNLIMITED));
            var all = new ArrayList<>(ops);
            all.addAll(added);
            ops = List.copyOf(all);
        }
        outcomes.applied(from.client(), msg.cid());
        pipeline.fromMember(from, msg.cid(), ops, changes, Privacy.views(ops, before, doc));
    }

    // ------------------------------------------------------------------ housekeeping

    /** See {@link RoomSnapshots#maybe}; never once the room is closed. */
    private void maybeSnapshot(boolean soon) {
        if (!closed) snapshots.maybe(soon, members.isEmpty());
    }

    private void scheduleUnloadIfEmpty() {
        if (members.isEmpty() && unloadTimer == -1 && !closed) unloadIn(config.roomIdle().toMillis());
    }

    private void unloadIn(long ms) {
        unloadTimer = vertx.setTimer(ms, t -> {
            unloadTimer = -1;
            tryUnload();
        });
    }

    private void cancelUnload() {
        if (unloadTimer != -1) {
            vertx.cancelTimer(unloadTimer);
            unloadTimer = -1;
        }
    }

    /**
     * Unloads once empty, fully snapshotted and with no feature save under way (closing undeploys the room's context,
     * and Vert.x interrupts a blocking write of a context it undeploys); the board's next join loads it afresh.
     */
    private void tryUnload() {
        if (closed || !members.isEmpty()) return;
        if (!snapshots.covered() || featureState.saving()) {
            maybeSnapshot(true);
            unloadIn(1000);
            return;
        }
        close();
    }

    /** Stops the room: from here on it refuses hellos, which makes callers look up the board afresh. */
    Future<Void> close() {
        if (closed) return Future.succeededFuture();
        closed = true;
        vertx.cancelTimer(snapshotTimer);
        if (leaseTimer != -1) vertx.cancelTimer(leaseTimer);
        cancelUnload();
        feature.close();
        rooms.forget(meta.id(), this);
        // a lease that can't be released (store unreachable) lapses by itself
        return store.releaseLease(meta.id()).recover(e -> Future.succeededFuture()).compose(v -> store.release(meta.id()));
    }

    /**
     * The board was deleted: everyone is told and closed (4404), and the room goes without a snapshot, once the
     * snapshot and the feature saves under way are written: the board's files must not go while they are, nor may
     * closing (an undeploy) interrupt them.
     */
    Future<Void> deleted() {
        for (Member m : List.copyOf(members.all())) m.closeWith(CloseReason.NOT_FOUND);
        Future<Void> snapshot = snapshots.stop();
        return snapshot.compose(v -> featureState.settled()).transform(ar -> close());
    }

    /**
     * Another server took the board (its lease): this one must not serve it. Tells every participant why and
     * closes their sockets (status 4503, as for any unavailable board) so they reconnect, then closes the room.
     */
    void evict(String reason) {
        if (closed) return;
        LOG.log(System.Logger.Level.WARNING, "board " + meta.id() + ": " + reason + "; closing its " + members.size() + " connection(s)");
        for (Member m : List.copyOf(members.all())) m.closeWith(CloseReason.UNAVAILABLE, reason);
        close();
    }

    /** The room as its features see it. */
    private final class Actions implements RoomActions {
        @Override
        public BoardMeta meta() {
            return meta;
        }

        @Override
        public Element element(String id) {
            return doc.get(id);
        }

        @Override
        public Collection<Element> elements() {
            return doc.elements();
        }

        @Override
        public Collection<Member> members() {
            return members.all();
        }

        @Override
        public Member member(String participantId) {
            return members.get(participantId);
        }

        @Override
        public void broadcast(ServerMessage message) {
            members.broadcast(message);
        }

        @Override
        public void edit(Member onBehalfOf, List<Op> ops, Runnable then) {
            var before = Privacy.ownersBefore(doc, ops);
            var change = doc.apply(ops, Actor.SERVER, Limits.UNLIMITED);
            pipeline.fromRoom(onBehalfOf, ops, change, Privacy.views(ops, before, doc), then);
        }

        @Override
        public long seq() {
            return pipeline.lastSeq();
        }

        @Override
        public void changeRole(Member member, Role role) {
            member.changeRole(role);
            members.broadcast(new ServerMessage.ParticipantChanged(member.participant()));
        }

        @Override
        public void changeDepartment(Member member, String department) {
            if (department != null) Departments.require(doc.get(department), department, "participant.department");
            member.changeDepartment(department);
            members.broadcast(new ServerMessage.ParticipantChanged(member.participant()));
        }

        @Override
        public void remove(Member member, CloseReason reason, String message) {
            member.closeWith(reason, message);
            leave(member);
        }

        @Override
        public Future<Void> persist() {
            return featureState.persist();
        }

        @Override
        public Future<Void> replaceMeta(BoardMeta next) {
            Promise<Void> saved = Promise.promise();
            executor.onComplete(store.saveMeta(next), ar -> {
                if (ar.succeeded()) meta = next;
                saved.handle(ar.mapEmpty());
            });
            return saved.future();
        }

        @Override
        public String publicUrl() {
            return config.publicUrl() == null ? "" : config.publicUrl();
        }

        @Override
        public long setTimer(long delayMs, Runnable action) {
            return vertx.setTimer(delayMs, t -> action.run());
        }

        @Override
        public void cancelTimer(long timerId) {
            vertx.cancelTimer(timerId);
        }
    }
}
