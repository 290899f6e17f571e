package dev.journeyboard.server.room;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Cursors, selections and viewports: ephemeral, never stored. Coalesced per participant and flushed at most
 * 30 times a second; a socket that can't keep up skips presence frames (never ops). Room context only.
 */
final class PresenceRelay {
    private static final long FLUSH_MS = 1000 / 30;

    private final Vertx vertx;
    private final Members members;
    private final RoomStats stats;
    private final BiFunction<Member, ObjectNode, ObjectNode> visible;
    /** Each participant's latest state, for joiners. */
    private final Map<String, ObjectNode> current = new HashMap<>();
    /** What changed since the last flush. */
    private final Map<String, ObjectNode> dirty = new LinkedHashMap<>();
    private long flushTimer = -1;

    /** @param visible one participant's state as others may see it (the member is null once gone) */
    PresenceRelay(Vertx vertx, Members members, RoomStats stats, BiFunction<Member, ObjectNode, ObjectNode> visible) {
        this.vertx = vertx;
        this.members = members;
        this.stats = stats;
        this.visible = visible;
    }

    void update(Member from, ObjectNode fields) {
        String id = from.id();
        current.computeIfAbsent(id, k -> JsonNodeFactory.instance.objectNode().put("id", k)).setAll(fields);
        dirty.computeIfAbsent(id, k -> JsonNodeFactory.instance.objectNode().put("id", k)).setAll(fields);
        if (flushTimer == -1) flushTimer = vertx.setTimer(FLUSH_MS, t -> flush());
    }

    void forget(Member m) {
        current.remove(m.id());
        dirty.remove(m.id());
    }

    /** Everyone's current state, to a joiner. */
    void sendCurrent(Member joiner) {
        if (!current.isEmpty()) joiner.send(new ServerMessage.Presence(visible(current.values())));
    }

    private void flush() {
        flushTimer = -1;
        if (dirty.isEmpty()) return;
        Buffer encoded = Buffer.buffer(MessageCodec.encode(new ServerMessage.Presence(visible(dirty.values()))));
        dirty.clear();
        for (Member m : members.all()) {
            if (m.writeQueueFull()) stats.presenceDropped.incrementAndGet();
            else m.sendShared(encoded);
        }
    }

    private List<ObjectNode> visible(Collection<ObjectNode> states) {
        var peers = new ArrayList<ObjectNode>(states.size());
        for (ObjectNode p : states) peers.add(visible.apply(members.get(p.get("id").textValue()), p));
        return peers;
    }
}
