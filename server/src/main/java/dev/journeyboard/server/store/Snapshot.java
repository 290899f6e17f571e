package dev.journeyboard.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementCodec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A board's document at one seq, plus the last applied cid of each client so that re-sent ops stay
 * idempotent across a reload, and the room's recent refusals ({@code rejections}, null when none) so that a
 * re-sent refused message is refused again after a reload.
 */
public record Snapshot(long seq, List<Element> elements, Map<String, Long> clientCids, JsonNode rejections) {

    public Snapshot(long seq, List<Element> elements, Map<String, Long> clientCids) {
        this(seq, elements, clientCids, null);
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("seq", seq);
        o.set("elements", ElementCodec.toJson(elements));
        ObjectNode c = o.putObject("clients");
        clientCids.forEach(c::put);
        if (rejections != null && !rejections.isEmpty()) o.set("rejections", rejections);
        return o;
    }

    public static Snapshot fromJson(JsonNode n) {
        Map<String, Long> cids = new HashMap<>();
        n.path("clients").fields().forEachRemaining(f -> cids.put(f.getKey(), f.getValue().longValue()));
        return new Snapshot(n.get("seq").longValue(), ElementCodec.listFromJson(n.get("elements")), cids, n.get("rejections"));
    }
}
