package dev.journeyboard.protocol.message;

import static dev.journeyboard.protocol.ErrorCode.UNKNOWN_TYPE;
import static dev.journeyboard.protocol.message.JsonFields.NODES;
import static dev.journeyboard.protocol.message.JsonFields.bad;
import static dev.journeyboard.protocol.message.JsonFields.finite;
import static dev.journeyboard.protocol.message.JsonFields.optionalSeq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.op.OpCodec;
import java.util.List;
import java.util.regex.Pattern;

/** Client → server messages: decoding validates every field (the server's first line of defence); encoding is for Java clients. */
final class ClientMessageCodec {
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_SELECTION = 1000;

    private ClientMessageCodec() {}

    static ClientMessage decode(JsonNode n) {
        String type = JsonFields.type(n);
        return switch (type) {
            case "hello" -> {
                JsonNode v = n.get("v");
                if (v == null || !v.isIntegralNumber()) throw bad("hello: 'v' (protocol version) must be an integer");
                if (!v.canConvertToInt()) throw bad("hello: 'v' (protocol version) must be a small integer");
                if (!n.path("name").isTextual()) throw bad("hello: 'name' must be a string");
                String name = n.get("name").textValue().strip();
                String problem = DisplayName.problem(name);
                if (problem != null) throw bad("hello: " + problem);
                String client = n.path("client").isTextual() ? n.get("client").textValue() : null;
                if (client == null || !CLIENT_ID.matcher(client).matches()) {
                    throw bad("hello: 'client' must be 1..64 characters of A-Z a-z 0-9 _ -");
                }
                JsonNode dept = n.get("department");
                if (dept != null && !dept.isNull() && !(dept.isTextual() && CLIENT_ID.matcher(dept.textValue()).matches())) {
                    throw bad("hello: 'department' must be the id of one of the board's departments, or null");
                }
                String person = null;
                if (n.has("person") && !n.get("person").isNull()) {
                    person = n.get("person").isTextual() ? n.get("person").textValue() : null;
                    if (person == null || !CLIENT_ID.matcher(person).matches()) {
                        throw bad("hello: 'person' must be 1..64 characters of A-Z a-z 0-9 _ - (or left out)");
                    }
                }
                yield new ClientMessage.Hello(v.intValue(), name, client, optionalSeq(n, "lastSeq", "hello"),
                        dept == null || dept.isNull() ? null : dept.textValue(), person);

            }
            case "ops" -> {
                JsonNode cid = n.get("cid");
                if (cid == null || !cid.isIntegralNumber() || !cid.canConvertToLong() || cid.longValue() <= 0
                        || cid.longValue() > JsonFields.MAX_SAFE_INTEGER) {
                    throw bad("ops: 'cid' must be an integer from 1 to " + JsonFields.MAX_SAFE_INTEGER);
                }
                var ops = OpCodec.parseList(n.get("ops"));
                if (ops.isEmpty()) throw bad("ops: 'ops' must not be empty");
                yield new ClientMessage.Ops(cid.longValue(), optionalSeq(n, "baseSeq", "ops"), ops);
            }
            case "presence" -> new ClientMessage.Presence(presenceFields(n));
            case "facilitate" -> new ClientMessage.Facilitate(FacilitatorActionCodec.decode(n));
            case "vote" -> {
                String card = n.path("card").isTextual() ? n.get("card").textValue() : null;
                JsonNode delta = n.get("delta");
                if (card == null || delta == null || !delta.isIntegralNumber() || !delta.canConvertToInt()
                        || Math.abs(delta.intValue()) != 1) {
                    throw bad("vote: needs 'card' and 'delta' of 1 or -1");
                }
                yield new ClientMessage.Vote(card, delta.intValue());
            }
            case "emotion" -> {
                String target = n.path("target").isTextual() ? n.get("target").textValue() : null;
                JsonNode score = n.get("score");
                if (target == null || score == null || !(score.isNull() || score.isIntegralNumber())) {
                    throw bad("emotion: needs 'target' and 'score', an integer from -2 to 2 or null");
                }
                // a huge integer is out of range like 3 is: the room answers it
                yield new ClientMessage.Emotion(target, score.isNull() ? null : score.canConvertToInt() ? score.intValue() : Integer.MAX_VALUE);
            }
            default -> throw new ProtocolException(UNKNOWN_TYPE, "unknown message type '" + type + "'");
        };
    }

    static ObjectNode toJson(ClientMessage m) {
        ObjectNode o = NODES.objectNode();
        switch (m) {
            case ClientMessage.Hello h -> {
                o.put("type", "hello").put("v", h.v()).put("name", h.name()).put("client", h.client()).put("lastSeq", h.lastSeq());
                if (h.department() != null) o.put("department", h.department());
                if (h.person() != null) o.put("person", h.person());
            }
            case ClientMessage.Ops ops -> {
                o.put("type", "ops").put("cid", ops.cid()).put("baseSeq", ops.baseSeq());
                o.set("ops", OpCodec.toJson(ops.ops()));
            }
            case ClientMessage.Presence p -> {
                o.put("type", "presence");
                o.setAll(p.fields());
            }
            case ClientMessage.Facilitate f -> o = FacilitatorActionCodec.toJson(f.action());
            case ClientMessage.Vote v -> o.put("type", "vote").put("card", v.card()).put("delta", v.delta());
            case ClientMessage.Emotion e -> o.put("type", "emotion").put("target", e.target()).put("score", e.score());
        }
        return o;
    }

    /** Only the fields sent, each checked and normalised (numbers as doubles). */
    private static ObjectNode presenceFields(JsonNode n) {
        ObjectNode out = NODES.objectNode();
        if (n.has("cursor")) {
            JsonNode c = n.get("cursor");
            if (!c.isNull() && !(c.isObject() && finite(c.get("x")) && finite(c.get("y")))) {
                throw bad("presence: 'cursor' must be {x, y} or null");
            }
            out.set("cursor", c.isNull() ? c : NODES.objectNode().put("x", c.get("x").doubleValue()).put("y", c.get("y").doubleValue()));
        }
        if (n.has("selection")) {
            JsonNode s = n.get("selection");
            if (!s.isNull()) {
                if (!s.isArray() || s.size() > MAX_SELECTION) throw bad("presence: 'selection' must be an array of at most " + MAX_SELECTION + " ids");
                for (JsonNode id : s) {
                    if (!id.isTextual() || !CLIENT_ID.matcher(id.textValue()).matches()) throw bad("presence: 'selection' must hold element ids");
                }
            }
            out.set("selection", s);
        }
        if (n.has("editing")) {
            // the element whose text the participant types into (others see who edits a card)
            JsonNode e = n.get("editing");
            if (!e.isNull() && !(e.isTextual() && CLIENT_ID.matcher(e.textValue()).matches())) {
                throw bad("presence: 'editing' must be an element id or null");
            }
            out.set("editing", e);
        }
        if (n.has("viewport")) {
            JsonNode v = n.get("viewport");
            if (!v.isNull()) {
                if (!v.isObject()) throw bad("presence: 'viewport' must be {x, y, w, h, zoom} or null");
                ObjectNode vp = NODES.objectNode();
                for (String f : List.of("x", "y", "w", "h", "zoom")) {
                    if (!finite(v.get(f))) throw bad("presence: 'viewport." + f + "' must be a finite number");
                    vp.put(f, v.get(f).doubleValue());
                }
                v = vp;
            }
            out.set("viewport", v);
        }
        return out;
    }
}
