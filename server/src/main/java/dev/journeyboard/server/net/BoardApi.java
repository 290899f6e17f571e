package dev.journeyboard.server.net;

import static dev.journeyboard.server.net.Answers.error;
import static dev.journeyboard.server.net.Answers.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.board.Templates;
import dev.journeyboard.server.board.Tokens;
import dev.journeyboard.server.room.Rooms;
import dev.journeyboard.server.store.Snapshot;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** The HTTP API: create a board, read its metadata, health. */
final class BoardApi {
    private static final int MAX_TITLE = 200;

    private final BoardAccess access;
    private final Rooms rooms;
    private final HttpVerticle.Shared shared;

    BoardApi(BoardAccess access, Rooms rooms, HttpVerticle.Shared shared) {
        this.access = access;
        this.rooms = rooms;
        this.shared = shared;
    }

    /**
     * {@code DELETE /api/boards/{id}} with the facilitator token ({@code Authorization: Bearer}, or {@code ?token=}):
     * the board and all its data, for good (PROTOCOL.md "Deleting a board").
     */
    void delete(RoutingContext ctx) {
        access.authorise(ctx, (meta, role) -> {
            if (role != Role.FACILITATOR) {
                error(ctx, 403, ErrorCode.FORBIDDEN, "only a facilitator may delete the board");
            } else {
                rooms.delete(meta.id(), shared.eraser()).onComplete(d -> {
                    if (d.failed()) error(ctx, 503, ErrorCode.STORE_UNAVAILABLE, "the board could not be deleted just now: " + d.cause().getMessage());
                    else ctx.response().setStatusCode(204).putHeader("cache-control", "no-store").end();
                });
            }
        });
    }

    void create(RoutingContext ctx) {
        if (!shared.gate().keyAccepted(ctx.request().getHeader("Authorization"))) {
            ctx.response().putHeader("www-authenticate", "Bearer realm=\"journey-board\"");
            error(ctx, 401, ErrorCode.UNAUTHORIZED, "creating a board needs this server's creation key");
            return;
        }
        var peer = ctx.request().remoteAddress();
        if (!shared.gate().tryCreate(peer == null ? "?" : peer.hostAddress())) {
            ctx.response().putHeader("retry-after", "60");
            error(ctx, 429, ErrorCode.RATE_LIMITED, "too many boards created from this address; try again in a minute");
            return;
        }
        JsonNode body;
        try {
            body = MessageCodec.parseObject(BoardAccess.body(ctx));
        } catch (ProtocolException e) {
            error(ctx, 400, e.code(), e.getMessage());
            return;
        }
        String title = body.path("title").isTextual() ? body.get("title").textValue().strip() : "";
        String template = body.path("template").isTextual() ? body.get("template").textValue() : "journey";
        if (title.isEmpty() || title.codePointCount(0, title.length()) > MAX_TITLE) {
            error(ctx, 400, ErrorCode.BAD_MESSAGE, "title must be 1.." + MAX_TITLE + " characters");
            return;
        }
        if (!Templates.NAMES.contains(template)) {
            error(ctx, 400, ErrorCode.BAD_MESSAGE, "template must be one of " + Templates.NAMES);
            return;
        }
        String lang = TemplatesApi.boardLang(body.get("lang"), title);
        if (lang == null) {
            error(ctx, 400, ErrorCode.BAD_MESSAGE, "lang must be zh or en");
            return;
        }
        var issued = Tokens.issue();
        var meta = new BoardMeta(Tokens.newBoardId(), title, template, System.currentTimeMillis(), issued.hashes()).withLinks(issued);
        access.store().create(meta, new Snapshot(0, Templates.elements(template, lang), Map.of())).onComplete(ar -> {
            if (ar.failed()) {
                error(ctx, 503, ErrorCode.STORE_UNAVAILABLE, "the board could not be saved: " + ar.cause().getMessage());
                return;
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode().put("id", meta.id()).put("title", title).put("template", template)
                    .put("lang", lang);
            ObjectNode links = out.putObject("links");
            issued.links(access.linkBase(ctx, meta.id())).forEach(links::put);
            ObjectNode tok = out.putObject("tokens");
            issued.tokensWithData().forEach(tok::put); // facilitator, edit, view and data (integrations)
            json(ctx, 201, out);
        });
    }

    void get(RoutingContext ctx) {
        String token = ctx.request().getParam("token");
        access.store().meta(ctx.pathParam("id")).onComplete(ar -> {
            if (ar.failed()) {
                error(ctx, 503, ErrorCode.STORE_UNAVAILABLE, "the store is not reachable");
            } else if (ar.result() == null) {
                error(ctx, 404, ErrorCode.BOARD_NOT_FOUND, "no such board");
            } else {
                BoardMeta meta = ar.result();
                Role role = meta.roleOf(token);
                if (role == null) {
                    error(ctx, 401, ErrorCode.UNAUTHORIZED, "missing or wrong token");
                    return;
                }
                json(ctx, 200, JsonNodeFactory.instance.objectNode().put("id", meta.id()).put("title", meta.title())
                        .put("template", meta.template()).put("role", role.wire()).put("createdAt", meta.createdAt()));
            }
        });
    }

    void health(RoutingContext ctx) {
        access.store().ping().onComplete(ar -> {
            ObjectNode out = JsonNodeFactory.instance.objectNode().put("status", ar.succeeded() ? "ok" : "degraded");
            ObjectNode s = out.putObject("store").put("kind", access.store().kind()).put("status", ar.succeeded() ? "up" : "down");
            if (ar.failed()) s.put("error", String.valueOf(ar.cause().getMessage()));
            out.put("rooms", rooms.loaded()).put("connections", rooms.stats().connections.get());
            json(ctx, ar.succeeded() ? 200 : 503, out);
        });
    }
}
