package dev.journeyboard.server.net;

import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.store.BoardStore;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiConsumer;

/**
 * Who a board request is: the token it presents and the board and role that token opens. Every board endpoint
 * reads the token the same way, so a link works wherever it is presented (header or URL).
 */
final class BoardAccess {
    private BoardAccess() {}

    /** {@code Authorization: Bearer …}, else {@code ?token=…}; null when there is none. */
    static String token(RoutingContext ctx) {
        String auth = ctx.request().getHeader("authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) return auth.substring(7).strip();
        String q = ctx.request().getParam("token");
        return q == null || q.isEmpty() ? null : q;
    }

    /**
     * Runs {@code then} with the board of the path's {@code id} and the role of the request's token; answers the
     * request itself otherwise: 503 STORE_UNAVAILABLE, 404 BOARD_NOT_FOUND, 401 UNAUTHORIZED.
     */
    static void authorise(BoardStore store, RoutingContext ctx, BiConsumer<BoardMeta, Role> then) {
        String token = token(ctx);
        store.meta(ctx.pathParam("id")).onComplete(ar -> {
            if (ar.failed()) {
                BoardApi.error(ctx, 503, ErrorCode.STORE_UNAVAILABLE, "the store is not reachable");
                return;
            }
            BoardMeta meta = ar.result();
            if (meta == null) {
                BoardApi.error(ctx, 404, ErrorCode.BOARD_NOT_FOUND, "no such board");
                return;
            }
            Role role = meta.roleOf(token);
            if (role == null) {
                BoardApi.error(ctx, 401, ErrorCode.UNAUTHORIZED, "missing or wrong token");
                return;
            }
            then.accept(meta, role);
        });
    }
}
