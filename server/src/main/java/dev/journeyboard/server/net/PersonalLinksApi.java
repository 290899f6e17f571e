package dev.journeyboard.server.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.message.DisplayName;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.server.ServerConfig;
import dev.journeyboard.server.board.PersonalLink;
import dev.journeyboard.server.board.Tokens;
import dev.journeyboard.server.room.BoardCall;
import dev.journeyboard.server.room.BoardCalls;
import dev.journeyboard.server.room.Boards;
import dev.journeyboard.server.room.CloseReason;
import dev.journeyboard.server.room.Member;
import dev.journeyboard.server.room.Room;
import dev.journeyboard.server.store.BoardStore;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * Personal links (PROTOCOL.md "Personal links"): {@code POST /api/boards/{id}/links} issues one for a named person
 * with a role, {@code DELETE /api/boards/{id}/links/{linkId}} revokes it, closing its sockets with 4401 and nobody
 * else's; {@code GET …/links} lists them ({@link LinksApi}). Only facilitators. The metadata changes in the board's
 * room ({@link BoardCall}s, on whichever node serves it), so the room's copy of the metadata never goes stale.
 */
final class PersonalLinksApi {
    static final String CREATE = "links.personal.create";
    static final String REVOKE = "links.personal.revoke";
    /** Personal links a board may hold: a workshop's people, with room to spare. */
    static final int MAX_LINKS = 200;

    private final BoardStore store;
    private final Boards boards;
    private final ServerConfig config;

    PersonalLinksApi(BoardStore store, Boards boards, BoardCalls calls, ServerConfig config) {
        this.store = store;
        this.boards = boards;
        this.config = config;
        calls.register(CREATE, this::create);
        calls.register(REVOKE, this::revoke);
    }

    /** {@code POST /api/boards/{id}/links} {"name","role"} → 201 {"id","name","role","createdAt","link","token"}. */
    void handleCreate(RoutingContext ctx) {
        BoardAccess.authorise(store, ctx, (meta, role) -> {
            if (role != Role.FACILITATOR) {
                BoardApi.error(ctx, 403, ErrorCode.FORBIDDEN, "only facilitators issue personal links");
                return;
            }
            ObjectNode args;
            try {
                args = checked(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
            } catch (ProtocolException e) {
                BoardApi.error(ctx, 400, e.code(), e.getMessage());
                return;
            }
            boards.call(meta.id(), new BoardCall(CREATE, args, null)).onComplete(ar -> {
                if (ar.failed()) {
                    IntegrationHttp.fail(ctx, "personal link for board " + meta.id(), ar.cause());
                    return;
                }
                ObjectNode out = ar.result();
                out.put("link", base(ctx, meta.id()) + out.get("token").textValue());
                BoardApi.json(ctx, 201, out);
            });
        });
    }

    /** {@code DELETE /api/boards/{id}/links/{linkId}} → 204; its sockets close with 4401. */
    void handleRevoke(RoutingContext ctx) {
        String linkId = ctx.pathParam("linkId");
        BoardAccess.authorise(store, ctx, (meta, role) -> {
            if (role != Role.FACILITATOR) {
                BoardApi.error(ctx, 403, ErrorCode.FORBIDDEN, "only facilitators revoke personal links");
                return;
            }
            if (meta.personal().stream().noneMatch(l -> l.id().equals(linkId))) {
                BoardApi.error(ctx, 404, ErrorCode.INVALID_VALUE, "the board has no personal link '" + linkId + "'");
                return;
            }
            var args = JsonNodeFactory.instance.objectNode().put("id", linkId);
            boards.call(meta.id(), new BoardCall(REVOKE, args, null)).onComplete(ar -> {
                if (ar.failed()) IntegrationHttp.fail(ctx, "revoking a personal link of board " + meta.id(), ar.cause());
                else ctx.response().setStatusCode(204).putHeader("cache-control", "no-store").end();
            });
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
    private Future<ObjectNode> create(Room room, BoardCall call) {
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
    private Future<ObjectNode> revoke(Room room, BoardCall call) {
        String linkId = call.args().get("id").textValue();
        return room.act(actions -> actions.replaceMeta(actions.meta().withoutPersonal(linkId)).map(v -> {
            for (Member m : java.util.List.copyOf(actions.members())) {
                if (linkId.equals(m.personalLink())) actions.remove(m, CloseReason.UNAUTHORIZED, "this personal link was revoked");
            }
            return JsonNodeFactory.instance.objectNode().put("revoked", linkId);
        }));
    }

    private String base(RoutingContext ctx, String boardId) {
        return (config.publicUrl() != null ? config.publicUrl() : ctx.request().scheme() + "://" + ctx.request().authority())
                + "/b/" + boardId + "#t=";
    }
}
