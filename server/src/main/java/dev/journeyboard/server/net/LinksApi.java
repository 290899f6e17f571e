package dev.journeyboard.server.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.DisplayName;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.board.PersonalLink;
import dev.journeyboard.server.board.SharedLinks;
import dev.journeyboard.server.board.Tokens;
import dev.journeyboard.server.room.BoardCall;
import dev.journeyboard.server.room.CloseReason;
import dev.journeyboard.server.room.Member;
import dev.journeyboard.server.room.Room;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The board's links, for its facilitators only (PROTOCOL.md "HTTP API", "Personal links"). {@code GET
 * /api/boards/{id}/links}: the role links on any device, without replacing them (the facilitator link is the one
 * presented; the edit and view links are opened from the board's sealed shared links with it), and the personal
 * links. {@code POST …/links} issues a personal link for a named person with a role; {@code DELETE
 * …/links/{linkId}} revokes it, closing its sockets with 4401 and nobody else's. Personal links change the metadata
 * in the board's room ({@link BoardCall}s, on whichever node serves it), so the room's copy never goes stale.
 */
final class LinksApi {
    static final String CREATE = "links.personal.create";
    static final String REVOKE = "links.personal.revoke";
    /** Personal links a board may hold: a workshop's people, with room to spare. */
    static final int MAX_LINKS = 200;

    private final BoardAccess access;

    LinksApi(BoardAccess access) {
        this.access = access;
        access.calls().register(CREATE, this::createInRoom);
        access.calls().register(REVOKE, this::revokeInRoom);
    }

    /** {@code GET /api/boards/{id}/links} → {"links","tokens","personal"}. */
    void list(RoutingContext ctx) {
        String token = BoardAccess.token(ctx);
        facilitator(ctx, "only facilitators see the board's links", meta -> {
            String base = access.linkBase(ctx, meta.id());
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            ObjectNode links = out.putObject("links");
            ObjectNode tokens = out.putObject("tokens");
            links.put("facilitator", base + token);
            tokens.put("facilitator", token);
            // a board made before shared links were kept answers the facilitator link only
            for (Map.Entry<String, String> e : SharedLinks.open(meta.sharedLinks(), token).entrySet()) {
                // the data token is no page link: integrations push with it (tokens.data only)
                if (!e.getKey().equals("data")) links.put(e.getKey(), base + e.getValue());
                tokens.put(e.getKey(), e.getValue());
            }
            // personal links: who and with which role; their tokens are kept only as hashes, so no link
            var personal = out.putArray("personal");
            for (var l : meta.personal()) {
                personal.addObject().put("id", l.id()).put("name", l.name()).put("role", l.role().wire()).put("createdAt", l.createdAt());
            }
            Answers.json(ctx, 200, out);
        });
    }

    /** {@code POST /api/boards/{id}/links} {"name","role"} → 201 {"id","name","role","createdAt","link","token"}. */
    void create(RoutingContext ctx) {
        facilitator(ctx, "only facilitators issue personal links", meta -> {
            ObjectNode args;
            try {
                args = checked(BoardAccess.body(ctx));
            } catch (ProtocolException e) {
                Answers.error(ctx, 400, e.code(), e.getMessage());
                return;
            }
            access.boards().call(meta.id(), new BoardCall(CREATE, args, null)).onComplete(ar -> {
                if (ar.failed()) {
                    Answers.fail(ctx, "personal link for board " + meta.id(), ar.cause());
                    return;
                }
                ObjectNode out = ar.result();
                out.put("link", access.linkBase(ctx, meta.id()) + out.get("token").textValue());
                Answers.json(ctx, 201, out);
            });
        });
    }

    /** {@code DELETE /api/boards/{id}/links/{linkId}} → 204; its sockets close with 4401. */
    void revoke(RoutingContext ctx) {
        String linkId = ctx.pathParam("linkId");
        facilitator(ctx, "only facilitators revoke personal links", meta -> {
            if (meta.personal().stream().noneMatch(l -> l.id().equals(linkId))) {
                Answers.error(ctx, 404, ErrorCode.INVALID_VALUE, "the board has no personal link '" + linkId + "'");
                return;
            }
            var args = JsonNodeFactory.instance.objectNode().put("id", linkId);
            access.boards().call(meta.id(), new BoardCall(REVOKE, args, null)).onComplete(ar -> {
                if (ar.failed()) Answers.fail(ctx, "revoking a personal link of board " + meta.id(), ar.cause());
                else ctx.response().setStatusCode(204).putHeader("cache-control", "no-store").end();
            });
        });
    }

    /** Runs {@code then} for a facilitator of the board; anyone else is answered 403 with {@code forbidden}. */
    private void facilitator(RoutingContext ctx, String forbidden, Consumer<BoardMeta> then) {
        access.authorise(ctx, (meta, role) -> {
            if (role == Role.FACILITATOR) then.accept(meta);
            else Answers.error(ctx, 403, ErrorCode.FORBIDDEN, forbidden);
        });
    }

    /** The request's {"name","role"}, checked before any hop. */
    private static ObjectNode checked(byte[] body) {
        JsonNode n = MessageCodec.parseObject(body);
        String name = n.path("name").isTextual() ? n.get("name").textValue().strip() : null;
        if (name == null) throw new ProtocolException(ErrorCode.BAD_MESSAGE, "'name' must be a string: who the link is for");
        String problem = DisplayName.problem(name);
        if (problem != null) throw new ProtocolException(ErrorCode.INVALID_VALUE, "name: " + problem);
        Role role = n.path("role").isTextual() ? Role.fromWire(n.get("role").textValue()) : null;
        if (role == null) throw new ProtocolException(ErrorCode.BAD_MESSAGE, "'role' must be facilitator, editor, commenter or viewer");
        return JsonNodeFactory.instance.objectNode().put("name", name).put("role", role.wire());
    }

    /** In the board's room: a new token, kept as a hash in the metadata; the answer carries the token once. */
    private Future<ObjectNode> createInRoom(Room room, BoardCall call) {
        return room.act(actions -> {
            var meta = actions.meta();
            if (meta.personal().size() >= MAX_LINKS) {
                return Future.failedFuture(new ProtocolException(ErrorCode.TOO_LARGE, "a board holds at most " + MAX_LINKS + " personal links"));
            }
            String token = Tokens.newToken();
            var link = new PersonalLink("pl" + Tokens.newBoardId(), call.args().get("name").textValue(),
                    Role.fromWire(call.args().get("role").textValue()), Tokens.hash(token), System.currentTimeMillis());
            return actions.replaceMeta(meta.withPersonal(link)).map(v -> JsonNodeFactory.instance.objectNode()
                    .put("id", link.id()).put("name", link.name()).put("role", link.role().wire())
                    .put("createdAt", link.createdAt()).put("token", token));
        });
    }

    /** In the board's room: the link leaves the metadata (durably), then the sockets that joined with it close. */
    private Future<ObjectNode> revokeInRoom(Room room, BoardCall call) {
        String linkId = call.args().get("id").textValue();
        return room.act(actions -> actions.replaceMeta(actions.meta().withoutPersonal(linkId)).map(v -> {
            for (Member m : List.copyOf(actions.members())) {
                if (linkId.equals(m.personalLink())) actions.remove(m, CloseReason.UNAUTHORIZED, "this personal link was revoked");
            }
            return JsonNodeFactory.instance.objectNode().put("revoked", linkId);
        }));
    }
}
