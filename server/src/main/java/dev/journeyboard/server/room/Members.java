package dev.journeyboard.server.room;

import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.Participant;
import dev.journeyboard.protocol.message.ServerMessage;
import io.vertx.core.buffer.Buffer;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A room's participants in the order they joined, and the ids and colours it gives them. Room context only. */
final class Members {
    private static final String[] COLORS = {"#e8590c", "#1971c2", "#2f9e44", "#c2255c", "#6741d9", "#0c8599",
            "#f08c00", "#5c940d", "#d6336c", "#364fc7", "#087f5b", "#862e9c"};

    private final Map<String, Member> byId = new LinkedHashMap<>();
    private final LoopWrites writes;
    private int next = 1;

    Members(LoopWrites writes) {
        this.writes = writes;
    }

    /** A new member for a hello; not in the room until {@link #add}. */
    Member create(Room room, RoomSocket socket, Role role, ClientMessage.Hello hello, int opsPerSecond) {
        int n = next++;
        return new Member(room, writes, socket, hello.client(), hello.personOrClient(),
                new Participant("p" + n, hello.name(), COLORS[(n - 1) % COLORS.length], role, hello.department()), opsPerSecond);
    }

    void add(Member m) {
        byId.put(m.id(), m);
    }

    /** @return false if {@code m} was not (or no longer) in the room */
    boolean remove(Member m) {
        return byId.remove(m.id(), m);
    }

    boolean contains(Member m) {
        return byId.get(m.id()) == m;
    }

    Member get(String id) {
        return byId.get(id);
    }

    Collection<Member> all() {
        return Collections.unmodifiableCollection(byId.values());
    }

    boolean isEmpty() {
        return byId.isEmpty();
    }

    int size() {
        return byId.size();
    }

    List<Participant> participants() {
        return byId.values().stream().map(Member::participant).toList();
    }

    /** To everyone, encoded once. */
    void broadcast(ServerMessage m) {
        if (byId.isEmpty()) return;
        sendToAll(Buffer.buffer(MessageCodec.encode(m)));
    }

    void sendToAll(Buffer frame) {
        for (Member m : byId.values()) m.sendShared(frame);
    }
}
