package dev.journeyboard.server.metrics;

import static dev.journeyboard.protocol.ErrorCode.BAD_MESSAGE;
import static dev.journeyboard.protocol.ErrorCode.ELEMENT_NOT_FOUND;
import static dev.journeyboard.protocol.ErrorCode.TOO_LARGE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.op.Op;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code POST /api/boards/{id}/metrics}: readings in, one {@code update} per touched card out. A reading sets the
 * card's history entry for its day (replacing one of the same day; kept in date order, at most {@link #MAX_HISTORY}
 * entries, the oldest dropped), and, when it is the card's newest reading, the current value and its count of
 * responses; a target, when given, replaces the metric's target. A reading for an earlier day than the card's
 * newest only fills in the history: a late backfill never makes the current value go back in time.
 */
public final class MetricPush {
    static final int MAX_HISTORY = 60;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MetricPush() {}

    /**
     * The readings of a request body: one reading object or a non-empty array of them.
     *
     * @throws ProtocolException BAD_MESSAGE (not JSON, wrong shape), INVALID_VALUE (a value out of range),
     *                           TOO_LARGE (more than {@code maxReadings})
     */
    public static List<Reading> parse(byte[] body, int maxReadings, LocalDate today) {
        JsonNode root;
        try {
            root = MessageCodec.json().readTree(body);
        } catch (Exception e) {
            throw new ProtocolException(BAD_MESSAGE, "the body is not JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || root.isMissingNode()) throw new ProtocolException(BAD_MESSAGE, "the body is empty; send a reading or an array of readings");
        List<JsonNode> items = new ArrayList<>();
        if (root.isArray()) {
            if (root.isEmpty()) throw new ProtocolException(BAD_MESSAGE, "the array holds no readings");
            if (root.size() > maxReadings) {
                throw new ProtocolException(TOO_LARGE, root.size() + " readings in one request; at most " + maxReadings + " (JB_METRICS_MAX_READINGS)");
            }
            root.forEach(items::add);
        } else if (root.isObject()) {
            items.add(root);
        } else {
            throw new ProtocolException(BAD_MESSAGE, "the body must be a reading {touchpoint, metric, value, …} or an array of readings");
        }
        var out = new ArrayList<Reading>(items.size());
        for (int i = 0; i < items.size(); i++) out.add(Reading.parse(i, items.get(i), today));
        return out;
    }

    /** @throws ProtocolException ELEMENT_NOT_FOUND naming the first reading whose touchpoint is no card */
    public static List<Op> ops(Document doc, List<Reading> readings) {
        Map<String, ObjectNode> sets = new LinkedHashMap<>();
        Map<String, TreeMap<String, Double>> histories = new LinkedHashMap<>();
        for (Reading r : readings) {
            Element card = card(doc, r.touchpoint());
            if (card == null) {
                throw new ProtocolException(ELEMENT_NOT_FOUND, "readings[" + r.index() + "].touchpoint '" + r.touchpoint()
                        + "' is neither a card's ext key nor a card id on this board");
            }
            ObjectNode set = sets.computeIfAbsent(card.id(), k -> NODES.objectNode());
            String p = r.metric().prop();
            TreeMap<String, Double> history = histories.computeIfAbsent(card.id() + "\n" + p, k -> history(card.props().get(p + "History")));
            String newestBefore = history.isEmpty() ? null : history.lastKey();
            history.put(r.at(), r.value());
            while (history.size() > MAX_HISTORY) history.pollFirstEntry();
            if (newestBefore == null || r.at().compareTo(newestBefore) >= 0) {
                set.set(p, number(r.value()));
                if (r.n() != null) set.put(p + "N", r.n());
            }
            if (r.target() != null) set.set(p + "Target", number(r.target()));
        }
        for (var h : histories.entrySet()) {
            String[] key = h.getKey().split("\n");
            ArrayNode arr = sets.get(key[0]).putArray(key[1] + "History");
            h.getValue().forEach((at, v) -> arr.addObject().put("at", at).set("value", number(v)));
        }
        var ops = new ArrayList<Op>(sets.size());
        sets.forEach((id, set) -> ops.add(new Op.Update(id, set, List.of())));
        return ops;
    }

    /** The card an integration names: by its {@code ext} key first, else by id. */
    public static Element card(Document doc, String touchpoint) {
        Element byExt = doc.cardByExt(touchpoint);
        if (byExt != null) return byExt;
        Element byId = doc.get(touchpoint);
        return byId != null && byId.type() == ElementType.CARD ? byId : null;
    }

    private static TreeMap<String, Double> history(JsonNode h) {
        var out = new TreeMap<String, Double>();
        if (h != null && h.isArray()) {
            for (JsonNode e : h) {
                if (e.path("at").isTextual() && e.path("value").isNumber()) out.put(e.get("at").textValue(), e.get("value").doubleValue());
            }
        }
        return out;
    }

    /** 4 rather than 4.0 on the wire: whole values as integers. */
    static JsonNode number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? NODES.numberNode((long) v) : NODES.numberNode(v);
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
