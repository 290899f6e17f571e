package dev.journeyboard.protocol.op;

import static dev.journeyboard.protocol.ErrorCode.BAD_MESSAGE;
import static dev.journeyboard.protocol.ErrorCode.UNKNOWN_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.ElementType;
import java.util.ArrayList;
import java.util.List;

/** JSON form of ops. Shape errors are BAD_MESSAGE; value rules are checked by {@code Document}. */
public final class OpCodec {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OpCodec() {}

    public static List<Op> parseList(JsonNode node) {
        if (node == null || !node.isArray()) throw bad("'ops' must be an array");
        var out = new ArrayList<Op>(node.size());
        for (JsonNode n : node) out.add(parse(n));
        return List.copyOf(out);
    }

    public static Op parse(JsonNode n) {
        if (n == null || !n.isObject()) throw bad("an op must be an object");
        String kind = requiredString(n, "op");
        return switch (kind) {
            case "create" -> {
                String typeName = requiredString(n, "type");
                ElementType type = ElementType.fromWire(typeName);
                if (type == null) throw new ProtocolException(UNKNOWN_TYPE, "create: unknown element type '" + typeName + "'");
                yield new Op.Create(requiredString(n, "id"), type, nullableString(n, "parent"),
                        requiredString(n, "index"), optionalObject(n, "props"));
            }
            case "update" -> new Op.Update(requiredString(n, "id"), optionalObject(n, "set"), stringList(n, "unset"));
            // a move without "parent" keeps the parent; "parent": null moves to the root
            case "delete" -> new Op.Delete(requiredString(n, "id"));
            case "move" -> new Op.Move(requiredString(n, "id"), n.has("parent"), nullableString(n, "parent"),
                    requiredString(n, "index"));
            case "batch" -> new Op.Batch(parseList(n.get("ops")));
            default -> throw new ProtocolException(UNKNOWN_TYPE, "unknown op '" + kind + "'");
        };
    }

    public static ArrayNode toJson(List<Op> ops) {
        ArrayNode arr = NODES.arrayNode(ops.size());
        for (Op op : ops) arr.add(toJson(op));
        return arr;
    }

    public static ObjectNode toJson(Op op) {
        ObjectNode o = NODES.objectNode();
        switch (op) {
            case Op.Create c -> {
                o.put("op", "create").put("id", c.id()).put("type", c.type().wire()).put("parent", c.parent())
                        .put("index", c.index());
                o.set("props", c.props());
            }
            case Op.Update u -> {
                o.put("op", "update").put("id", u.id());
                o.set("set", u.set());
                ArrayNode unset = o.putArray("unset");
                u.unset().forEach(unset::add);
            }
            case Op.Delete d -> o.put("op", "delete").put("id", d.id());
            case Op.Move m -> {
                o.put("op", "move").put("id", m.id());
                if (m.reparent()) o.put("parent", m.parent());
                o.put("index", m.index());
            }
            case Op.Batch b -> {
                o.put("op", "batch");
                o.set("ops", toJson(b.ops()));
            }
        }
        return o;
    }

    static String requiredString(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) throw bad("'" + field + "' must be a string");
        return v.textValue();
    }

    static String nullableString(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw bad("'" + field + "' must be a string or null");
        return v.textValue();
    }

    /** May be left out (empty); present, it must be an object: {@code null} is a client bug, not "nothing". */
    static ObjectNode optionalObject(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) return NODES.objectNode();
        if (!v.isObject()) throw bad("'" + field + "' must be an object");
        return (ObjectNode) v;
    }

    /** May be left out (empty); present, it must be an array of strings ({@code null} is refused). */
    static List<String> stringList(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) return List.of();
        if (!v.isArray()) throw bad("'" + field + "' must be an array of strings");
        var out = new ArrayList<String>(v.size());
        for (JsonNode s : v) {
            if (!s.isTextual()) throw bad("'" + field + "' must be an array of strings");
            out.add(s.textValue());
        }
        return List.copyOf(out);
    }

    private static ProtocolException bad(String message) {
        return new ProtocolException(BAD_MESSAGE, message);
    }
}
