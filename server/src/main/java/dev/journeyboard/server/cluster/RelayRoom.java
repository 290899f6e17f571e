package dev.journeyboard.server.cluster;

import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.server.room.RoomSocket;
import dev.journeyboard.server.room.Seat;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A board served by another node, as this node relays it: its relayed sockets ({@link RelayedConnection}) and
 * its op log, read with {@code XREAD BLOCK} from the last seq delivered ({@link OpLog}). The cluster's check
 * tells it the board's lease and owner: a new owner makes its sockets join that room; a lapsed lease (the owner
 * died) makes this node try to take the board, and once the board's room runs here the sockets become its
 * members. Confined to one context (no locks); other threads reach it through {@link #post}.
 */
final class RelayRoom {
    private static final System.Logger LOG = System.getLogger(RelayRoom.class.getName());
    /** A log record waits this long for the stream reader before its ops are fetched directly. */
    private static final long FETCH_AFTER_MS = 500;

    // read by its connections
    final Cluster cluster;
    final String board;
    final OpLog log = new OpLog();

    /** The board's op log, which this node reads. */
    private final String logKey;
    /** The board's inbox, with this node's name: where its sockets' records go. */
    private final StreamWriter.Target inbox;
    private final Context context;
    private final Map<String, RelayedConnection> byAttempt = new HashMap<>();
    private final Set<RelayedConnection> conns = new LinkedHashSet<>();
    private final StreamReader.Handler logHandler = (key, entries) -> post(() -> read(entries));
    private final Set<String> fetching = new HashSet<>();
    private boolean following;
    private long fetchTimer = -1;
    /** Open to new sockets; false once unused or once the board is served here. */
    private boolean open = true;
    private volatile String lastOwner;

    RelayRoom(Cluster cluster, String board, Context context) {
        this.cluster = cluster;
        this.board = board;
        ClusterKeys.Board keys = cluster.keys.board(board);
        this.logKey = keys.log();
        this.inbox = new StreamWriter.Target(keys.inbox(), cluster.instance);
        this.context = context;
    }

    /** The board's owner key as last checked (any thread). */
    String lastOwner() {
        return lastOwner;
    }

    /** Queues a record of one of this board's sockets for its serving room; any thread. */
    void toServer(Records.Rec rec, Runnable onFail) {
        cluster.writer.send(inbox, rec, onFail);
    }

    void post(Runnable action) {
        context.runOnContext(v -> action.run());
    }

    /** Any thread. Completes with null if this relay room closed meanwhile: the caller looks the board up again. */
    Future<Seat> join(RoomSocket socket, Role role, ClientMessage.Hello hello) {
        Promise<Seat> seat = Promise.promise();
        post(() -> {
            if (!open) {
                seat.complete(null);
                return;
            }
            var c = new RelayedConnection(this, socket, role, hello, cluster.nextConnectionId());
            conns.add(c);
            cluster.relayedConnections.incrementAndGet();
            c.start(lastOwner).onComplete(seat);
        });
        return seat.future();
    }

    void register(String attempt, RelayedConnection c) {
        byAttempt.put(attempt, c);
    }

    void unregister(String attempt) {
        byAttempt.remove(attempt);
    }

    void removed(RelayedConnection c) {
        byAttempt.values().remove(c);
        if (conns.remove(c)) cluster.relayedConnections.decrementAndGet();
        if (conns.isEmpty()) closeForNewSockets();
        forgetDelivered();
    }

    /** Records for sockets of this board, from its room's out-stream entries (written by the room tagged {@code from}). */
    void replies(String from, List<Records.Rec> records) {
        post(() -> {
            for (Records.Rec r : records) {
                RelayedConnection c = byAttempt.get(r.conn());
                if (c != null) c.record(r, from);
            }
        });
    }

    /** The cluster's check: the board's lease holder (a node id) and owner key (a room's tag), either may be null. */
    void check(String leaseHolder, String owner) {
        post(() -> {
            if (!open) return;
            if (owner != null && !owner.equals(lastOwner) && lastOwner != null) {
                LOG.log(System.Logger.Level.INFO, "board " + board + ": served by " + owner + " now (was " + lastOwner + "); its "
                        + conns.size() + " relayed connection(s) here join that room");
            }
            lastOwner = owner;
            if (owner != null && cluster.isMine(owner)) {
                servedHere();
            } else if (leaseHolder == null || leaseHolder.equals(cluster.nodeId)) {
                cluster.takeOver(board); // its server is gone (or this node's previous life held it)
            } else {
                for (RelayedConnection c : List.copyOf(conns)) c.check(owner);
            }
        });
    }

    /** The board's room runs on this node now: every socket becomes its member; new sockets go there directly. */
    void servedHere() {
        post(() -> {
            if (!open && conns.stream().noneMatch(RelayedConnection::relayed)) return;
            LOG.log(System.Logger.Level.INFO, "board " + board + ": now served here; " + conns.size() + " relayed connection(s) join its room");
            closeForNewSockets();
            for (RelayedConnection c : List.copyOf(conns)) c.migrate();
        });
    }

    // ------------------------------------------------------------------ the op log

    /** A socket was welcomed at {@code c.delivered()}: read the log from there on (if not already). */
    void welcomed(RelayedConnection c) {
        if (!following) {
            following = true;
            cluster.reader.follow(logKey, c.delivered() + "-0", logHandler);
        }
    }

    void deliveredTo(RelayedConnection c) {
        forgetDelivered();
    }

    /** Seqs a log record names are not here: they come with the reader, or are fetched when it is past them. */
    void need(long first, long last) {
        if (first <= log.readUpTo() || !following) {
            fetch(first, last);
        } else if (fetchTimer == -1) {
            fetchTimer = cluster.vertx.setTimer(FETCH_AFTER_MS, t -> post(() -> {
                fetchTimer = -1;
                drainAll(true);
            }));
        }
    }

    /** The serving room rewrote seqs this node had read (an answer to its write was lost): read them again. */
    void refetch(long first, long last) {
        fetch(first, last);
    }

    private void read(List<StreamReader.Entry> entries) {
        for (StreamReader.Entry e : entries) {
            byte[] op = e.field("op");
            if (op != null) log.read(OpLog.seqOf(e.id()), op);
        }
        drainAll(false);
    }

    private void fetch(long first, long last) {
        String range = first + "-" + last;
        if (!fetching.add(range)) return;
        cluster.redis.send(Request.cmd(Command.XRANGE).arg(logKey).arg(first + "-0").arg(last + "-0"))
                .onComplete(ar -> post(() -> {
                    fetching.remove(range);
                    if (ar.failed()) {
                        LOG.log(System.Logger.Level.WARNING, "board " + board + ": could not read seqs " + range + " of its log: " + ar.cause());
                        cluster.vertx.setTimer(FETCH_AFTER_MS, t -> post(() -> drainAll(true)));
                        return;
                    }
                    for (Response row : ar.result()) {
                        Response kv = row.get(1);
                        for (int i = 0; kv != null && i + 1 < kv.size(); i += 2) {
                            if (kv.get(i).toString().equals("op")) log.put(OpLog.seqOf(row.get(0).toString()), kv.get(i + 1).toBytes());
                        }
                    }
                    if (log.frame(first, last) == null) {
                        // trimmed by a snapshot before this node could read them: its sockets resume instead
                        for (RelayedConnection c : List.copyOf(conns)) {
                            if (c.relayed() && c.delivered() >= 0 && c.delivered() < last && c.delivered() >= first - 1) {
                                c.outOfStep("seqs " + range + " are no longer in the board's log");
                            }
                        }
                    }
                    drainAll(false);
                }));
    }

    /** Lets every socket write what it can; {@code fetchMissing}: the ops a socket still waits for are fetched. */
    private void drainAll(boolean fetchMissing) {
        for (RelayedConnection c : List.copyOf(conns)) {
            c.drain();
            long[] range = fetchMissing ? c.waitingFor() : null;
            if (range != null) fetch(range[0], range[1]);
        }
    }

    /** Ops every relayed socket has been given are not needed any more. */
    private void forgetDelivered() {
        long min = Long.MAX_VALUE;
        for (RelayedConnection c : conns) {
            if (c.relayed() && c.delivered() >= 0) min = Math.min(min, c.delivered());
        }
        if (min != Long.MAX_VALUE) log.forgetUpTo(min);
    }

    private void closeForNewSockets() {
        if (!open) return;
        open = false;
        if (following) cluster.reader.unfollow(logKey, logHandler);
        following = false;
        cluster.relayClosed(board, this);
    }

    /** For the node's shutdown: tells the serving rooms that these sockets are gone. */
    void shutdown() {
        post(() -> {
            for (RelayedConnection c : new ArrayList<>(conns)) c.leave();
        });
    }
}
