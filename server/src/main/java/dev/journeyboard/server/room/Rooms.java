package dev.journeyboard.server.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.server.ServerConfig;
import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.store.BoardEraser;
import dev.journeyboard.server.store.BoardStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The loaded boards of this server. Each room is deployed as its own verticle so that it gets a context
 * of its own: rooms spread over the event loops, and one room's work never waits behind another's.
 */
public final class Rooms implements Boards {
    private static final System.Logger LOG = System.getLogger(Rooms.class.getName());
    /** How long a failed load is remembered before the next join tries again. */
    private static final long LOAD_RETRY_MS = 1000;

    private final Vertx vertx;
    private final BoardStore store;
    private final ServerConfig config;
    private final Function<RoomActions, RoomFeature> features;
    private final RoomStats stats = new RoomStats();
    private final BoardCalls calls = new BoardCalls();
    private final ConcurrentHashMap<String, Future<Room>> rooms = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Room, String> deployments = new ConcurrentHashMap<>();
    private volatile RoomObserver observer = RoomObserver.NONE;
    /** Boards deleted while this server runs (after a restart their metadata is gone, so they are not found anyway). */
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();

    /** @param features makes each room's features (the facilitation session), given what they may do to the room */
    public Rooms(Vertx vertx, BoardStore store, ServerConfig config, Function<RoomActions, RoomFeature> features) {
        this.vertx = vertx;
        this.store = store;
        this.config = config;
        this.features = features;
    }

    /** Who is told when a room loads and closes (the cluster); one observer. */
    public void observe(RoomObserver observer) {
        this.observer = observer;
    }

    public RoomStats stats() {
        return stats;
    }

    /** What each kind of {@link BoardCall} does (registered by the HTTP layer). */
    public BoardCalls calls() {
        return calls;
    }

    public int loaded() {
        return deployments.size();
    }

    /**
     * The board's room, loading it if needed. Fails with BOARD_NOT_FOUND, or BOARD_UNAVAILABLE when the
     * board exists but can't be loaded: then nothing starts from an empty document, and a later join retries.
     */
    public Future<Room> room(String boardId) {
        if (deleted.contains(boardId)) return Future.failedFuture(new ProtocolException(ErrorCode.BOARD_NOT_FOUND, "the board was deleted"));
        Future<Room> known = rooms.get(boardId);
        if (known != null) return known;
        Promise<Room> loading = Promise.promise();
        Future<Room> raced = rooms.putIfAbsent(boardId, loading.future());
        if (raced != null) return raced;
        // outside the map's own update: a load can fail at once (an unknown board, its verticle started on this very
        // thread), and the failure takes the entry out again, which inside computeIfAbsent threw "Recursive update"
        // and left the caller without an answer (BadInputTest failed so in CI once)
        deploy(boardId, loading);
        return loading.future();
    }

    /** The board's room if it is loaded here or loading, else null (nothing is loaded). */
    public Future<Room> existing(String boardId) {
        return rooms.get(boardId);
    }

    @Override
    public Future<BoardMeta> meta(String boardId) {
        return room(boardId).map(Room::meta);
    }

    @Override
    public <T> Future<T> read(String boardId, Function<Document, T> reader) {
        return room(boardId).compose(room -> room.read(reader));
    }

    /** Runs the call in the board's room; once more in a fresh room if the first was just closing (an idle room unloads itself). */
    @Override
    public Future<ObjectNode> call(String boardId, BoardCall call) {
        return room(boardId).compose(room -> calls.run(room, call)).recover(e -> e instanceof ProtocolException pe
                && pe.code() == ErrorCode.BOARD_UNAVAILABLE && pe.getMessage().contains("unloaded")
                ? room(boardId).compose(room -> calls.run(room, call)) : Future.failedFuture(e));
    }

    /**
     * Deletes a board: from now on it can't be joined or loaded, its room (if loaded) closes every socket with
     * BOARD_NOT_FOUND (4404) and unloads without a snapshot, then {@code eraser} removes its data everywhere.
     *
     * <p>The erasing runs on the caller's context, never on the room's: closing the room undeploys its context, and
     * Vert.x interrupts a blocking task still running on a context it undeploys, so the store's deletion (an fsync)
     * was at times cut short there: the DELETE failed and the interrupted file call marked the whole store down.
     */
    public Future<Void> delete(String boardId, BoardEraser eraser) {
        deleted.add(boardId);
        Context caller = vertx.getOrCreateContext();
        Future<Room> f = rooms.get(boardId);
        Future<Void> closed = f == null ? Future.succeededFuture() : f.transform(ar -> ar.failed() ? Future.succeededFuture()
                : ar.result().executor().submit(ar.result()::deleted).compose(closing -> closing)); // a throw fails it too
        Promise<Void> back = Promise.promise();
        closed.onComplete(ar -> caller.runOnContext(v -> back.handle(ar)));
        return back.future().compose(v -> eraser.delete(boardId)).onFailure(e -> deleted.remove(boardId)); // still there: still usable
    }

    private void deploy(String boardId, Promise<Room> result) {
        var verticle = new VerticleBase() {
            Room room;

            @Override
            public Future<?> start() {
                return Room.load(vertx, boardId, store, config, Rooms.this, stats, features).onSuccess(r -> room = r);
            }
        };
        vertx.deployVerticle(verticle).onComplete(ar -> {
            if (ar.succeeded()) {
                deployments.put(verticle.room, ar.result());
                result.complete(verticle.room);
                observer.loaded(verticle.room);
                return;
            }
            Throwable cause = ar.cause();
            if (cause instanceof ProtocolException pe && pe.code() == ErrorCode.BOARD_NOT_FOUND) {
                rooms.remove(boardId, result.future());
                result.fail(cause);
                return;
            }
            if (cause instanceof ProtocolException pe && pe.code() == ErrorCode.BOARD_UNAVAILABLE) {
                // another server holds the board's lease: not a fault of this one
                LOG.log(System.Logger.Level.INFO, "board " + boardId + ": " + pe.getMessage() + "; refusing joins, will retry");
                result.fail(cause);
            } else {
                LOG.log(System.Logger.Level.ERROR, "board " + boardId + " could not be loaded; refusing joins, will retry", cause);
                result.fail(new ProtocolException(ErrorCode.BOARD_UNAVAILABLE,
                        "board " + boardId + " cannot be loaded right now; try again in a moment"));
            }
            vertx.setTimer(LOAD_RETRY_MS, t -> rooms.remove(boardId, result.future()));
        });
    }

    /** Called by a room that closed itself. */
    void forget(String boardId, Room room) {
        rooms.computeIfPresent(boardId, (id, f) -> f.succeeded() && f.result() == room ? null : f);
        String deployment = deployments.remove(room);
        if (deployment != null) {
            vertx.undeploy(deployment);
            observer.closed(room);
        }
    }

    /**
     * Lets a socket that said hello into the board's current room, finding it afresh if the room it had unloaded
     * meanwhile. Fails with the ProtocolException that kept it out (FORBIDDEN for a removed tab).
     */
    @Override
    public Future<Member> join(String boardId, RoomSocket socket, Role role, ClientMessage.Hello hello) {
        return room(boardId).compose(room -> room.executor().submit(() -> room.join(socket, role, hello))
                .compose(m -> m != null ? Future.succeededFuture(m) : join(boardId, socket, role, hello)));
    }

    /** Snapshots and closes every room: a clean shutdown. */
    public Future<Void> closeAll() {
        List<Future<Void>> closing = new ArrayList<>();
        for (Future<Room> f : rooms.values()) {
            if (f.succeeded()) {
                Room room = f.result();
                Promise<Void> p = Promise.promise();
                room.post(() -> room.close().onComplete(p));
                closing.add(p.future());
            }
        }
        return Future.join(closing).mapEmpty();
    }
}
