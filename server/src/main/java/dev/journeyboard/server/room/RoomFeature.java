package dev.journeyboard.server.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.board.Actor;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.op.Op;
import io.vertx.core.Future;
import java.util.List;

/**
 * What a room's features (the workshop's facilitation session today) add to the sync core, through named
 * hooks the room calls at fixed points; a feature acts on the room through {@link RoomActions}. Every hook runs
 * on the room's context. A hook refuses by throwing {@link dev.journeyboard.protocol.ProtocolException} (or
 * failing its future): the room counts that and answers the client, {@code rejected} for an edit, {@code error}
 * otherwise.
 */
public interface RoomFeature {

    /**
     * Before a tab joins: throws to keep it out (FORBIDDEN: the facilitator removed its person). @return the role it
     * joins with: its link's, or the one the facilitator gave its person
     */
    Role admit(ClientMessage.Hello hello, Role linkRole);

    /** Who an edit of {@code author} is, as {@code Document.apply} checks it (the session adds its board lock). */
    Actor actor(Member author);

    /** Ops to add to an accepted edit, applied right after it under the same seq (private writing marks new elements). */
    List<Op> addOps(Member author, List<Op> ops);

    /** A message for a feature ({@code facilitate}, {@code vote}); the future completes once it is handled. */
    Future<Void> handle(Member from, ClientMessage message);

    /** A participant's presence as the others are shown it ({@code of} is null once they left); may strip fields. */
    ObjectNode presence(Member of, ObjectNode state);

    /** After the welcome: what a joiner must know besides the board (the session, their votes). */
    void joined(Member member);

    /**
     * What of the feature must survive an unload, a restart and a crash (the session: timer, open vote with its
     * secret dots, …), as JSON; null when there is nothing. The room saves it when the feature asks
     * ({@link RoomActions#persist}), replacing what was saved before.
     */
    default ObjectNode durableState() {
        return null;
    }

    /** When the room loads, before anyone joins: what {@link #durableState} last saved (never null). */
    default void restore(ObjectNode saved) {}

    /** The room unloads: cancel timers. */
    void close();
}
