package dev.journeyboard.server.net;

import static dev.journeyboard.protocol.ErrorCode.BAD_MESSAGE;
import static dev.journeyboard.protocol.ErrorCode.RATE_LIMITED;

import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.ServerConfig;
import dev.journeyboard.server.room.CloseReason;
import dev.journeyboard.server.room.Boards;
import dev.journeyboard.server.room.RateLimiter;
import dev.journeyboard.server.room.Seat;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * One authenticated socket's life, on its own event loop: awaiting its hello, joining the board's room,
 * joined, closed. Decodes frames, charges the rate limits and refuses what needs no board state, so a flood
 * never reaches the room; hands the rest to the member's room.
 */
final class SocketLifecycle {
    private static final System.Logger LOG = System.getLogger(SocketLifecycle.class.getName());

    private sealed interface State {}

    /** @param helloTimer closes the socket if no hello comes within the idle timeout */
    private record AwaitingHello(long helloTimer) implements State {}

    /** The hello went to the room; reading is paused, and anything read meanwhile waits in {@code early}. */
    private record Joining(List<ClientMessage> early) implements State {}

    private record Joined(Seat seat) implements State {}

    private record Closed() implements State {}

    private final Vertx vertx;
    private final Context context;
    private final Boards boards;
    private final ServerConfig config;
    private final Liveness liveness;
    private final ServerWebSocket ws;
    private final WebSocketConnection socket;
    private final String boardId;
    private final Role role;
    private final RateLimiter opsLimit;
    /** All frames, presence included: a generous bound that still stops a flood. */
    private final RateLimiter frameLimit;
    private State state;
    private long lastSeen = System.nanoTime();

    /** Call on the socket's own context. */
    SocketLifecycle(Vertx vertx, Context context, Boards boards, ServerConfig config, Liveness liveness, ServerWebSocket ws,
                    WebSocketConnection socket, String boardId, Role role) {
        this.vertx = vertx;
        this.context = context;
        this.boards = boards;
        this.config = config;
        this.liveness = liveness;
        this.ws = ws;
        this.socket = socket;
        this.boardId = boardId;
        this.role = role;
        // a coarse flood guard only: the room charges each new edit to the member's budget, re-sends free
        this.opsLimit = new RateLimiter(10.0 * config.opsPerSecond(), Math.max(1000, 20.0 * config.opsPerSecond()));
        this.frameLimit = new RateLimiter(config.opsPerSecond() + 60, 2.0 * (config.opsPerSecond() + 60));
        awaitHello();
    }

    /** Waits for a hello, for at most the idle timeout. */
    private void awaitHello() {
        this.state = new AwaitingHello(vertx.setTimer(config.idleTimeout().toMillis(), t -> {
            if (state instanceof AwaitingHello) {
                socket.closeWith(CloseReason.NO_HELLO, "no hello received");
                state = new Closed();
            }
        }));
    }

    void start() {
        var frames = new FrameAssembler(config.maxFrameBytes(), new FrameAssembler.Sink() {
            @Override
            public void text(String text) {
                onFrame(text, null);
            }

            @Override
            public void binary(byte[] bytes) {
                onFrame(null, bytes);
            }

            @Override
            public void tooLarge(long bytes) {
                SocketLifecycle.this.tooLarge(bytes);
            }

            @Override
            public void notUtf8() {
                socket.closeWith(CloseReason.NOT_UTF8, "a text frame that is not valid UTF-8; the connection is closed");
            }
        });
        ws.frameHandler(frames::frame);
        socket.onTooSlow(() -> context.runOnContext(v -> tooSlow()));
        ws.pongHandler(b -> lastSeen = System.nanoTime());
        ws.closeHandler(v -> closed());
        ws.exceptionHandler(e -> { /* the close handler follows; nothing else to do */ });
        ws.resume();
    }

    long lastSeen() {
        return lastSeen;
    }

    void ping() {
        socket.ping();
    }

    /** Silent for the idle timeout: closed, and out of its room at once (a dead peer never finishes the close). */
    void timedOut() {
        if (state instanceof Joined j) {
            LOG.log(System.Logger.Level.INFO, "board " + boardId + ": closing silent connection " + j.seat().id());
        }
        socket.close(CloseReason.IDLE.status(), "idle timeout");
        closed();
    }

    /**
     * The socket stopped reading and its queue passed JB_MAX_QUEUED_BYTES: it is closed (4408; the close frame may
     * never reach a peer that does not read, and Vert.x drops the TCP connection after its closing timeout, freeing
     * what was queued) and out of its room at once. Nothing more is written to it meanwhile.
     */
    private void tooSlow() {
        if (state instanceof Closed) return;
        LOG.log(System.Logger.Level.INFO, "board " + boardId + ": closing a socket that stopped reading ("
                + socket.queuedBytes() + " bytes queued, limit " + config.maxQueuedBytes() + ")");
        boards.stats().socketsTooSlow.incrementAndGet();
        ws.close(WebSocketConnection.TOO_SLOW, "too slow");
        closed();
    }

    private void closed() {
        switch (state) {
            case AwaitingHello a -> vertx.cancelTimer(a.helloTimer());
            case Joining j -> { } // the join's completion sees Closed and leaves
            case Joined j -> j.seat().leave();
            case Closed c -> { }
        }
        state = new Closed();
        liveness.forget(this);
    }

    private void tooLarge(long bytes) {
        socket.closeWith(CloseReason.TOO_LARGE, "message of " + bytes + " bytes exceeds the limit of " + config.maxFrameBytes());
    }

    private void onFrame(String text, byte[] bytes) {
        lastSeen = System.nanoTime();
        ClientMessage msg = null;
        try {
            try {
                msg = text != null ? MessageCodec.decodeClient(text) : MessageCodec.decodeClient(bytes);
            } catch (ProtocolException e) {
                throw frameLimit.tryAcquire() ? e : slowDown();
            }
            // edits are charged to the ops budget and refused with their cid (the client rolls them back);
            // everything else to the frame budget
            if (!(msg instanceof ClientMessage.Ops) && !frameLimit.tryAcquire()) throw slowDown();
            switch (state) {
                case AwaitingHello a -> {
                    if (!(msg instanceof ClientMessage.Hello h)) throw new ProtocolException(BAD_MESSAGE, "send hello first");
                    hello(a, h);
                }
                case Joining j -> {
                    if (msg instanceof ClientMessage.Hello) throw alreadyHello();
                    j.early().add(msg);
                }
                case Joined j -> {
                    if (msg instanceof ClientMessage.Hello) throw alreadyHello();
                    toRoom(j.seat(), msg);
                }
                case Closed c -> { }
            }
        } catch (ProtocolException e) {
            // before its hello nothing a socket sends is taken as an edit: an early ops message gets an error
            socket.send(ServerMessage.refusal(state instanceof AwaitingHello ? null : msg, e));
        }
    }

    private void toRoom(Seat seat, ClientMessage msg) {
        if (msg instanceof ClientMessage.Ops && !opsLimit.tryAcquire()) {
            throw new ProtocolException(RATE_LIMITED, "more than " + config.opsPerSecond() + " edits a second; this one was not applied");
        }
        seat.receive(msg);
    }

    private void hello(AwaitingHello awaiting, ClientMessage.Hello h) {
        if (h.v() != MessageCodec.VERSION) {
            socket.closeWith(CloseReason.UNSUPPORTED_VERSION, "this server speaks protocol version " + MessageCodec.VERSION
                    + ", the client " + h.v() + ": reload the page to get the current client");
            return;
        }
        vertx.cancelTimer(awaiting.helloTimer());
        state = new Joining(new ArrayList<>());
        ws.pause(); // nothing more is read until the room has welcomed us
        boards.join(boardId, socket, role, h).onComplete(ar -> context.runOnContext(v -> joinDone(ar)));
    }

    private void joinDone(AsyncResult<? extends Seat> ar) {
        if (!(state instanceof Joining joining)) {
            if (ar.succeeded()) ar.result().leave(); // closed while joining
            return;
        }
        if (ar.failed() && ar.cause() instanceof ProtocolException pe && pe.code() == ErrorCode.INVALID_VALUE) {
            // the hello named something the board does not have (a department): say so and wait for a better one;
            // what was sent after that hello was not for this board, so it is dropped
            socket.send(ServerMessage.refusal(null, pe));
            awaitHello();
            ws.resume();
            return;
        }
        if (ar.failed()) {
            ErrorCode code = ar.cause() instanceof ProtocolException pe ? pe.code() : ErrorCode.BOARD_UNAVAILABLE;
            socket.closeWith(CloseReason.refusing(code), ar.cause().getMessage());
            state = new Closed();
            return;
        }
        Seat seat = ar.result();
        state = new Joined(seat);
        liveness.watch(this);
        for (ClientMessage early : joining.early()) {
            try {
                toRoom(seat, early);
            } catch (ProtocolException e) {
                socket.send(ServerMessage.refusal(early, e));
            }
        }
        ws.resume();
    }

    private static ProtocolException slowDown() {
        return new ProtocolException(RATE_LIMITED, "too many messages; slow down");
    }

    private static ProtocolException alreadyHello() {
        return new ProtocolException(BAD_MESSAGE, "hello was already sent on this connection");
    }
}
