package dev.journeyboard.server.room.facilitation;

import static dev.journeyboard.protocol.ErrorCode.ELEMENT_NOT_FOUND;
import static dev.journeyboard.protocol.ErrorCode.FORBIDDEN;
import static dev.journeyboard.protocol.ErrorCode.INVALID_VALUE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.FacilitatorAction;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.room.Member;
import dev.journeyboard.server.room.Privacy;
import dev.journeyboard.server.room.RoomActions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Secret dot voting on the cards of chosen lanes. While a vote is open each participant is told only their
 * own dots and how many dots everyone cast; at the close the totals are written onto the cards (an edit, so
 * they are saved and in the history) and everyone gets the same ranking. Dots are kept per tab (client id),
 * so a reconnect keeps them. Room context only.
 */
final class DotVote {
    sealed interface State {}

    record Closed() implements State {}

    /** @param dots client id -> card id -> dots */
    record Open(ServerMessage.VoteInfo info, Map<String, Map<String, Integer>> dots) implements State {}

    private final RoomActions room;
    private final Runnable sessionChanged;
    private State state = new Closed();

    /** @param sessionChanged tells everyone the session (once a closed vote's totals are durable) */
    DotVote(RoomActions room, Runnable sessionChanged) {
        this.room = room;
        this.sessionChanged = sessionChanged;
    }

    /** What the {@code session} message says of the vote; null when none is open. */
    ServerMessage.VoteInfo info() {
        return switch (state) {
            case Closed c -> null;
            case Open o -> o.info();
        };
    }

    /** Opens a vote (replacing an open one, dots and all); the session tells everyone, then {@link #sendToAll}. */
    void open(FacilitatorAction.VoteOpen v) {
        for (String lane : v.lanes()) {
            Element e = room.element(lane);
            if (e == null || e.type() != ElementType.LANE) throw new ProtocolException(INVALID_VALUE, "vote.open: '" + lane + "' is not a lane");
        }
        state = new Open(new ServerMessage.VoteInfo(v.lanes(), v.votesPerPerson(), v.multiplePerCard()), new HashMap<>());
    }

    /**
     * A dot on a card, or one taken back. Secret until the close: others only learn how many dots were cast. The
     * session saves it, then calls {@link #sendToAll}.
     */
    void cast(Member voter, ClientMessage.Vote v) {
        if (!voter.role().mayVote()) throw new ProtocolException(FORBIDDEN, "vote: a viewer does not vote");
        if (!(state instanceof Open open)) throw new ProtocolException(INVALID_VALUE, "vote: no vote is open");
        Element card = room.element(v.card());
        if (card == null || !Privacy.seenBy(card, voter.client())) {
            throw new ProtocolException(ELEMENT_NOT_FOUND, "vote: no card '" + v.card() + "'");
        }
        if (card.type() != ElementType.CARD || !open.info().lanes().contains(card.parent())) {
            throw new ProtocolException(INVALID_VALUE, "vote: '" + v.card() + "' is not a card in the lanes being voted on");
        }
        Map<String, Integer> mine = open.dots().getOrDefault(voter.client(), Map.of());
        int used = mine.values().stream().mapToInt(Integer::intValue).sum();
        int onCard = mine.getOrDefault(v.card(), 0);
        if (v.delta() > 0 && used >= open.info().votesPerPerson()) {
            throw new ProtocolException(INVALID_VALUE, "vote: all your " + open.info().votesPerPerson() + " votes are used");
        }
        if (v.delta() > 0 && onCard > 0 && !open.info().multiplePerCard()) {
            throw new ProtocolException(INVALID_VALUE, "vote: one vote per card in this vote");
        }
        if (v.delta() < 0 && onCard == 0) throw new ProtocolException(INVALID_VALUE, "vote: you have no vote on this card");
        Map<String, Integer> dots = open.dots().computeIfAbsent(voter.client(), k -> new HashMap<>());
        if (onCard + v.delta() == 0) dots.remove(v.card());
        else dots.put(v.card(), onCard + v.delta());
        // the session tells everyone (sendToAll) once the dot is durable
    }

    /**
     * Closes the vote: the totals go onto the cards as one edit on the facilitator's behalf; once it is durable,
     * the session and the ranking go to everyone (at once when no card has or had votes).
     */
    void close(Member facilitator) {
        if (!(state instanceof Open open)) throw new ProtocolException(INVALID_VALUE, "vote.close: no vote is open");
        var ranked = ranked(open);
        Map<String, Integer> totals = new HashMap<>();
        ranked.forEach(r -> totals.put(r.card(), r.votes()));
        var ops = new ArrayList<Op>();
        for (Element e : room.elements()) {
            if (e.type() != ElementType.CARD || !open.info().lanes().contains(e.parent())) continue;
            int total = totals.getOrDefault(e.id(), 0);
            if (total > 0 || e.props().has("votes")) {
                ops.add(new Op.Update(e.id(), JsonNodeFactory.instance.objectNode().put("votes", total), List.of()));
            }
        }
        state = new Closed();
        Runnable announce = () -> {
            sessionChanged.run();
            // a private card (only its author could vote on it) is ranked for its author alone
            for (Member m : room.members()) {
                m.send(new ServerMessage.VoteResult(ranked.stream()
                        .filter(r -> Privacy.seenBy(room.element(r.card()), m.client())).toList()));
            }
        };
        if (ops.isEmpty()) announce.run();
        else room.edit(facilitator, ops, announce);
    }

    /**
     * The durable form of an open vote, null when none: {@code {"lanes":[…],"votesPerPerson":n,"multiplePerCard":b,
     * "dots":{client:{card:n}}}}. Every tab's secret dots are in it; it is never sent to a client.
     */
    ObjectNode toJson() {
        if (!(state instanceof Open open)) return null;
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode lanes = o.putArray("lanes");
        open.info().lanes().forEach(lanes::add);
        o.put("votesPerPerson", open.info().votesPerPerson()).put("multiplePerCard", open.info().multiplePerCard());
        PerTab.write(o.putObject("dots"), open.dots());
        return o;
    }

    /** Takes back a saved open vote (null: none); each tab is sent its own dots when it joins. */
    void restore(JsonNode o) {
        if (o == null || o.isNull()) {
            state = new Closed();
            return;
        }
        state = new Open(new ServerMessage.VoteInfo(PerTab.ids(o.path("lanes")), o.path("votesPerPerson").intValue(),
                o.path("multiplePerCard").booleanValue()), PerTab.read(o.path("dots")));
    }

    /** Each participant's own view of the vote, while one is open. */
    void sendToAll() {
        for (Member m : room.members()) sendTo(m);
    }

    void sendTo(Member m) {
        if (state instanceof Open open) m.send(votesOf(open, m.client()));
    }

    /** What {@link #sendToAll} would send now, to send once the dot that made it is durable (the vote may close meanwhile). */
    Runnable sendToAllLater() {
        if (!(state instanceof Open open)) return () -> {};
        var out = new java.util.ArrayList<Map.Entry<Member, ServerMessage.Votes>>();
        for (Member m : room.members()) out.add(Map.entry(m, votesOf(open, m.client())));
        return () -> out.forEach(e -> e.getKey().send(e.getValue()));
    }

    private static ServerMessage.Votes votesOf(Open open, String client) {
        Map<String, Integer> mine = new LinkedHashMap<>(open.dots().getOrDefault(client, Map.of()));
        int used = 0;
        for (int v : mine.values()) used += v;
        int cast = 0;
        for (var m : open.dots().values()) for (int v : m.values()) cast += v;
        return new ServerMessage.Votes(mine, open.info().votesPerPerson() - used, cast);
    }

    /** Totals per card, most votes first (ties by card id). */
    private static List<ServerMessage.Ranked> ranked(Open open) {
        Map<String, Integer> totals = new HashMap<>();
        for (var m : open.dots().values()) m.forEach((card, n) -> totals.merge(card, n, Integer::sum));
        var ranked = new ArrayList<ServerMessage.Ranked>();
        totals.forEach((card, n) -> {
            if (n > 0) ranked.add(new ServerMessage.Ranked(card, n));
        });
        ranked.sort((a, b) -> a.votes() != b.votes() ? Integer.compare(b.votes(), a.votes()) : a.card().compareTo(b.card()));
        return ranked;
    }
}
