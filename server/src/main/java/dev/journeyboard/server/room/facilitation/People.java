package dev.journeyboard.server.room.facilitation;

import static dev.journeyboard.protocol.ErrorCode.FORBIDDEN;
import static dev.journeyboard.protocol.ErrorCode.INVALID_VALUE;
import static dev.journeyboard.protocol.ErrorCode.STORE_UNAVAILABLE;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.board.Tokens;
import dev.journeyboard.server.room.CloseReason;
import dev.journeyboard.server.room.Member;
import dev.journeyboard.server.room.RoomActions;
import io.vertx.core.Future;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The facilitator and the people in the room: live role changes, removing someone (their tab stays out while
 * the board is loaded), rotating the board's links (old links and their sockets stop working), hiding cursors
 * and follow-me. Room context only.
 */
final class People {
    private static final String REMOVED = "the facilitator removed you from this board";

    private final RoomActions room;
    /** Tabs the facilitator removed: they can't rejoin while the room is loaded. */
    private final Set<String> removedClients = new HashSet<>();
    /** The participant everyone follows, or null. */
    private String follow;
    private boolean cursorsHidden;

    People(RoomActions room) {
        this.room = room;
    }

    String follow() {
        return follow;
    }

    boolean cursorsHidden() {
        return cursorsHidden;
    }

    /** Takes back a saved follow-me and cursor setting. */
    void restore(String follow, boolean cursorsHidden) {
        this.follow = follow;
        this.cursorsHidden = cursorsHidden;
    }

    void admit(String client) {
        if (removedClients.contains(client)) throw new ProtocolException(FORBIDDEN, REMOVED);
    }

    void follow(Member facilitator, boolean on) {
        follow = on ? facilitator.id() : null;
    }

    void hideCursors(boolean hidden) {
        cursorsHidden = hidden;
    }

    /** While cursors are hidden, only facilitators' cursors travel. */
    ObjectNode presence(Member of, ObjectNode state) {
        if (!cursorsHidden || (of != null && of.role() == Role.FACILITATOR)) return state;
        return state.deepCopy().without("cursor");
    }

    void setRole(String participant, Role role) {
        room.changeRole(existing(participant, "participant.role"), role);
    }

    void remove(String participant) {
        Member target = existing(participant, "participant.remove");
        removedClients.add(target.client());
        room.remove(target, CloseReason.REMOVED, REMOVED);
    }

    /**
     * New links for every role and a new data token, sent to facilitators; sockets opened with the old links
     * (facilitators' aside) are closed, and the old data token stops working.
     */
    Future<Void> rotateLinks() {
        var issued = Tokens.issue();
        BoardMeta meta = room.meta();
        var next = meta.withLinks(issued);
        return room.replaceMeta(next).recover(e -> Future.failedFuture(new ProtocolException(STORE_UNAVAILABLE,
                "links.rotate: the new links could not be saved; the old ones still work"))).onSuccess(v -> {
            var links = new ServerMessage.Links(issued.links(room.publicUrl() + "/b/" + meta.id() + "#t="), issued.tokensWithData());
            for (Member m : List.copyOf(room.members())) {
                if (m.role() == Role.FACILITATOR) m.send(links);
                else room.remove(m, CloseReason.UNAUTHORIZED, "the facilitator replaced the board's links; ask for the new one");
            }
        });
    }

    private Member existing(String participant, String action) {
        Member m = room.member(participant);
        if (m == null) throw new ProtocolException(INVALID_VALUE, action + ": no participant '" + participant + "'");
        return m;
    }
}
