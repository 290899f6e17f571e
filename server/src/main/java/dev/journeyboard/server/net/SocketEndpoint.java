package dev.journeyboard.server.net;

import static dev.journeyboard.protocol.ErrorCode.UNAUTHORIZED;

import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.server.ServerConfig;
import dev.journeyboard.server.room.CloseReason;
import dev.journeyboard.server.room.Boards;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;

/**
 * {@code /ws/boards/{id}?token=…}: checks the Origin, upgrades, authenticates the token against the board,
 * then hands the socket to its {@link SocketLifecycle}. One per HTTP verticle, on its event loop.
 */
final class SocketEndpoint {
    private final Vertx vertx;
    private final BoardAccess access;
    private final Liveness liveness;

    /** Call on the verticle's context: its sockets' liveness timer runs there. */
    SocketEndpoint(Vertx vertx, BoardAccess access) {
        this.vertx = vertx;
        this.access = access;
        this.liveness = new Liveness(vertx, access.config().pingInterval(), access.config().idleTimeout());
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
        ServerConfig config = access.config();
        Boards boards = access.boards();
        Context context = vertx.getOrCreateContext(); // the socket's event loop: its lifecycle runs there
        req.toWebSocket().onSuccess(ws -> {
            ws.pause(); // nothing is read until we know the board and the role
            var socket = new WebSocketConnection(ws, context, config.maxQueuedBytes());
            boards.meta(boardId).onComplete(ar -> context.runOnContext(v -> {
                if (ar.failed()) {
                    ErrorCode code = ar.cause() instanceof ProtocolException pe ? pe.code() : ErrorCode.BOARD_UNAVAILABLE;
                    socket.closeWith(CloseReason.refusing(code), ar.cause().getMessage());
                    return;
                }
                Role role = ar.result().roleOf(token);
                if (role == null) {
                    socket.closeWith(CloseReason.refusing(UNAUTHORIZED), "this link is not valid for the board");
                    return;
                }
                var personal = ar.result().personalLinkOf(token);
                if (personal != null) socket.personalLink(personal.id());
                new SocketLifecycle(vertx, context, boards, config, liveness, ws, socket, boardId, role).start();
            }));
        });
    }

    /** Same host as the server when no allow-list is configured. */
    private boolean originAllowed(String origin, String authority) {
        ServerConfig config = access.config();
        if (!config.allowedOrigins().isEmpty()) {
            return config.allowedOrigins().contains(origin) || config.allowedOrigins().contains("*");
        }
        try {
            return authority != null && authority.equalsIgnoreCase(URI.create(origin).getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
