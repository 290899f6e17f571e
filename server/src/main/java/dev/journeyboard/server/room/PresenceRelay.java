package dev.journeyboard.server.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.message.ServerMessage;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Cursors, selections and viewports: ephemeral, never stored. Rounded, coalesced per participant (an update
 * that changes nothing once rounded is not sent) and flushed at the board's {@link PresenceBudget} rate (30 Hz
 * up to 30 people, falling to 8 Hz at 200); a socket that can't keep up skips presence frames (never ops).
 * Nobody is sent their own entry ({@link PresenceFrame}: one encoding per flush, shared bytes). A selection
 * naming private elements reaches their author only: everyone else gets it without those ids (one frame for all
 * of them, and one per author whose private ids are selected). Room context only.
 */
final class PresenceRelay {

    private final Vertx vertx;
    private final Members members;
    private final RoomStats stats;
    private final BiFunction<Member, ObjectNode, ObjectNode> visible;
    private final Function<String, Element> elements;
    /** Each participant's latest state, for joiners. */
    private final Map<String, ObjectNode> current = new HashMap<>();
    /** What changed since the last flush. */
    private final Map<String, ObjectNode> dirty = new LinkedHashMap<>();
    /** Members whose empty presence (a liveness probe) is in the next flush: they get their own entry back. */
    private final Set<String> probed = new HashSet<>();
    private long flushTimer = -1;

    /**
     * @param visible  one participant's state as others may see it (the member is null once gone)
     * @param elements the live document's element of an id, or null
     */
    PresenceRelay(Vertx vertx, Members members, RoomStats stats, BiFunction<Member, ObjectNode, ObjectNode> visible,
                  Function<String, Element> elements) {
        this.vertx = vertx;
        this.members = members;
        this.stats = stats;
        this.visible = visible;
        this.elements = elements;
    }

    void update(Member from, ObjectNode sent) {
        String id = from.id();
        if (sent.isEmpty()) { // the client's liveness probe (PROTOCOL.md "Liveness"): echoed, to the sender too
            dirty.computeIfAbsent(id, k -> JsonNodeFactory.instance.objectNode().put("id", k));
            probed.add(id);
            if (flushTimer == -1) flushTimer = vertx.setTimer(PresenceBudget.intervalMs(members.size()), t -> flush());
            return;
        }
        ObjectNode fields = PresenceBudget.rounded(sent);
        ObjectNode now = current.computeIfAbsent(id, k -> JsonNodeFactory.instance.objectNode().put("id", k));
        ObjectNode changed = null;
        for (var f : fields.properties()) {
            if (f.getValue().equals(now.get(f.getKey()))) continue;
            if (changed == null) changed = dirty.computeIfAbsent(id, k -> JsonNodeFactory.instance.objectNode().put("id", k));
            changed.set(f.getKey(), f.getValue());
        }
        if (changed == null) return; // the same as what everyone has (a cursor that moved less than the rounding)
        now.setAll(fields);
        if (flushTimer == -1) flushTimer = vertx.setTimer(PresenceBudget.intervalMs(members.size()), t -> flush());
    }

    void forget(Member m) {
        current.remove(m.id());
        dirty.remove(m.id());
        probed.remove(m.id());
    }

    /** Everyone's current state, to a joiner (as that joiner may see it). */
    void sendCurrent(Member joiner) {
        var others = new ArrayList<ObjectNode>(current.size());
        for (ObjectNode p : current.values()) if (!p.get("id").textValue().equals(joiner.id())) others.add(p);
        if (!others.isEmpty()) joiner.send(new ServerMessage.Presence(forViewer(visible(others), joiner.client())));
    }

    private void flush() {
        flushTimer = -1;
        if (dirty.isEmpty()) return;
        List<ObjectNode> peers = visible(dirty.values());
        Map<String, Integer> entryOf = new HashMap<>();
        int i = 0;
        for (String id : dirty.keySet()) entryOf.put(id, i++);
        dirty.clear();
        Set<String> echoTo = Set.copyOf(probed);
        probed.clear();
        Set<String> owners = privateOwners(peers);
        // forViewer keeps every entry in its place, so a member's entry has the same index in every frame
        PresenceFrame forOthers = PresenceFrame.of(owners.isEmpty() ? peers : forViewer(peers, null));
        Map<String, PresenceFrame> forOwners = new HashMap<>();
        for (Member m : members.all()) {
            PresenceFrame frame = !owners.contains(m.client()) ? forOthers
                    : forOwners.computeIfAbsent(m.client(), c -> PresenceFrame.of(forViewer(peers, c)));
            Integer own = entryOf.get(m.id());
            Buffer bytes = own == null || echoTo.contains(m.id()) ? frame.all() : frame.without(own);
            if (bytes == null) continue; // only their own cursor moved
            if (m.writeQueueFull()) {
                stats.presenceDropped.incrementAndGet();
                continue;
            }
            m.sendShared(bytes);
        }
    }

    private List<ObjectNode> visible(Collection<ObjectNode> states) {
        var peers = new ArrayList<ObjectNode>(states.size());
        for (ObjectNode p : states) peers.add(visible.apply(members.get(p.get("id").textValue()), p));
        return peers;
    }

    /** The clients whose private elements some selection names. */
    private Set<String> privateOwners(List<ObjectNode> peers) {
        Set<String> owners = new HashSet<>();
        for (ObjectNode p : peers) {
            for (JsonNode id : p.path("selection")) {
                String o = Privacy.owner(elements.apply(id.textValue()));
                if (o != null) owners.add(o);
            }
        }
        return owners;
    }

    /** The states with every selected id that {@code viewer} may not see left out ({@code viewer} null: only public ids). */
    private List<ObjectNode> forViewer(List<ObjectNode> peers, String viewer) {
        var out = new ArrayList<ObjectNode>(peers.size());
        for (ObjectNode p : peers) {
            JsonNode sel = p.get("selection");
            if (sel == null || !sel.isArray()) {
                out.add(p);
                continue;
            }
            ArrayNode kept = JsonNodeFactory.instance.arrayNode();
            for (JsonNode id : sel) {
                String o = Privacy.owner(elements.apply(id.textValue()));
                if (o == null || o.equals(viewer)) kept.add(id);
            }
            out.add(kept.size() == sel.size() ? p : (ObjectNode) p.deepCopy().set("selection", kept));
        }
        return out;
    }
}
