package dev.journeyboard.protocol.board;

import static dev.journeyboard.protocol.ErrorCode.BAD_MESSAGE;
import static dev.journeyboard.protocol.ErrorCode.UNKNOWN_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** JSON form of elements, as in snapshots: {@code {id, type, parent, index, props}}. */
public final class ElementCodec {
    private ElementCodec() {}

    public static ObjectNode toJson(Element e) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", e.id()).put("type", e.type().wire()).put("parent", e.parent()).put("index", e.index());
        o.set("props", e.props());
        return o;
    }

    public static ArrayNode toJson(Collection<Element> elements) {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode(elements.size());
        for (Element e : elements) arr.add(toJson(e));
        return arr;
    }

    public static Element fromJson(JsonNode n) {
        if (n == null || !n.isObject() || !n.path("id").isTextual() || !n.path("type").isTextual()
                || !n.path("index").isTextual() || !(n.path("parent").isTextual() || n.path("parent").isNull())
                || !n.path("props").isObject()) {
            throw new ProtocolException(BAD_MESSAGE, "an element needs id, type, parent, index and props");
        }
        ElementType type = ElementType.fromWire(n.get("type").textValue());
        if (type == null) throw new ProtocolException(UNKNOWN_TYPE, "unknown element type " + n.get("type"));
        String parent = n.get("parent").isNull() ? null : n.get("parent").textValue();
        return new Element(n.get("id").textValue(), type, parent, n.get("index").textValue(), (ObjectNode) n.get("props"));
    }

    public static List<Element> listFromJson(JsonNode n) {
        if (n == null || !n.isArray()) throw new ProtocolException(BAD_MESSAGE, "elements must be an array");
        var out = new ArrayList<Element>(n.size());
        for (JsonNode e : n) out.add(fromJson(e));
        return out;
    }
}
