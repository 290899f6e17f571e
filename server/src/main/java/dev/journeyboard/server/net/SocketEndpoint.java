package dev.journeyboard.server.net;

import static dev.journeyboard.protocol.ErrorCode.BAD_MESSAGE;
import static dev.journeyboard.protocol.ErrorCode.RATE_LIMITED;
import static dev.journeyboard.protocol.ErrorCode.TOO_LARGE;
import static dev.journeyboard.protocol.ErrorCode.UNAUTHORIZED;
import static dev.journeyboard.protocol.ErrorCode.UNSUPPORTED_VERSION;

import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.ServerConfig;
import dev.journeyboard.server.room.Connection;
import dev.journeyboard.server.room.Room;
import dev.journeyboard.server.room.Rooms;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;

/**
 * {@code /ws/boards/{id}?token=…}: checks the Origin, upgrades, authenticates the token against the board,
 * then decodes frames on the socket's own event loop and hands decoded messages to the board's room.
 * Everything that can be refused without the board's state (size, syntax, rate, role for ops) is refused
 * here, so a flood never reaches the room.
 */
final class SocketEndpoint {
    static final short CLOSE_TOO_LARGE = 1009;
    static final short CLOSE_POLICY = 1008;
    static final short CLOSE_UNAUTHORIZED = 4401;
    static final short CLOSE_NOT_FOUND = 4404;
    static final short CLOSE_UNAVAILABLE = 4503;
    static final short CLOSE_VERSION = 4400;

    private final Vertx vertx;
    private final Rooms rooms;
    private final ServerConfig config;

    SocketEndpoint(Vertx vertx, Rooms rooms, ServerConfig config) {
        this.vertx = vertx;
        this.rooms = rooms;
        this.config = config;
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        String origin = req.getHeader("Origin");
        if (origin != null && !originAllowed(origin, req.authority() == null ? null : req.authority().toString())) {
            ctx.response().setStatusCode(403).putHeader("content-type", "application/json")
                    .end("{\"code\":\"FORBIDDEN\",\"message\":\"origin not allowed\"}");
            return;
        }
        String boardId = ctx.pathParam("id");
        String token = req.getParam("token");
        Context context = vertx.getOrCreateContext();
        req.toWebSocket().onSuccess(ws -> {
            ws.pause(); // nothing is read until we know the board and the role
            rooms.room(boardId).onComplete(ar -> {
                if (ar.failed()) {
                    ErrorCode code = ar.cause() instanceof ProtocolException pe ? pe.code() : ErrorCode.BOARD_UNAVAILABLE;
                    closeWith(ws, code, ar.cause().getMessage(), code == ErrorCode.BOARD_NOT_FOUND ? CLOSE_NOT_FOUND : CLOSE_UNAVAILABLE);
                    return;
                }
                Role role = ar.result().meta().roleOf(token);
                if (role == null) {
                    closeWith(ws, UNAUTHORIZED, "this link is not valid for the board", CLOSE_UNAUTHORIZED);
                    return;
                }
                new Session(ws, boardId, new Connection(ws, context, role), ar.result()).start();
            });
        });
    }

    /** Same host as the server when no allow-list is configured. */
    private boolean originAllowed(String origin, String authority) {
        if (!config.allowedOrigins().isEmpty()) {
            return config.allowedOrigins().contains(origin) || config.allowedOrigins().contains("*");
        }
        try {
            return authority != null && authority.equalsIgnoreCase(URI.create(origin).getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void closeWith(ServerWebSocket ws, ErrorCode code, String message, short status) {
        ws.writeTextMessage(MessageCodec.encodeText(new ServerMessage.Error(code, message)));
        ws.close(status, code.name());
    }

    /** One socket's life: before hello, after hello, closed. Runs on the socket's event loop. */
    private final class Session {
        private final ServerWebSocket ws;
        private final String boardId;
        private final Connection conn;
        private Room room;
        private boolean helloDone;
        private final RateLimiter opsLimit = new RateLimiter(config.opsPerSecond(), 2.0 * config.opsPerSecond());
        /** All frames, presence included: a generous bound that still stops a flood. */
        private final RateLimiter frameLimit = new RateLimiter(config.opsPerSecond() + 60, 2.0 * (config.opsPerSecond() + 60));
        private final long helloTimer;

        Session(ServerWebSocket ws, String boardId, Connection conn, Room room) {
            this.ws = ws;
            this.boardId = boardId;
            this.conn = conn;
            this.room = room;
            this.helloTimer = vertx.setTimer(config.idleTimeout().toMillis(), t -> {
                if (!helloDone) closeWith(ws, BAD_MESSAGE, "no hello received", CLOSE_POLICY);
            });
        }

        void start() {
            ws.textMessageHandler(text -> {
                if (text.length() > config.maxFrameBytes() / 3 && text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > config.maxFrameBytes()) {
                    tooLarge(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
                } else {
                    onFrame(text, null);
                }
            });
            ws.binaryMessageHandler(buf -> {
                if (buf.length() > config.maxFrameBytes()) tooLarge(buf.length());
                else onFrame(null, buf.getBytes());
            });
            ws.pongHandler(b -> conn.touch());
            ws.closeHandler(v -> {
                vertx.cancelTimer(helloTimer);
                Room r = conn.room();
                if (r != null) r.post(() -> r.leave(conn));
            });
            ws.exceptionHandler(e -> { /* the close handler follows; nothing else to do */ });
            ws.resume();
        }

        private void tooLarge(int bytes) {
            closeWith(ws, TOO_LARGE, "message of " + bytes + " bytes exceeds the limit of " + config.maxFrameBytes(), CLOSE_TOO_LARGE);
        }

        private void onFrame(String text, byte[] bytes) {
            conn.touch();
            ClientMessage msg;
            try {
                msg = text != null ? MessageCodec.decodeClient(text) : MessageCodec.decodeClient(bytes);
            } catch (ProtocolException e) {
                conn.send(frameLimit.tryAcquire() ? new ServerMessage.Error(e.code(), e.getMessage())
                        : new ServerMessage.Error(RATE_LIMITED, "too many messages; slow down"));
                return;
            }
            // edits are charged to the ops budget and refused with their cid (the client rolls them back);
            // everything else to the frame budget
            if (!(msg instanceof ClientMessage.Ops) && !frameLimit.tryAcquire()) {
                conn.send(new ServerMessage.Error(RATE_LIMITED, "too many messages; slow down"));
                return;
            }
            switch (msg) {
                case ClientMessage.Hello h -> onHello(h);
                case ClientMessage.Ops ops -> {
                    if (!helloDone) {
                        conn.send(new ServerMessage.Error(BAD_MESSAGE, "send hello first"));
                    } else if (!opsLimit.tryAcquire()) {
                        conn.send(new ServerMessage.Rejected(ops.cid(), RATE_LIMITED,
                                "more than " + config.opsPerSecond() + " edits a second; this one was not applied"));
                    } else {
                        toRoom(r -> r.ops(conn, ops));
                    }
                }
                case ClientMessage.Presence p -> toRoom(r -> r.presence(conn, p));
                case ClientMessage.Facilitate f -> toRoom(r -> r.facilitate(conn, f.action()));
                case ClientMessage.Vote v -> toRoom(r -> r.vote(conn, v));
            }
        }

        /** Hands a message to the room once the hello is done; the room checks the role (it can change live). */
        private void toRoom(java.util.function.Consumer<Room> action) {
            if (!helloDone) {
                conn.send(new ServerMessage.Error(BAD_MESSAGE, "send hello first"));
            } else {
                Room r = room;
                r.post(() -> action.accept(r));
            }
        }

        private void onHello(ClientMessage.Hello h) {
            if (helloDone) {
                conn.send(new ServerMessage.Error(BAD_MESSAGE, "hello was already sent on this connection"));
                return;
            }
            if (h.v() != MessageCodec.VERSION) {
                closeWith(ws, UNSUPPORTED_VERSION, "this server speaks protocol version " + MessageCodec.VERSION
                        + ", the client " + h.v() + ": reload the page to get the current client", CLOSE_VERSION);
                return;
            }
            helloDone = true;
            vertx.cancelTimer(helloTimer);
            ws.pause(); // nothing more is read until the room has welcomed us
            rooms.hello(boardId, conn, h).onComplete(ar -> conn.context().runOnContext(v -> {
                if (ar.failed()) {
                    ErrorCode code = ar.cause() instanceof ProtocolException pe ? pe.code() : ErrorCode.BOARD_UNAVAILABLE;
                    closeWith(ws, code, ar.cause().getMessage(), CLOSE_UNAVAILABLE);
                    return;
                }
                room = ar.result();
                ws.resume();
            }));
        }
    }
}
