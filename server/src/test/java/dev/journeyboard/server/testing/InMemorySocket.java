package dev.journeyboard.server.testing;

import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.server.room.Member;
import dev.journeyboard.server.room.Room;
import dev.journeyboard.server.room.RoomSocket;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * A participant's socket without a network, for room tests: what the room sends lands in an {@link Inbox}
 * (as the same JSON a WebSocket would carry), and what the test sends goes straight to the room.
 */
public final class InMemorySocket extends Recipient implements RoomSocket {
    private volatile boolean open = true;
    private volatile short closeStatus = -1;
    private volatile Member member;

    // ---------------------------------------------------------------- the room's side

    @Override
    public void sendText(String json) {
        if (open) inbox.received(json);
    }

    @Override
    public void sendShared(Buffer encoded) {
        if (open) inbox.received(encoded.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void close(short status, String reason) {
        closeStatus = status;
        open = false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean writeQueueFull() {
        return false;
    }

    // ---------------------------------------------------------------- the test's side

    void joined(Member m) {
        member = m;
    }

    public Member member() {
        return member;
    }

    /** The participant id the room gave this socket. */
    public String id() {
        return member.id();
    }

    /** As if the client had sent {@code m} (after the socket's decoding and rate limits). */
    public void send(ClientMessage m) {
        Room room = member.room();
        room.post(() -> room.receive(member, m));
    }

    /** The client goes away. */
    public void disconnect() {
        open = false;
        Room room = member.room();
        room.post(() -> room.leave(member));
    }

    public short closeStatus() {
        return closeStatus;
    }
}
