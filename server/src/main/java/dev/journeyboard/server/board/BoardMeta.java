package dev.journeyboard.server.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.board.Role;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a board is apart from its elements. Tokens are kept only as hashes: a leaked data folder or Redis
 * dump does not hand out working links. {@code sharedLinks} holds the link tokens other than the facilitator's
 * sealed with the facilitator token ({@link SharedLinks}), or null for a board made before they were kept.
 *
 * @param dataTokenHash  hash of the board's data token (integrations push metrics and feedback with it; it is no
 *                       role: it opens no socket and reads nothing), or null for a board made before there was one
 * @param viewersComment the facilitator lets viewers comment ({@code comments.viewers}); false when absent
 * @param people         what the facilitator decided about persons (the {@code hello.person} id, or the tab's client
 *                       id for clients that send none): {@link #REMOVED}, or the wire name of the role they now have
 * @param personal       the personal links issued and not revoked ({@link PersonalLink})
 */
public record BoardMeta(String id, String title, String template, long createdAt, Map<Role, String> tokenHashes, String sharedLinks,
                        String dataTokenHash, boolean viewersComment, Map<String, String> people, java.util.List<PersonalLink> personal) {
    /** The decision that keeps a person out of the board. */
    public static final String REMOVED = "removed";

    public BoardMeta {
        people = people == null ? Map.of() : Map.copyOf(people);
        personal = personal == null ? java.util.List.of() : java.util.List.copyOf(personal);
    }

    public BoardMeta(String id, String title, String template, long createdAt, Map<Role, String> tokenHashes, String sharedLinks,
                     String dataTokenHash, boolean viewersComment, Map<String, String> people) {
        this(id, title, template, createdAt, tokenHashes, sharedLinks, dataTokenHash, viewersComment, people, null);
    }

    public BoardMeta(String id, String title, String template, long createdAt, Map<Role, String> tokenHashes) {
        this(id, title, template, createdAt, tokenHashes, null, null, false, Map.of());
    }

    public BoardMeta(String id, String title, String template, long createdAt, Map<Role, String> tokenHashes, String sharedLinks) {
        this(id, title, template, createdAt, tokenHashes, sharedLinks, null, false, Map.of());
    }

    /** The same board with a decision about a person: {@link #REMOVED} or a role's wire name. */
    public BoardMeta withPerson(String person, String decision) {
        var next = new java.util.HashMap<>(people);
        next.put(person, decision);
        return new BoardMeta(id, title, template, createdAt, tokenHashes, sharedLinks, dataTokenHash, viewersComment, next, personal);
    }

    /** The same board with the links and data token of a new issue (creation, or the facilitator's links.rotate), every setting kept. */
    public BoardMeta withLinks(Tokens.Issued issued) {
        return new BoardMeta(id, title, template, createdAt, issued.hashes(), SharedLinks.seal(issued), issued.dataHash(), viewersComment, people, personal);
    }

    public BoardMeta withViewersComment(boolean on) {
        return new BoardMeta(id, title, template, createdAt, tokenHashes, sharedLinks, dataTokenHash, on, people, personal);
    }

    /** The same board with one more personal link. */
    public BoardMeta withPersonal(PersonalLink link) {
        var next = new java.util.ArrayList<>(personal);
        next.add(link);
        return new BoardMeta(id, title, template, createdAt, tokenHashes, sharedLinks, dataTokenHash, viewersComment, people, next);
    }

    /** The same board without the personal link {@code linkId} (revoked). */
    public BoardMeta withoutPersonal(String linkId) {
        var next = new java.util.ArrayList<>(personal);
        next.removeIf(l -> l.id().equals(linkId));
        return new BoardMeta(id, title, template, createdAt, tokenHashes, sharedLinks, dataTokenHash, viewersComment, people, next);
    }

    /** The role a capability token grants on this board, or null. */
    public Role roleOf(String token) {
        if (token == null || token.isEmpty()) return null;
        String hash = Tokens.hash(token);
        for (var e : tokenHashes.entrySet()) {
            if (Tokens.constantTimeEquals(e.getValue(), hash)) return e.getKey();
        }
        PersonalLink own = personalLinkOf(token);
        return own == null ? null : own.role();
    }

    /** The personal link {@code token} is, or null (a shared link, or no link of this board). */
    public PersonalLink personalLinkOf(String token) {
        if (token == null || token.isEmpty() || personal.isEmpty()) return null;
        String hash = Tokens.hash(token);
        for (PersonalLink l : personal) {
            if (Tokens.constantTimeEquals(l.tokenHash(), hash)) return l;
        }
        return null;
    }

    /** Whether {@code token} is this board's data token. */
    public boolean isDataToken(String token) {
        if (token == null || token.isEmpty() || dataTokenHash == null) return false;
        return Tokens.constantTimeEquals(dataTokenHash, Tokens.hash(token));
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("id", id).put("title", title).put("template", template)
                .put("createdAt", createdAt);
        ObjectNode t = o.putObject("tokenHashes");
        tokenHashes.forEach((role, hash) -> t.put(role.wire(), hash));
        if (sharedLinks != null) o.put("sharedLinks", sharedLinks);
        if (dataTokenHash != null) o.put("dataTokenHash", dataTokenHash);
        if (viewersComment) o.put("viewersComment", true);
        if (!people.isEmpty()) {
            ObjectNode p = o.putObject("people");
            people.forEach(p::put);
        }
        if (!personal.isEmpty()) {
            var links = o.putArray("personal");
            for (PersonalLink l : personal) l.toJson(links.addObject());
        }
        return o;
    }

    public static BoardMeta fromJson(JsonNode n) {
        Map<Role, String> hashes = new EnumMap<>(Role.class);
        n.get("tokenHashes").fields().forEachRemaining(f -> {
            Role role = Role.fromWire(f.getKey());
            if (role != null) hashes.put(role, f.getValue().textValue());
        });
        return new BoardMeta(n.get("id").textValue(), n.get("title").textValue(), n.get("template").textValue(),
                n.get("createdAt").longValue(), Map.copyOf(hashes), n.path("sharedLinks").isTextual() ? n.get("sharedLinks").textValue() : null,
                n.path("dataTokenHash").textValue(), n.path("viewersComment").asBoolean(false), people(n.path("people")),
                personal(n.path("personal")));
    }

    private static java.util.List<PersonalLink> personal(JsonNode n) {
        var out = new java.util.ArrayList<PersonalLink>();
        for (JsonNode l : n) {
            PersonalLink link = PersonalLink.fromJson(l);
            if (link != null) out.add(link);
        }
        return out;
    }

    private static Map<String, String> people(JsonNode n) {
        var out = new java.util.HashMap<String, String>();
        n.fields().forEachRemaining(f -> {
            if (f.getValue().isTextual()) out.put(f.getKey(), f.getValue().textValue());
        });
        return out;
    }
}
