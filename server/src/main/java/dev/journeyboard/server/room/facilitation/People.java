package dev.journeyboard.server.room.facilitation;

import static dev.journeyboard.protocol.ErrorCode.FORBIDDEN;
import static dev.journeyboard.protocol.ErrorCode.INVALID_VALUE;
import static dev.journeyboard.protocol.ErrorCode.STORE_UNAVAILABLE;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
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
    /** Tabs the facilitator removed: they can't rejoin while the room is loaded (their person is kept out for good). */
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

    /**
     * A tab's way in: refused when the facilitator removed it or its person (also after a reload or a restart: the
     * decision is in the board's metadata); otherwise the role the facilitator last gave its person, but never more
     * than its link grants: the person id is the browser's own word, so a saved role may only take rights away (a
     * promotion holds for the tabs it was given to, while they are connected).
     */
    Role admit(ClientMessage.Hello hello, Role linkRole) {
        String decision = room.meta().people().get(hello.personOrClient());
        if (removedClients.contains(hello.client()) || BoardMeta.REMOVED.equals(decision)) throw new ProtocolException(FORBIDDEN, REMOVED);
        Role given = decision == null ? null : Role.fromWire(decision);
        // enum order: FACILITATOR, EDITOR, COMMENTER, VIEWER: a later one has fewer rights
        return given != null && given.ordinal() > linkRole.ordinal() ? given : linkRole;
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

    /**
     * Gives the participant's person a role: saved with the board first (so it holds across reloads, tabs and
     * restarts), then every tab of that person has it live.
     */
    Future<Void> setRole(String participant, Role role) {
        Member target = existing(participant, "participant.role");
        return decide(target, role.wire(), "participant.role").onSuccess(v -> {
            for (Member m : tabsOf(target.person())) room.changeRole(m, role);
        });
    }

    /** Removes the participant's person: saved with the board first, then every tab of theirs is closed (4403). */
    Future<Void> remove(String participant) {
        Member target = existing(participant, "participant.remove");
        removedClients.add(target.client());
        return decide(target, BoardMeta.REMOVED, "participant.remove").onComplete(ar -> {
            // the tab goes even if the decision could not be saved: it stays out while the room is loaded
            for (Member m : tabsOf(target.person())) room.remove(m, CloseReason.REMOVED, REMOVED);
        });
    }

    private Future<Void> decide(Member target, String decision, String action) {
        return room.replaceMeta(room.meta().withPerson(target.person(), decision)).recover(e -> Future.failedFuture(
                new ProtocolException(STORE_UNAVAILABLE, action + ": the decision could not be saved; try again")));
    }

    private List<Member> tabsOf(String person) {
        return room.members().stream().filter(m -> m.person().equals(person)).toList();
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
