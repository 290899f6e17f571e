package dev.journeyboard.server.cluster;

import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.server.room.CloseReason;
import dev.journeyboard.server.room.Member;
import dev.journeyboard.server.room.Room;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The serving side of the relay for one board: while its room is loaded here, this reads the board's inbox
 * stream and makes each relayed socket a member of the room, with a {@link RemoteSocket} as its socket. To the
 * room a relayed participant is just another member. Starts reading where the inbox ended when the room loaded
 * (what was sent before belongs to an earlier room), then announces the room in the board's owner key so that
 * relays know whom they reach. Runs on the room's context.
 */
final class OwnerInbox implements StreamReader.Handler {
    private static final System.Logger LOG = System.getLogger(OwnerInbox.class.getName());

    /** A relayed socket in this room. */
    private static final class Remote {
        final String relay;
        final RemoteSocket socket;
        Member member;
        /** Messages that came while its hello was being answered. */
        List<ClientMessage> early = new ArrayList<>();
        int expected = 2; // its hello was 1
        boolean gone;

        Remote(String relay, RemoteSocket socket) {
            this.relay = relay;
            this.socket = socket;
        }
    }

    private final Cluster cluster;
    private final Room room;
    private final String board;
    private final ClusterKeys.Board keys;
    private final String tag;
    private final ConcurrentHashMap<String, Remote> remotes = new ConcurrentHashMap<>();
    private boolean stopped;

    OwnerInbox(Cluster cluster, Room room, String tag) {
        this.cluster = cluster;
        this.room = room;
        this.board = room.meta().id();
        this.keys = cluster.keys.board(board);
        this.tag = tag;
    }

    String tag() {
        return tag;
    }

    String board() {
        return board;
    }

    Room room() {
        return room;
    }

    /** The relaying nodes with sockets in this room (read from the cluster's timer). */
    Set<String> relays() {
        var out = ConcurrentHashMap.<String>newKeySet();
        for (Remote r : remotes.values()) out.add(r.relay);
        return out;
    }

    /** Reads from the inbox's current end, then announces this room as the board's owner. */
    void start() {
        cluster.redis.send(Request.cmd(Command.XREVRANGE).arg(keys.inbox()).arg("+").arg("-").arg("COUNT").arg(1))
                .compose(last -> {
                    String from = last != null && last.size() > 0 ? last.get(0).get(0).toString() : "0-0";
                    return cluster.redis.send(Request.cmd(Command.SET).arg(keys.owner()).arg(tag)
                            .arg("PX").arg(cluster.leaseTtlMs)).map(ok -> from);
                })
                .onComplete(ar -> room.post(() -> {
                    if (stopped) return;
                    if (ar.failed()) {
                        // Redis away: try again shortly (relays wait for the owner key meanwhile)
                        LOG.log(System.Logger.Level.WARNING, "board " + board + ": could not open its relay inbox, retrying: " + ar.cause());
                        cluster.vertx.setTimer(500, t -> room.post(this::start));
                        return;
                    }
                    cluster.reader.follow(keys.inbox(), ar.result(), this);
                }));
    }

    /** The room closed: stop reading, give up the owner key, send nothing more to relayed sockets. */
    void stop() {
        room.post(() -> {
            if (stopped) return;
            stopped = true;
            cluster.reader.unfollow(keys.inbox(), this);
            for (Remote r : remotes.values()) r.socket.shut();
            remotes.clear();
            cluster.releaseOwnerKey(board, tag);
        });
    }

    /** Relaying nodes found dead: their sockets leave the room. */
    void relaysGone(Set<String> gone) {
        room.post(() -> {
            for (var e : List.copyOf(remotes.entrySet())) {
                if (gone.contains(e.getValue().relay)) drop(e.getKey(), e.getValue());
            }
        });
    }

    @Override
    public void entries(String key, List<StreamReader.Entry> entries) {
        room.post(() -> {
            if (stopped) return;
            Records.read(entries, "board " + board + ": inbox", (relay, recs) -> {
                for (Records.Rec r : recs) handle(relay, r);
            });
        });
    }

    private void handle(String relay, Records.Rec rec) {
        switch (rec) {
            case Records.Hello h -> hello(relay, h);
            case Records.Msg m -> {
                Remote r = remotes.get(m.conn());
                if (r == null) {
                    // a socket an earlier room knew: its node joins it again
                    cluster.writer.send(cluster.keys.node(relay).out(), tag, new Records.Unknown(board, m.conn(), 0), () -> { });
                    return;
                }
                if (m.n() != r.expected++) {
                    LOG.log(System.Logger.Level.WARNING, "board " + board + ": relayed connection " + m.conn() + " lost messages; closing it");
                    r.socket.closeWith(CloseReason.UNAVAILABLE, "messages were lost on the way; reconnecting");
                    drop(m.conn(), r);
                    return;
                }
                ClientMessage msg;
                try {
                    msg = MessageCodec.decodeClient(m.bytes().getBytes());
                } catch (ProtocolException e) {
                    LOG.log(System.Logger.Level.ERROR, "board " + board + ": a relayed message does not decode: " + e.getMessage());
                    return;
                }
                if (r.member == null) r.early.add(msg);
                else room.receive(r.member, msg);
            }
            case Records.Leave l -> {
                Remote r = remotes.get(l.conn());
                if (r != null) drop(l.conn(), r);
            }
            case Records.Call c -> RemoteCalls.serve(cluster, room, tag, relay, c);
            default -> LOG.log(System.Logger.Level.ERROR, "board " + board + ": unexpected record in the inbox: " + rec.getClass().getSimpleName());
        }
    }

    private void hello(String relay, Records.Hello h) {
        if (remotes.containsKey(h.conn())) return; // already here (a relay re-sent it)
        ClientMessage.Hello hello;
        try {
            hello = (ClientMessage.Hello) MessageCodec.decodeClient(h.bytes().getBytes());
        } catch (ProtocolException | ClassCastException e) {
            LOG.log(System.Logger.Level.ERROR, "board " + board + ": a relayed hello does not decode: " + e.getMessage());
            return;
        }
        String conn = h.conn();
        var out = new StreamWriter.Target(cluster.keys.node(relay).out(), tag);
        var socket = new RemoteSocket(cluster.writer, out, board, conn, h.personalLink(), () -> room.post(() -> {
            Remote r = remotes.get(conn);
            if (r != null) drop(conn, r); // its node will find out: its next message gets Unknown, and it joins again
        }));
        var remote = new Remote(relay, socket);
        remotes.put(conn, remote);
        Future<Member> joined = cluster.rooms.join(board, socket, h.role(), hello);
        joined.onComplete(ar -> room.post(() -> {
            if (ar.failed()) {
                remotes.remove(conn, remote);
                ErrorCode code = ar.cause() instanceof ProtocolException pe ? pe.code() : ErrorCode.BOARD_UNAVAILABLE;
                socket.closeWith(CloseReason.refusing(code), ar.cause().getMessage());
                return;
            }
            Member m = ar.result();
            if (remote.gone || stopped || m.room() != room) {
                // left meanwhile, or welcomed by a newer room of this board (that room's inbox will not know it)
                m.leave();
                if (m.room() != room) socket.shut();
                return;
            }
            remote.member = m;
            for (ClientMessage early : remote.early) room.receive(m, early);
            remote.early = List.of();
        }));
    }

    private void drop(String conn, Remote r) {
        if (!remotes.remove(conn, r)) return;
        r.gone = true;
        r.socket.shut();
        if (r.member != null) room.leave(r.member);
    }
}
