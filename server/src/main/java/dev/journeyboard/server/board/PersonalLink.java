package dev.journeyboard.server.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.board.Role;

/**
 * A link issued to one named person with a role (PROTOCOL.md "Personal links"): a shared link plus a cleared browser
 * gets around a removal, a personal link can be revoked alone. Like every token, only its hash is kept.
 *
 * @param id        what the facilitator revokes it by
 * @param name      who it is for, as the facilitator typed it
 * @param tokenHash SHA-256 of its token
 */
public record PersonalLink(String id, String name, Role role, String tokenHash, long createdAt) {

    ObjectNode toJson(ObjectNode o) {
        return o.put("id", id).put("name", name).put("role", role.wire()).put("tokenHash", tokenHash).put("createdAt", createdAt);
    }

    static PersonalLink fromJson(JsonNode n) {
        Role role = Role.fromWire(n.path("role").asText(""));
        if (role == null || !n.path("id").isTextual() || !n.path("tokenHash").isTextual()) return null;
        return new PersonalLink(n.get("id").textValue(), n.path("name").asText(""), role, n.get("tokenHash").textValue(),
                n.path("createdAt").asLong(0));
    }
}
