package dev.journeyboard.server.cluster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.room.CloseReason;
import dev.journeyboard.server.room.Member;
import dev.journeyboard.server.room.RoomSocket;
import dev.journeyboard.server.room.Seat;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One socket of this node on a board whose room runs on another node. Its messages go to the board's inbox;
 * what the room sends it comes back through this node's out stream, numbered, and is written to the socket in
 * the room's order: frames as they are, {@link Records.Log} records as the named ops of the board's op log
 * ({@link OpLog}), each seq exactly once and in order (a gap or a checksum that does not match closes the
 * socket, and the client resumes). When another room takes the board (its node died), the socket joins it
 * again with the last seq it was given, so it keeps its connection and gets the missed ops in a new welcome;
 * when the room comes to this node, the socket becomes a member here. Relay room context, except where noted.
 */
final class RelayedConnection implements Seat {
    private static final System.Logger LOG = System.getLogger(RelayedConnection.class.getName());
    /** A hello nobody answered is sent again after this long. */
    private static final long HELLO_RETRY_MS = 10_000;

    private enum State { RELAYED, MIGRATING, LOCAL, CLOSED }

    private final RelayRoom room;
    private final RoomSocket socket;
    private final Role role;
    private final ObjectNode hello;
    private final String base;
    private State state = State.RELAYED;
    private int attemptNo;
    private String attempt;
    private int nOut;
    private int nIn;
    /** The room answering this join (its tag); null until the first answer when none was known. */
    private String ownerTag;
    private boolean awaitingWelcome;
    private long delivered = -1;
    private long helloAt;
    private final ArrayDeque<Records.Rec> waiting = new ArrayDeque<>();
    private final Promise<Seat> joined = Promise.promise();
    private ProtocolException refusal;
    private boolean refetched;
    private Member local;
    private List<ClientMessage> early;
    private volatile String participant = "relayed";

    RelayedConnection(RelayRoom room, RoomSocket socket, Role role, ClientMessage.Hello hello, String base) {
        this.room = room;
        this.socket = socket;
        this.role = role;
        this.hello = (ObjectNode) MessageCodec.parseObject(MessageCodec.encode(hello));
        this.base = base;
    }

    /** Sends the hello; completes with this seat once welcomed (or fails with what kept it out). */
    Future<Seat> start(String knownOwner) {
        sendHello(knownOwner);
        return joined.future();
    }

    long delivered() {
        return awaitingWelcome ? -1 : delivered;
    }

    boolean relayed() {
        return state == State.RELAYED;
    }

    // ------------------------------------------------------------------ from the socket (any thread)

    @Override
    public void receive(ClientMessage message) {
        room.post(() -> fromClient(message));
    }

    @Override
    public void leave() {
        room.post(this::gone);
    }

    @Override
    public String id() {
        return participant;
    }

    private void fromClient(ClientMessage m) {
        switch (state) {
            case RELAYED -> send(new Records.Msg(room.board, attempt, ++nOut, Buffer.buffer(MessageCodec.encode(m))));
            case MIGRATING -> early.add(m);
            case LOCAL -> local.receive(m);
            case CLOSED -> { }
        }
    }

    private void gone() {
        switch (state) {
            case RELAYED -> send(new Records.Leave(room.board, attempt, ++nOut));
            case LOCAL -> local.leave();
            default -> { }
        }
        state = State.CLOSED;
        room.removed(this);
    }

    // ------------------------------------------------------------------ joining (again)

    private void sendHello(String knownOwner) {
        if (attempt != null) room.unregister(attempt);
        attempt = base + "." + (++attemptNo);
        nOut = 0;
        nIn = 1;
        ownerTag = knownOwner;
        awaitingWelcome = true;
        waiting.clear();
        refetched = false;
        helloAt = System.nanoTime();
        room.register(attempt, this);
        ObjectNode h = hello.deepCopy();
        if (delivered >= 0) h.put("lastSeq", delivered); // resume from what this socket was given
        send(new Records.Hello(room.board, attempt, ++nOut, role, socket.personalLink(), Buffer.buffer(MessageCodec.bytes(h))));
    }

    /** Joins the room that serves the board now ({@code owner}, or whoever answers when null), keeping the socket. */
    void rejoin(String owner) {
        if (state != State.RELAYED) return;
        send(new Records.Leave(room.board, attempt, ++nOut)); // an earlier room still alive lets it go
        sendHello(owner);
    }

    /** The cluster's check: the board's owner key now. */
    void check(String owner) {
        if (state != State.RELAYED || owner == null) return;
        long waited = (System.nanoTime() - helloAt) / 1_000_000;
        if (ownerTag != null && !ownerTag.equals(owner)) {
            rejoin(owner); // another room took the board
        } else if (awaitingWelcome && (ownerTag == null ? waited > 2 * room.cluster.checkMs : waited > HELLO_RETRY_MS)) {
            rejoin(owner); // sent while no room read the inbox, or lost
        }
    }

    /** The board's room runs on this node now: become its member here. */
    void migrate() {
        if (state != State.RELAYED) return;
        send(new Records.Leave(room.board, attempt, ++nOut));
        room.unregister(attempt);
        state = State.MIGRATING;
        early = new ArrayList<>();
        ObjectNode h = hello.deepCopy();
        if (delivered >= 0) h.put("lastSeq", delivered);
        var resume = (ClientMessage.Hello) MessageCodec.decodeClient(MessageCodec.bytes(h));
        room.cluster.rooms.join(room.board, socket, role, resume).onComplete(ar -> room.post(() -> migrated(ar)));
    }

    private void migrated(AsyncResult<Member> ar) {
        if (state != State.MIGRATING) { // the socket went meanwhile
            if (ar.succeeded()) ar.result().leave();
            return;
        }
        if (ar.failed()) {
            ErrorCode code = ar.cause() instanceof ProtocolException pe ? pe.code() : ErrorCode.BOARD_UNAVAILABLE;
            if (!joined.tryFail(ar.cause())) socket.closeWith(CloseReason.refusing(code), ar.cause().getMessage());
            state = State.CLOSED;
            room.removed(this);
            return;
        }
        local = ar.result();
        participant = local.id();
        state = State.LOCAL;
        joined.tryComplete(this);
        for (ClientMessage m : early) local.receive(m);
        early = null;
    }

    // ------------------------------------------------------------------ from the board's room

    /** A record for this join ({@code from} = the tag of the room that wrote it). */
    void record(Records.Rec rec, String from) {
        if (state != State.RELAYED || !rec.conn().equals(attempt)) return;
        if (rec instanceof Records.Unknown) {
            // the room serving the board does not know this join (it is newer, or let the socket go): join it
            // again; an Unknown from a room that is no longer the owner (woken after a pause) is not followed
            String owner = room.lastOwner();
            if (owner == null || owner.equals(from)) rejoin(from);
            return;
        }
        if (ownerTag == null) ownerTag = from;
        else if (!ownerTag.equals(from)) return; // an earlier room, still running: not whom this join talks to
        if (rec.n() != nIn) {
            outOfStep("messages from the board's server were lost (got " + rec.n() + ", expected " + nIn + ")");
            return;
        }
        nIn++;
        waiting.add(rec);
        drain();
    }

    /** The seqs of the log record this socket waits for (first, last), or null. */
    long[] waitingFor() {
        return state == State.RELAYED && waiting.peek() instanceof Records.Log l && l.last() > delivered
                ? new long[] {l.first(), l.last()} : null;
    }

    /** Writes what can be written now, in order; a log record whose ops are not here yet waits (and what follows it). */
    void drain() {
        while (state == State.RELAYED && !waiting.isEmpty()) {
            if (!handle(waiting.peek())) return;
            waiting.poll();
        }
    }

    private boolean handle(Records.Rec rec) {
        switch (rec) {
            case Records.Frame f -> {
                if (awaitingWelcome) {
                    Peek p = peek(f.bytes());
                    if ("welcome".equals(p.type())) {
                        awaitingWelcome = false;
                        delivered = p.seq();
                        if (p.you() != null) participant = p.you();
                        write(f);
                        room.welcomed(this);
                        joined.tryComplete(this);
                        return true;
                    }
                    if ("error".equals(p.type()) && !joined.future().isComplete()) {
                        // refused before the first welcome: the socket's lifecycle says so and closes
                        var e = (ServerMessage.Error) MessageCodec.decodeServer(f.bytes().getBytes());
                        refusal = new ProtocolException(e.code(), e.message());
                        return true;
                    }
                }
                write(f);
                return true;
            }
            case Records.View v -> {
                if (awaitingWelcome || v.seq() <= delivered) return true;
                if (v.seq() != delivered + 1) return outOfStep("seq " + v.seq() + " after " + delivered);
                socket.sendShared(v.bytes());
                delivered = v.seq();
                return true;
            }
            case Records.Log l -> {
                if (awaitingWelcome || l.last() <= delivered) return true;
                if (l.first() != delivered + 1) return outOfStep("seqs " + l.first() + ".." + l.last() + " after " + delivered);
                OpLog.Built b = room.log.frame(l.first(), l.last());
                if (b == null) {
                    room.need(l.first(), l.last());
                    return false;
                }
                if (b.crc() != l.crc()) {
                    // the serving room rewrote these seqs after an unanswered write: read them again, once
                    if (refetched) return outOfStep("the ops of seqs " + l.first() + ".." + l.last() + " differ from the log");
                    refetched = true;
                    room.refetch(l.first(), l.last());
                    return false;
                }
                refetched = false;
                socket.sendShared(b.frame());
                delivered = l.last();
                room.deliveredTo(this);
                return true;
            }
            case Records.Close c -> {
                state = State.CLOSED;
                if (!joined.tryFail(refusal != null ? refusal : new ProtocolException(ErrorCode.BOARD_UNAVAILABLE, c.reason()))) {
                    socket.close((short) c.status(), c.reason());
                }
                room.removed(this);
                return true;
            }
            default -> {
                LOG.log(System.Logger.Level.ERROR, "board " + room.board + ": unexpected relay record " + rec.getClass().getSimpleName());
                return true;
            }
        }
    }

    /** Closes the socket (4503) so that the client resumes: the one way out when this relay cannot keep order. */
    boolean outOfStep(String why) {
        if (state != State.RELAYED) return false;
        LOG.log(System.Logger.Level.WARNING, "board " + room.board + ": relayed connection " + attempt + ": " + why + "; closing it");
        send(new Records.Leave(room.board, attempt, ++nOut));
        state = State.CLOSED;
        var e = new ProtocolException(ErrorCode.BOARD_UNAVAILABLE, "lost step with the board's server; reconnect");
        if (!joined.tryFail(e)) socket.closeWith(CloseReason.UNAVAILABLE, e.getMessage());
        room.removed(this);
        return false;
    }

    private void write(Records.Frame f) {
        if (f.text()) socket.sendText(f.bytes().toString(StandardCharsets.UTF_8));
        else socket.sendShared(f.bytes());
    }

    private void send(Records.Rec rec) {
        room.toServer(rec, () -> room.post(() -> outOfStep("a message could not be passed on to the board's server")));
    }

    // ------------------------------------------------------------------ peeking into a frame

    /** A frame's {@code type}, and for a welcome its {@code seq} and {@code you.id}. */
    record Peek(String type, long seq, String you) {}

    /** Reads only the top-level fields it needs (a welcome's snapshot is skipped, not parsed). */
    static Peek peek(Buffer frame) {
        String type = null;
        long seq = -1;
        String you = null;
        try (JsonParser p = MessageCodec.json().getFactory().createParser(frame.getBytes())) {
            if (p.nextToken() != JsonToken.START_OBJECT) return new Peek(null, -1, null);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("type") && t == JsonToken.VALUE_STRING) {
                    type = p.getText();
                    if (!type.equals("welcome")) break;
                } else if (name.equals("seq") && t.isNumeric()) {
                    seq = p.getLongValue();
                } else if (name.equals("you") && t == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String f = p.currentName();
                        JsonToken v = p.nextToken();
                        if (f.equals("id") && v == JsonToken.VALUE_STRING) you = p.getText();
                        else p.skipChildren();
                    }
                } else {
                    p.skipChildren();
                }
                if (type != null && seq >= 0 && you != null) break;
            }
        } catch (IOException e) {
            return new Peek(null, -1, null);
        }
        return new Peek(type, seq, you);
    }
}
