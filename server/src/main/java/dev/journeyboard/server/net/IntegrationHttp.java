package dev.journeyboard.server.net;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.voc.FeedbackRefusal;
import dev.journeyboard.server.room.BoardCall;
import dev.journeyboard.server.store.BoardStore;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * What the integration endpoints (metrics, feedback) share: the token of a request, the board's metadata, the
 * HTTP status of each refusal. (Their work runs in the board's room through {@code Boards.call}, on whichever node
 * serves the board.)
 */
final class IntegrationHttp {
    private static final System.Logger LOG = System.getLogger(IntegrationHttp.class.getName());

    private IntegrationHttp() {}


    /** The board's metadata, failing with BOARD_NOT_FOUND (or STORE_UNAVAILABLE). */
    static Future<BoardMeta> meta(BoardStore store, String boardId) {
        return store.meta(boardId).recover(e -> Future.failedFuture(new ProtocolException(ErrorCode.STORE_UNAVAILABLE,
                "the store is not reachable"))).compose(m -> m != null ? Future.succeededFuture(m)
                : Future.failedFuture(new ProtocolException(ErrorCode.BOARD_NOT_FOUND, "no such board")));
    }

    static int status(ErrorCode code) {
        return switch (code) {
            case BAD_MESSAGE, INVALID_VALUE, UNKNOWN_TYPE -> 400;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN, LOCKED -> 403;
            case ELEMENT_NOT_FOUND, BOARD_NOT_FOUND -> 404;
            case TOO_LARGE -> 413;
            case STORE_UNAVAILABLE, BOARD_UNAVAILABLE -> 503;
            default -> 500;
        };
    }

    /** Answers a failure as JSON {code, message}: refusals with their status, anything else as a 500 (a bug). */
    static void fail(RoutingContext ctx, String what, Throwable e) {
        if (ctx.response().ended()) return;
        if (e instanceof ProtocolException pe) {
            error(ctx, status(pe.code()), pe.code().name(), pe.getMessage());
        } else if (e instanceof HttpRefusal r) {
            error(ctx, r.status, r.code, r.getMessage());
        } else if (e instanceof BoardCall.Refused r) {
            error(ctx, r.status(), r.code(), r.getMessage());
        } else if (e instanceof FeedbackRefusal r) {
            error(ctx, r.status(), r.code(), r.getMessage());
        } else {
            LOG.log(System.Logger.Level.ERROR, what + " failed", e);
            error(ctx, 500, "INTERNAL", what + " failed: " + e);
        }
    }

    static void error(RoutingContext ctx, int status, String code, String message) {
        BoardApi.json(ctx, status, JsonNodeFactory.instance.objectNode().put("code", code).put("message", message));
    }

    /** A refusal with an HTTP-only code (e.g. BAD_CSV), for what has no protocol error code. */
    static final class HttpRefusal extends RuntimeException {
        final int status;
        final String code;

        HttpRefusal(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    /**
     * The failure handler of a route with a body limit: the body handler ends an over-long body with 413, which
     * becomes our JSON answer; other failures keep theirs.
     */
    static void bodyFailure(RoutingContext ctx, String limitSetting, long limit) {
        int status = ctx.statusCode();
        if (status == 413) {
            error(ctx, 413, ErrorCode.TOO_LARGE.name(), "the body is larger than " + limit + " bytes (" + limitSetting + ")");
        } else if (ctx.failure() != null) {
            fail(ctx, ctx.request().path(), ctx.failure());
        } else {
            error(ctx, status < 400 ? 500 : status, status == 400 ? ErrorCode.BAD_MESSAGE.name() : "INTERNAL", "the request failed (" + status + ")");
        }
    }
}
