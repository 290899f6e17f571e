package dev.journeyboard.server.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.server.api.Refusal;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * How the HTTP API answers: JSON bodies, errors as {@code {"code","message"}}, and the one mapping of a failure to
 * its answer (a protocol error code to its HTTP status, a {@link Refusal} as it says, anything else a 500).
 */
final class Answers {
    private static final System.Logger LOG = System.getLogger(Answers.class.getName());

    private Answers() {}

    static void json(RoutingContext ctx, int status, JsonNode body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                .putHeader("cache-control", "no-store").end(Buffer.buffer(MessageCodec.bytes(body)));
    }

    static void error(RoutingContext ctx, int status, ErrorCode code, String message) {
        error(ctx, status, code.name(), message);
    }

    /** An error with an HTTP-only code ({@code EXPORT_NOT_FOUND}, …); nothing when the request is answered already. */
    static void error(RoutingContext ctx, int status, String code, String message) {
        if (ctx.response().ended()) return;
        json(ctx, status, JsonNodeFactory.instance.objectNode().put("code", code).put("message", message));
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

    /** Answers a failure: refusals with their status, anything else as a 500 (a bug), logged as {@code what} failing. */
    static void fail(RoutingContext ctx, String what, Throwable e) {
        if (ctx.response().ended()) return;
        if (e instanceof ProtocolException pe) {
            error(ctx, status(pe.code()), pe.code(), pe.getMessage());
        } else if (e instanceof Refusal r) {
            error(ctx, r.status(), r.code(), r.getMessage());
        } else {
            LOG.log(System.Logger.Level.ERROR, what + " failed", e);
            error(ctx, 500, "INTERNAL", what + " failed: " + e);
        }
    }

    /**
     * Answers a board read's protocol failure, as the HTTP API does for every read of the board: 404 when there is no
     * such board, else 503 with its code (the board is not loadable now); false for any other failure.
     */
    static boolean boardUnreadable(RoutingContext ctx, Throwable cause) {
        if (!(cause instanceof ProtocolException pe)) return false;
        if (pe.code() == ErrorCode.BOARD_NOT_FOUND) error(ctx, 404, ErrorCode.BOARD_NOT_FOUND, "no such board");
        else error(ctx, 503, pe.code(), pe.getMessage());
        return true;
    }

    /**
     * The failure handler of a route with a body limit: the body handler ends an over-long body with 413, which
     * becomes our JSON answer; other failures keep theirs.
     */
    static void bodyFailure(RoutingContext ctx, String limitSetting, long limit) {
        int status = ctx.statusCode();
        if (status == 413) {
            error(ctx, 413, ErrorCode.TOO_LARGE, "the body is larger than " + limit + " bytes (" + limitSetting + ")");
        } else if (ctx.failure() != null) {
            fail(ctx, ctx.request().path(), ctx.failure());
        } else {
            error(ctx, status < 400 ? 500 : status, status == 400 ? ErrorCode.BAD_MESSAGE.name() : "INTERNAL", "the request failed (" + status + ")");
        }
    }
}
