package dev.journeyboard.server.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.board.Role;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a board is apart from its elements. Tokens are kept only as hashes: a leaked data folder or Redis
 * dump does not hand out working links.
 *
 * @param viewersComment the facilitator lets viewers comment ({@code comments.viewers}); false when absent
 */
public record BoardMeta(String id, String title, String template, long createdAt, Map<Role, String> tokenHashes,
                        boolean viewersComment) {

    public BoardMeta(String id, String title, String template, long createdAt, Map<Role, String> tokenHashes) {
        this(id, title, template, createdAt, tokenHashes, false);
    }

    /** The same board with new link tokens (a rotation), every setting kept. */
    public BoardMeta withTokenHashes(Map<Role, String> hashes) {
        return new BoardMeta(id, title, template, createdAt, hashes, viewersComment);
    }

    public BoardMeta withViewersComment(boolean on) {
        return new BoardMeta(id, title, template, createdAt, tokenHashes, on);
    }

    /** The role a capability token grants on this board, or null. */
    public Role roleOf(String token) {
        if (token == null || token.isEmpty()) return null;
        String hash = Tokens.hash(token);
        for (var e : tokenHashes.entrySet()) {
            if (Tokens.constantTimeEquals(e.getValue(), hash)) return e.getKey();
        }
        return null;
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("id", id).put("title", title).put("template", template)
                .put("createdAt", createdAt);
        ObjectNode t = o.putObject("tokenHashes");
        tokenHashes.forEach((role, hash) -> t.put(role.wire(), hash));
        if (viewersComment) o.put("viewersComment", true);
        return o;
    }

    public static BoardMeta fromJson(JsonNode n) {
        Map<Role, String> hashes = new EnumMap<>(Role.class);
        n.get("tokenHashes").fields().forEachRemaining(f -> {
            Role role = Role.fromWire(f.getKey());
            if (role != null) hashes.put(role, f.getValue().textValue());
        });
        return new BoardMeta(n.get("id").textValue(), n.get("title").textValue(), n.get("template").textValue(),
                n.get("createdAt").longValue(), Map.copyOf(hashes), n.path("viewersComment").asBoolean(false));
    }
}
