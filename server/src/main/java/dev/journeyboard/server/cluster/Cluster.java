package dev.journeyboard.server.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Actor;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.Limits;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.ServerConfig;
import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.room.BoardCall;
import dev.journeyboard.server.room.Boards;
import dev.journeyboard.server.room.Room;
import dev.journeyboard.server.room.RoomObserver;
import dev.journeyboard.server.room.RoomSocket;
import dev.journeyboard.server.room.Rooms;
import dev.journeyboard.server.room.Seat;
import dev.journeyboard.server.store.BoardStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Any node serves any board (Redis store). The node holding a board's lease runs its room; a socket reaching
 * another node is relayed ({@link RelayRoom}): its messages go to the board's inbox stream, which the serving
 * node reads ({@link OwnerInbox}) and turns into room members; what the room sends comes back through the
 * relaying node's out stream, and broadcast ops through the board's op log itself. Redis is the whole cluster
 * protocol: streams, the lease with its fencing (the store's), an owner key and a liveness key per node.
 *
 * <p>A board served here, or free, is served here exactly as on one server (its room, its members, no relay).
 * Timers: every {@link #checkMs} each relayed board's lease and owner are checked (a new owner: its sockets
 * join it; a lapsed lease: this node takes the board); every lease renewal this node says it is alive, renews
 * its rooms' owner keys and drops the sockets of relaying nodes that are not.
 */
public final class Cluster implements Boards, RoomObserver {
    private static final System.Logger LOG = System.getLogger(Cluster.class.getName());
    /** The owner key is renewed and released like a board's lease. */
    private static final String RENEW_OWNER = dev.journeyboard.server.store.KeyLease.RENEW;
    private static final String RELEASE_OWNER = dev.journeyboard.server.store.KeyLease.RELEASE;

    // the parts the relay's classes (this package) share; immutable, so read as fields
    final Vertx vertx;
    final Rooms rooms;
    final ClusterKeys keys = new ClusterKeys("jb:");
    final String nodeId;
    /** This life of the node: {@code <node id>~<random>}. */
    final String instance;
    final long leaseTtlMs;
    final long checkMs;
    final Redis redis;
    final StreamReader reader;
    final StreamWriter writer;

    private final BoardStore store;
    /** This node instance's keys. */
    private final ClusterKeys.Node own;
    private final RemoteCalls calls;
    private final ConcurrentHashMap<String, RelayRoom> relays = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, OwnerInbox> owned = new ConcurrentHashMap<>();
    private final Set<String> takingOver = ConcurrentHashMap.newKeySet();
    /** Numbers this life's rooms (their tags) and relayed connections. */
    private final AtomicLong roomTags = new AtomicLong();
    private final AtomicLong connectionIds = new AtomicLong();
    /** Sockets of this node relayed to rooms elsewhere. */
    final AtomicInteger relayedConnections = new AtomicInteger();
    private final long checkTimer;
    private final long renewTimer;

    /** Call from outside Vert.x (the server's start): the cluster gets contexts of its own. */
    public Cluster(Vertx vertx, ServerConfig config, BoardStore store, Rooms rooms) {
        this.vertx = vertx;
        this.store = store;
        this.rooms = rooms;
        this.nodeId = config.nodeId();
        byte[] r = new byte[4];
        new SecureRandom().nextBytes(r);
        // a node's life: its previous life's relayed sockets are not this one's
        this.instance = config.nodeId() + "~" + HexFormat.of().formatHex(r);
        this.own = keys.node(instance);
        this.leaseTtlMs = config.redisLeaseTtl().toMillis();
        long renewMs = Math.max(100, config.leaseRenewal().toMillis());
        this.checkMs = Math.max(100, renewMs / 2);
        long timeout = config.redisCommandTimeout().toMillis();
        var options = new RedisOptions().setConnectionString(config.redisUrl()).setMaxPoolSize(8).setMaxPoolWaiting(8192)
                .setMaxWaitingHandlers(8192).setPreferredProtocolVersion(ProtocolVersion.RESP2);
        options.getNetClientOptions().setConnectTimeout((int) Math.min(timeout, 2000)).setTcpKeepAlive(true).setTcpNoDelay(true);
        this.redis = Redis.createClient(vertx, options);
        this.reader = new StreamReader(vertx.getOrCreateContext(), redis, own.wake(), timeout);
        this.writer = new StreamWriter(vertx.getOrCreateContext(), redis, timeout, 10_000, TimeUnit.MINUTES.toMillis(10));
        // a call waits for the serving room's edit to be durable (one command timeout) and for the two stream hops
        this.calls = new RemoteCalls(this, Math.max(10_000, 3 * timeout));
        reader.follow(own.out(), "0-0", this::replies);
        this.checkTimer = vertx.setPeriodic(checkMs, t -> check());
        this.renewTimer = vertx.setPeriodic(renewMs, t -> renew());
        renew();
        LOG.log(System.Logger.Level.INFO, "cluster node " + instance + ": any board, served here or relayed to its server");
    }

    // ------------------------------------------------------------------ Boards

    @Override
    public Future<BoardMeta> meta(String boardId) {
        Future<Room> local = rooms.existing(boardId);
        if (local != null && !local.failed()) return local.map(Room::meta);
        if (relays.containsKey(boardId)) return storedMeta(boardId);
        return lease(boardId).compose(mine -> mine ? rooms.meta(boardId) : storedMeta(boardId));
    }

    @Override
    public Future<Seat> join(String boardId, RoomSocket socket, Role role, ClientMessage.Hello hello) {
        Future<Room> local = rooms.existing(boardId);
        if (local != null && !local.failed()) return here(boardId, socket, role, hello);
        RelayRoom relay = relays.get(boardId);
        if (relay != null) return relayed(relay, boardId, socket, role, hello);
        return lease(boardId).compose(mine -> mine ? here(boardId, socket, role, hello)
                : relayed(relays.computeIfAbsent(boardId, b -> new RelayRoom(this, b, vertx.getOrCreateContext())),
                        boardId, socket, role, hello));
    }

    private Future<Seat> here(String boardId, RoomSocket socket, Role role, ClientMessage.Hello hello) {
        return rooms.join(boardId, socket, role, hello).map(m -> (Seat) m);
    }

    private Future<Seat> relayed(RelayRoom relay, String boardId, RoomSocket socket, Role role, ClientMessage.Hello hello) {
        return relay.join(socket, role, hello).compose(seat -> seat != null ? Future.succeededFuture(seat)
                : join(boardId, socket, role, hello)); // that relay closed meanwhile (the board came here, or it emptied)
    }

    @Override
    public dev.journeyboard.server.room.RoomStats stats() {
        return rooms.stats();
    }

    /**
     * A board whose room runs here is read from it; any other (served elsewhere, or nowhere) from the store: its
     * snapshot and the logged ops after it, i.e. what is durable. A read never takes the board's lease, so an HTTP
     * read on a node that does not serve the board neither moves the board nor contests its lease.
     */
    @Override
    public <T> Future<T> read(String boardId, Function<Document, T> reader) {
        Future<Room> local = rooms.existing(boardId);
        if (local != null && !local.failed()) {
            return rooms.read(boardId, reader).recover(e -> e instanceof ProtocolException pe && pe.code() == ErrorCode.BOARD_UNAVAILABLE
                    ? stored(boardId, reader) : Future.failedFuture(e)); // the room was closing: the store has it all
        }
        return stored(boardId, reader);
    }

    private <T> Future<T> stored(String boardId, Function<Document, T> reader) {
        return store.load(boardId).recover(this::unavailable).map(stored -> {
            if (stored == null) throw new ProtocolException(ErrorCode.BOARD_NOT_FOUND, "no board '" + boardId + "'");
            Document doc = Document.of(stored.snapshot().elements());
            long seq = stored.snapshot().seq();
            for (ServerMessage.Applied a : stored.log()) {
                if (a.seq() <= seq) continue;
                doc.apply(a.ops(), Actor.SERVER, Limits.UNLIMITED);
                seq = a.seq();
            }
            return reader.apply(doc);
        });
    }

    /**
     * A call runs in the board's room: here if it runs here, or if no node serves the board (then this node takes
     * the lease, as a socket's join would); else on the serving node, through the board's inbox. So a node that does
     * not serve the board never contests its lease for an HTTP request.
     */
    @Override
    public Future<ObjectNode> call(String boardId, BoardCall call) {
        Future<Room> local = rooms.existing(boardId);
        if (local != null && !local.failed()) return rooms.call(boardId, call);
        if (relays.containsKey(boardId)) return calls.call(boardId, call);
        return lease(boardId).compose(mine -> mine ? rooms.call(boardId, call) : calls.call(boardId, call));
    }

    /** Takes the board's lease for this node when it is free (or already ours): then its room runs here. */
    private Future<Boolean> lease(String boardId) {
        return store.acquireLease(boardId).recover(this::unavailable);
    }

    private Future<BoardMeta> storedMeta(String boardId) {
        return store.meta(boardId).recover(this::unavailable).map(m -> {
            if (m == null) throw new ProtocolException(ErrorCode.BOARD_NOT_FOUND, "no board '" + boardId + "'");
            return m;
        });
    }

    private <T> Future<T> unavailable(Throwable e) {
        if (e instanceof ProtocolException) return Future.failedFuture(e);
        return Future.failedFuture(new ProtocolException(ErrorCode.BOARD_UNAVAILABLE, "the board cannot be reached right now; try again in a moment"));
    }

    // ------------------------------------------------------------------ rooms here

    @Override
    public void loaded(Room room) {
        String board = room.meta().id();
        var inbox = new OwnerInbox(this, room, instance + "#" + roomTags.incrementAndGet());
        OwnerInbox before = owned.put(board, inbox);
        if (before != null) before.stop();
        inbox.start();
        RelayRoom relay = relays.get(board);
        if (relay != null) relay.servedHere();
    }

    @Override
    public void closed(Room room) {
        String board = room.meta().id();
        OwnerInbox inbox = owned.get(board);
        if (inbox != null && inbox.room() == room && owned.remove(board, inbox)) inbox.stop();
    }

    /** A relayed board's lease lapsed (its server died, or let it go): this node takes it if it still can. */
    void takeOver(String board) {
        if (!takingOver.add(board)) return;
        store.acquireLease(board).compose(mine -> {
            if (!mine) return Future.succeededFuture();
            LOG.log(System.Logger.Level.INFO, "board " + board + ": its lease lapsed; serving it here");
            return rooms.room(board).<Void>mapEmpty().onFailure(e -> store.releaseLease(board));
        }).onComplete(ar -> takingOver.remove(board));
    }

    void relayClosed(String board, RelayRoom relay) {
        relays.remove(board, relay);
    }

    void releaseOwnerKey(String board, String tag) {
        redis.send(Request.cmd(Command.EVAL).arg(RELEASE_OWNER).arg(1).arg(keys.board(board).owner()).arg(tag))
                .onFailure(e -> { /* it lapses by itself */ });
    }

    // ------------------------------------------------------------------ timers

    /** Each relayed board's lease holder and owner key, in one round trip. */
    private void check() {
        if (relays.isEmpty()) return;
        var boards = new ArrayList<>(relays.keySet());
        var reqs = new ArrayList<Request>(boards.size());
        for (String b : boards) {
            ClusterKeys.Board k = keys.board(b);
            reqs.add(Request.cmd(Command.MGET).arg(k.lease()).arg(k.owner()));
        }
        redis.batch(reqs).timeout(checkMs * 4, TimeUnit.MILLISECONDS).onSuccess(rs -> {
            for (int i = 0; i < boards.size(); i++) {
                RelayRoom relay = relays.get(boards.get(i));
                if (relay != null) relay.check(text(rs.get(i).get(0)), text(rs.get(i).get(1)));
            }
        });
    }

    /** This node is alive; its rooms still own their boards; relaying nodes that died lose their sockets here. */
    private void renew() {
        var reqs = new ArrayList<Request>();
        reqs.add(Request.cmd(Command.SET).arg(own.alive()).arg(1).arg("PX").arg(leaseTtlMs));
        var inboxes = new ArrayList<>(owned.values());
        for (OwnerInbox in : inboxes) {
            reqs.add(Request.cmd(Command.EVAL).arg(RENEW_OWNER).arg(1).arg(keys.board(in.board()).owner()).arg(in.tag()).arg(leaseTtlMs));
        }
        Map<String, List<OwnerInbox>> byRelay = new HashMap<>();
        for (OwnerInbox in : inboxes) for (String relay : in.relays()) byRelay.computeIfAbsent(relay, k -> new ArrayList<>()).add(in);
        var relayIds = new ArrayList<>(byRelay.keySet());
        if (!relayIds.isEmpty()) {
            Request alive = Request.cmd(Command.MGET);
            for (String id : relayIds) alive.arg(keys.node(id).alive());
            reqs.add(alive);
        }
        redis.batch(reqs).timeout(leaseTtlMs, TimeUnit.MILLISECONDS).onSuccess(rs -> {
            if (relayIds.isEmpty()) return;
            Response alive = rs.getLast();
            Map<OwnerInbox, Set<String>> gone = new HashMap<>();
            for (int i = 0; i < relayIds.size(); i++) {
                if (alive.get(i) != null) continue;
                LOG.log(System.Logger.Level.INFO, "relaying node " + relayIds.get(i) + " is gone; its sockets leave their rooms here");
                for (OwnerInbox in : byRelay.get(relayIds.get(i))) gone.computeIfAbsent(in, k -> new HashSet<>()).add(relayIds.get(i));
            }
            gone.forEach(OwnerInbox::relaysGone);
        });
    }

    /** This node's out stream: what rooms elsewhere send to the sockets relayed here. */
    private void replies(String key, List<StreamReader.Entry> entries) {
        Records.read(entries, key, (from, recs) -> {
            Map<String, List<Records.Rec>> byBoard = new HashMap<>();
            for (Records.Rec r : recs) {
                if (r instanceof Records.Answer a) calls.answered(a);
                else byBoard.computeIfAbsent(r.board(), b -> new ArrayList<>()).add(r);
            }
            byBoard.forEach((board, rs) -> {
                RelayRoom relay = relays.get(board);
                if (relay != null) relay.replies(from, rs);
            });
        });
    }

    private static String text(Response r) {
        return r == null ? null : r.toString();
    }

    // ------------------------------------------------------------------ for the relay's classes

    /** A room tag of this node's life. */
    boolean isMine(String ownerTag) {
        return ownerTag.startsWith(instance + "#");
    }

    String nextConnectionId() {
        return instance + "|" + connectionIds.incrementAndGet();
    }

    /** Sockets of this node relayed to boards served elsewhere. */
    public int relayed() {
        return relayedConnections.get();
    }

    /** Stops relaying: the sockets relayed here are told gone (best effort), this node's keys are removed. */
    public Future<Void> close() {
        vertx.cancelTimer(checkTimer);
        vertx.cancelTimer(renewTimer);
        for (RelayRoom relay : relays.values()) relay.shutdown();
        var done = redis.send(Request.cmd(Command.DEL).arg(own.alive()).arg(own.wake()).arg(own.out()))
                .timeout(2, TimeUnit.SECONDS);
        return done.<Void>mapEmpty().recover(e -> Future.succeededFuture()).eventually(() -> {
            reader.close();
            writer.close();
            return redis.close();
        });
    }
}
