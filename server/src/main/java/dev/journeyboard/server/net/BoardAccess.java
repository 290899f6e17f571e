package dev.journeyboard.server.net;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.server.ServerConfig;
import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.room.BoardCalls;
import dev.journeyboard.server.room.Boards;
import dev.journeyboard.server.store.BoardStore;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * How the board endpoints reach a board, one for all of a verticle's endpoints: who a request is (the token it
 * presents and the board and role that token opens, from the store's metadata), the board itself wherever it is
 * served ({@code boards}: reads and calls), what each call does there ({@code calls}) and the server's settings.
 * Every endpoint reads the token the same way, so a link works wherever it is presented (header or URL).
 */
record BoardAccess(BoardStore store, Boards boards, BoardCalls calls, ServerConfig config) {

    /** {@code Authorization: Bearer …}, else {@code ?token=…}; null when there is none. */
    static String token(RoutingContext ctx) {
        String auth = ctx.request().getHeader("authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) return auth.substring(7).strip();
        String q = ctx.request().getParam("token");
        return q == null || q.isEmpty() ? null : q;
    }

    /** The request's body as read by its route's BodyHandler; empty when it had none. */
    static byte[] body(RoutingContext ctx) {
        return ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    }

    /**
     * Runs {@code then} with the board of the path's {@code id} and the role of the request's token; answers the
     * request itself otherwise: 503 STORE_UNAVAILABLE, 404 BOARD_NOT_FOUND, 401 UNAUTHORIZED.
     */
    void authorise(RoutingContext ctx, BiConsumer<BoardMeta, Role> then) {
        String token = token(ctx);
        meta(ctx.pathParam("id")).onComplete(ar -> {
            Role role = ar.succeeded() ? ar.result().roleOf(token) : null;
            if (ar.failed()) Answers.fail(ctx, "board " + ctx.pathParam("id"), ar.cause());
            else if (role == null) Answers.error(ctx, 401, ErrorCode.UNAUTHORIZED, "missing or wrong token");
            else then.accept(ar.result(), role);
        });
    }

    /**
     * Runs {@code work} with the path's board and the request's token, which the work checks itself (the data token
     * opens no role); answers 200 with what it gives, or its failure ({@code what}: the request, for the log).
     */
    void answer(RoutingContext ctx, String what, BiFunction<BoardMeta, String, Future<ObjectNode>> work) {
        String boardId = ctx.pathParam("id");
        String token = token(ctx);
        meta(boardId).compose(meta -> work.apply(meta, token)).onComplete(ar -> {
            if (ar.succeeded()) Answers.json(ctx, 200, ar.result());
            else Answers.fail(ctx, what + " on board " + boardId, ar.cause());
        });
    }

    /** The board's metadata, failing with BOARD_NOT_FOUND (or STORE_UNAVAILABLE). */
    Future<BoardMeta> meta(String boardId) {
        return store.meta(boardId).recover(e -> Future.failedFuture(new ProtocolException(ErrorCode.STORE_UNAVAILABLE,
                "the store is not reachable"))).compose(m -> m != null ? Future.succeededFuture(m)
                : Future.failedFuture(new ProtocolException(ErrorCode.BOARD_NOT_FOUND, "no such board")));
    }

    /** A board's page link up to its token ({@code …/b/<id>#t=}): at the public URL when one is set, else where the request came. */
    String linkBase(RoutingContext ctx, String boardId) {
        return (config.publicUrl() != null ? config.publicUrl() : ctx.request().scheme() + "://" + ctx.request().authority())
                + "/b/" + boardId + "#t=";
    }
}
