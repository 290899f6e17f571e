package dev.journeyboard.server.room;

import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.board.BoardMeta;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;

/** What a {@link RoomFeature} may do to its room. Room context only, like the hooks. */
public interface RoomActions {

    BoardMeta meta();

    /** The live document's element, or null; read only (changes go through {@link #edit}). */
    Element element(String id);

    /** The live document's elements; read only. */
    Collection<Element> elements();

    Collection<Member> members();

    /** The member with this participant id, or null. */
    Member member(String participantId);

    /** To everyone, encoded once. */
    void broadcast(ServerMessage message);

    /**
     * An edit the room makes on a facilitator's behalf (vote totals, a reveal): it is sequenced, saved and
     * broadcast like any other; {@code then} (may be null) runs once it is durable and broadcast.
     */
    void edit(Member onBehalfOf, List<Op> ops, Runnable then);

    /** The seq of the room's last edit: {@link #elements()} are the board as of this seq (some may still be being written). */
    long seq();

    /** Changes a member's role live and tells everyone ({@code participant}). */
    void changeRole(Member member, Role role);

    /**
     * Gives a member a department of the board (null: none) live and tells everyone ({@code participant});
     * from their next edit on, department-scoped lanes and stages judge them by it.
     *
     * @throws dev.journeyboard.protocol.ProtocolException INVALID_VALUE if the board has no such department
     */
    void changeDepartment(Member member, String department);

    /** Tells the member why, closes its socket and lets it leave. */
    void remove(Member member, CloseReason reason, String message);

    /**
     * Makes the feature's {@link RoomFeature#durableState} durable (the store's per-board feature state); completes
     * on the room's context once it is. A feature acknowledges or broadcasts a change only after this.
     */
    Future<Void> persist();

    /** Saves new metadata (new link tokens), then serves it; completes on the room's context. */
    Future<Void> replaceMeta(BoardMeta next);

    /** The base URL of links given out, "" for relative links. */
    String publicUrl();

    /** Runs {@code action} on the room's context after {@code delayMs}; returns the timer's id. */
    long setTimer(long delayMs, Runnable action);

    void cancelTimer(long timerId);
}
