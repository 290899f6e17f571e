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
 * @param dataTokenHash hash of the board's data token (integrations push metrics and feedback with it; it is no
 *                      role: it opens no socket and reads nothing), or null for a board made before there was one
 */
public record BoardMeta(String id, String title, String template, long createdAt, Map<Role, String> tokenHashes,
                        String dataTokenHash) {

    /** A board without a data token. */
    public BoardMeta(String id, String title, String template, long createdAt, Map<Role, String> tokenHashes) {
        this(id, title, template, createdAt, tokenHashes, null);
    }

    /** Whether {@code token} is this board's data token. */
    public boolean isDataToken(String token) {
        if (token == null || token.isEmpty() || dataTokenHash == null) return false;
        return Tokens.constantTimeEquals(dataTokenHash, Tokens.hash(token));
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
        if (dataTokenHash != null) o.put("dataTokenHash", dataTokenHash);
        return o;
    }

    public static BoardMeta fromJson(JsonNode n) {
        Map<Role, String> hashes = new EnumMap<>(Role.class);
        n.get("tokenHashes").fields().forEachRemaining(f -> hashes.put(Role.fromWire(f.getKey()), f.getValue().textValue()));
        return new BoardMeta(n.get("id").textValue(), n.get("title").textValue(), n.get("template").textValue(),
                n.get("createdAt").longValue(), Map.copyOf(hashes), n.path("dataTokenHash").textValue());
    }
}
