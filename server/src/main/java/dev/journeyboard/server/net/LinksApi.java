package dev.journeyboard.server.net;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.server.ServerConfig;
import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.board.SharedLinks;
import dev.journeyboard.server.store.BoardStore;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * {@code GET /api/boards/{id}/links}: the board's role links for a facilitator on any device, without
 * replacing them (PROTOCOL.md "HTTP API"). The facilitator link is the one presented; the edit and view
 * links are opened from the board's sealed shared links with it.
 */
final class LinksApi {
    private final BoardStore store;
    private final ServerConfig config;

    LinksApi(BoardStore store, ServerConfig config) {
        this.store = store;
        this.config = config;
    }


    void links(RoutingContext ctx) {
        String token = BoardAccess.token(ctx);
        BoardAccess.authorise(store, ctx, (meta, role) -> {
            if (role != Role.FACILITATOR) {
                BoardApi.error(ctx, 403, ErrorCode.FORBIDDEN, "only facilitators see the board's links");
                return;
            }
            String base = (config.publicUrl() != null ? config.publicUrl() : ctx.request().scheme() + "://" + ctx.request().authority())
                    + "/b/" + meta.id() + "#t=";
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
            BoardApi.json(ctx, 200, out);
        });
    }
}
