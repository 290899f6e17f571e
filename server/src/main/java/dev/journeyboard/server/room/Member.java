package dev.journeyboard.server.room;

import dev.journeyboard.protocol.board.Actor;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.Participant;
import dev.journeyboard.protocol.message.ServerMessage;
import io.vertx.core.buffer.Buffer;

/**
 * One participant welcomed into a room: their socket, their tab's client id and how others see them. Made and
 * changed only by the room (a role change is the room's: it tells everyone); read on the room's context.
 */
public final class Member implements Seat {
    private final Room room;
    private final RoomSocket socket;
    /** The room's way to its sockets: every write to this one goes through it, in order. */
    private final LoopWrites writes;
    private final String client;
    /** Who decisions apply to: {@code hello.person}, or the tab's client id for clients that send none. */
    private final String person;
    private Participant participant;
    /** New edits this connection may make (JB_OPS_PER_SECOND, bursts of twice that); re-sends are not charged. */
    private final RateLimiter editBudget;
    /** The last seq this connection was sent (its welcome's, then each applied): early broadcast sends each seq once. */
    private long deliveredSeq;

    Member(Room room, LoopWrites writes, RoomSocket socket, String client, String person, Participant participant, int opsPerSecond) {
        this.room = room;
        this.writes = writes;
        this.socket = socket;
        this.client = client;
        this.person = person;
        this.participant = participant;
        this.editBudget = new RateLimiter(opsPerSecond, 2.0 * opsPerSecond);
    }

    /** The person behind this tab: role changes and removals apply to them (PROTOCOL.md "Persons"). */
    public String person() {
        return person;
    }

    long deliveredSeq() {
        return deliveredSeq;
    }

    void delivered(long seq) {
        deliveredSeq = seq;
    }

    RateLimiter editBudget() {
        return editBudget;
    }

    /** The room that welcomed this member; safe to read from any thread. */
    public Room room() {
        return room;
    }

    /** The participant id the room gave this connection ({@code p1}, {@code p2}, …). */
    @Override
    public String id() {
        return participant.id();
    }

    /** The tab's client id: it survives reconnects, so cids, votes and private elements are keyed by it. */
    public String client() {
        return client;
    }

    public Role role() {
        return participant.role();
    }

    public Participant participant() {
        return participant;
    }

    /** The id of the member's department element, or null: what department-scoped lanes and stages admit. */
    public String department() {
        return participant.department();
    }

    /** This member as the author of an edit; the one place the server builds an {@link Actor}. */
    public Actor actor(boolean boardLocked) {
        return actor(boardLocked, false);
    }

    /** @param viewersComment the board lets viewers comment (its metadata's setting) */
    public Actor actor(boolean boardLocked, boolean viewersComment) {
        return Actor.member(role(), client, boardLocked, department(), viewersComment);
    }

    /** The personal link this participant joined with, or null. */
    public String personalLink() {
        return socket.personalLink();
    }

    /** From the socket's thread: to the room, in order. */
    @Override
    public void receive(ClientMessage message) {
        room.post(() -> room.receive(this, message));
    }

    @Override
    public void leave() {
        room.post(() -> room.leave(this));
    }

    public void send(ServerMessage m) {
        writes.to(socket, () -> socket.send(m));
    }

    void sendText(String json) {
        writes.to(socket, () -> socket.sendText(json));
    }

    void sendShared(Buffer encoded) {
        writes.to(socket, () -> socket.sendShared(encoded));
    }

    void sendLog(Buffer frame, long firstSeq, long lastSeq) {
        writes.to(socket, () -> socket.sendLog(frame, firstSeq, lastSeq));
    }

    void sendView(Buffer frame, long seq) {
        writes.to(socket, () -> socket.sendView(frame, seq));
    }

    boolean writeQueueFull() {
        return socket.writeQueueFull();
    }

    boolean isOpen() {
        return socket.isOpen();
    }

    void closeWith(CloseReason reason, String message) {
        writes.to(socket, () -> socket.closeWith(reason, message));
    }

    /**
     * Closes the socket with the reason's status and no {@code error} before it: for a deleted board the close
     * status says it all, and clients show their text for it (web: "This board was deleted or does not exist").
     */
    void closeWith(CloseReason reason) {
        if (socket.isOpen()) writes.to(socket, () -> socket.close(reason.status(), reason.code().name()));
    }

    void changeRole(Role role) {
        participant = participant.withRole(role);
    }

    void changeDepartment(String department) {
        participant = participant.withDepartment(department);
    }
}
