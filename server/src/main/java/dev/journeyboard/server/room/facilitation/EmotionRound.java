package dev.journeyboard.server.room.facilitation;

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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The crowd-sourced emotion curve: the facilitator opens a round on chosen stages (or cards), each editor and
 * facilitator scores every target -2..+2, and nobody learns anyone else's scores before the close (like the
 * {@link DotVote}): each participant is sent only their own scores and how many people scored each target. The
 * close writes each target's mean, spread and count into its {@code emotionRounds} (a server edit: saved, in the
 * history, drawn by every client and in exports). Scores are kept per tab (client id), so a reconnect keeps them.
 * Room context only.
 */
final class EmotionRound {
    static final int MIN = -2;
    static final int MAX = 2;
    /** The document keeps this many rounds per target (PROTOCOL.md: {@code emotionRounds} holds at most 20). */
    static final int KEPT = 20;

    /**
     * An open round: everything a durable session must keep of it (a plain record of who scored what).
     *
     * @param kind   {@code stages} or {@code cards}
     * @param scores client id -> target id -> score
     */
    record Open(int round, String label, String kind, List<String> targets, long openedAt, Map<String, Map<String, Integer>> scores) {
        ServerMessage.EmotionRoundInfo info() {
            return new ServerMessage.EmotionRoundInfo(round, label, kind, targets);
        }

        /** {@code {"round","label","kind","targets":[…],"openedAt","scores":{client:{target:score}}}}: secret, never sent to clients. */
        ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode().put("round", round).put("label", label).put("kind", kind).put("openedAt", openedAt);
            ArrayNode t = o.putArray("targets");
            targets.forEach(t::add);
            PerTab.write(o.putObject("scores"), scores);
            return o;
        }

        static Open fromJson(JsonNode o) {
            return new Open(o.path("round").intValue(), o.path("label").textValue(), o.path("kind").textValue(),
                    PerTab.ids(o.path("targets")), o.path("openedAt").longValue(), PerTab.read(o.path("scores")));
        }
    }

    /** One target's result, as appended to its {@code emotionRounds}. */
    record Result(int round, String label, long at, double mean, double sd, int min, int max, int n) {
        ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode().put("round", round);
            if (label != null) o.put("label", label);
            return o.put("at", at).put("mean", mean).put("sd", sd).put("min", min).put("max", max).put("n", n);
        }
    }

    private final RoomActions room;
    private Open open;

    EmotionRound(RoomActions room) {
        this.room = room;
    }

    /** The open round (null when none): what the session's durable hook saves. */
    Open state() {
        return open;
    }

    /** Takes back a saved round (after a restart); everyone is told on join. */
    void restore(Open saved) {
        open = saved;
    }

    /** Opens a round (one at a time); the session then tells everyone ({@link #sendToAll}). */
    void open(Member by, FacilitatorAction.EmotionOpen a) {
        if (open != null) throw new ProtocolException(INVALID_VALUE, "emotion.open: round " + open.round() + " is open; close it first");
        boolean stages = !a.stages().isEmpty();
        List<String> targets = stages ? a.stages() : a.cards();
        var seen = new HashSet<String>();
        for (String id : targets) {
            Element e = room.element(id);
            // a private card is not something the room can score together
            boolean fits = e != null && Privacy.owner(e) == null && e.type() == (stages ? ElementType.STAGE : ElementType.CARD);
            if (!fits) throw new ProtocolException(INVALID_VALUE, "emotion.open: '" + id + "' is not a " + (stages ? "stage" : "card"));
            if (!seen.add(id)) throw new ProtocolException(INVALID_VALUE, "emotion.open: '" + id + "' is named twice");
        }
        open = new Open(nextRound(), a.label(), stages ? "stages" : "cards", List.copyOf(targets), System.currentTimeMillis(), new HashMap<>());
    }

    /** A participant's score for one target, or (null) its taking back. Secret until the close. */
    void score(Member from, ClientMessage.Emotion e) {
        if (!from.role().mayEdit()) throw new ProtocolException(FORBIDDEN, "emotion: a viewer does not score");
        if (open == null) throw new ProtocolException(INVALID_VALUE, "emotion: no emotion round is open");
        if (!open.targets().contains(e.target())) {
            throw new ProtocolException(INVALID_VALUE, "emotion: '" + e.target() + "' is not scored in this round");
        }
        Map<String, Integer> mine = open.scores().get(from.client());
        if (e.score() == null) {
            if (mine == null || !mine.containsKey(e.target())) throw new ProtocolException(INVALID_VALUE, "emotion: you have no score on '" + e.target() + "'");
            mine.remove(e.target());
            if (mine.isEmpty()) open.scores().remove(from.client());
        } else {
            if (e.score() < MIN || e.score() > MAX) {
                throw new ProtocolException(INVALID_VALUE, "emotion: score must be an integer from -2 to 2, or null to take it back");
            }
            open.scores().computeIfAbsent(from.client(), k -> new HashMap<>()).put(e.target(), e.score());
        }
        // the session tells everyone (sendToAll) once the score is durable
    }

    /**
     * Closes the round: each scored target gets its result appended to its {@code emotionRounds}, as one edit on the
     * facilitator's behalf; once it is durable everyone is told the round is over (at once when nobody scored).
     */
    void close(Member facilitator) {
        if (open == null) throw new ProtocolException(INVALID_VALUE, "emotion.close: no emotion round is open");
        var results = results(open, System.currentTimeMillis());
        var ops = new ArrayList<Op>();
        results.forEach((target, result) -> {
            Element e = room.element(target);
            if (e != null) ops.add(new Op.Update(target, JsonNodeFactory.instance.objectNode().set("emotionRounds", appended(e, result)), List.of()));
        });
        open = null;
        if (ops.isEmpty()) sendToAll();
        else room.edit(facilitator, ops, this::sendToAll);
    }

    /** A joiner learns of an open round (and their own scores, after a reconnect). */
    void joined(Member m) {
        if (open != null) sendTo(m);
    }

    void sendToAll() {
        for (Member m : room.members()) sendTo(m);
    }

    /**
     * What {@link #sendToAll} would send now, to send once the change that made it is durable: by then a close may
     * have ended the round in memory, and a score's late announcement must not say so before the results are out.
     */
    Runnable sendToAllLater() {
        var out = new java.util.ArrayList<Map.Entry<Member, ServerMessage.Emotion>>();
        for (Member m : room.members()) out.add(Map.entry(m, messageFor(m)));
        return () -> out.forEach(e -> e.getKey().send(e.getValue()));
    }

    void sendTo(Member m) {
        m.send(messageFor(m));
    }

    /** What this participant may know of the round: never another person's values. */
    private ServerMessage.Emotion messageFor(Member m) {
        if (open == null) return new ServerMessage.Emotion(null, Map.of(), Map.of(), 0);
        var counts = new LinkedHashMap<String, Integer>();
        for (String t : open.targets()) counts.put(t, 0);
        for (var s : open.scores().values()) for (String t : s.keySet()) counts.merge(t, 1, Integer::sum);
        var mine = new LinkedHashMap<>(open.scores().getOrDefault(m.client(), Map.of()));
        return new ServerMessage.Emotion(open.info(), mine, counts, open.scores().size());
    }

    /** Per target with at least one score: mean, population standard deviation, min, max and count. */
    static Map<String, Result> results(Open round, long at) {
        var out = new LinkedHashMap<String, Result>();
        for (String target : round.targets()) {
            var values = new ArrayList<Integer>();
            for (var s : round.scores().values()) {
                Integer v = s.get(target);
                if (v != null) values.add(v);
            }
            if (values.isEmpty()) continue;
            double sum = 0;
            int min = MAX, max = MIN;
            for (int v : values) {
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            double mean = sum / values.size();
            double squares = 0;
            for (int v : values) squares += (v - mean) * (v - mean);
            double sd = Math.sqrt(squares / values.size());
            out.put(target, new Result(round.round(), round.label(), at, round2(mean), round2(sd), min, max, values.size()));
        }
        return out;
    }

    /** Two decimals; never -0.0. Rounding keeps min <= mean <= max, as min and max are whole numbers. */
    static double round2(double v) {
        return Math.round(v * 100) / 100.0 + 0.0;
    }

    /** The target's rounds with this one last, the oldest dropped beyond {@link #KEPT}. */
    private static ArrayNode appended(Element e, Result result) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        JsonNode old = e.props().path("emotionRounds");
        int skip = Math.max(0, old.size() + 1 - KEPT);
        for (int i = skip; i < old.size(); i++) out.add(old.get(i).deepCopy());
        out.add(result.toJson());
        return out;
    }

    /** One above the highest round any stage or card holds, so that rounds on different targets never share a number by accident. */
    private int nextRound() {
        int max = 0;
        for (Element e : room.elements()) {
            for (JsonNode r : e.props().path("emotionRounds")) max = Math.max(max, r.path("round").asInt(0));
        }
        return max + 1;
    }
}
