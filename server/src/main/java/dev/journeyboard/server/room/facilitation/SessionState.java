package dev.journeyboard.server.room.facilitation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The facilitation session as it is saved (STORE.md "The session"), one JSON document per board:
 *
 * <pre>
 * {"v":1,
 *  "timer":{"state":"running","endsAt":1764612345678,"durationMs":300000},
 *  "vote":{"lanes":["lane-pain"],"votesPerPerson":3,"multiplePerCard":false,"dots":{"tab-a":{"c1":2}}},
 *  "emotion":{"round":2,"label":"第二轮","kind":"stages","targets":[…],"openedAt":…,"scores":{"tab-a":{"stage-use":-1}}},
 *  "follow":"p-3","privateWriting":true,"boardLocked":false,"cursorsHidden":false}
 * </pre>
 *
 * {@code vote}, {@code emotion} and {@code follow} are absent when there is none. It holds every tab's secret dots
 * and scores: it stays in the store and is never sent to a client.
 */
final class SessionState {
    static final int VERSION = 1;

    private SessionState() {}

    static ObjectNode of(Timer timer, DotVote vote, EmotionRound emotion, People people, PrivateWriting privateWriting, boolean boardLocked) {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("v", VERSION);
        o.set("timer", timer.toJson());
        ObjectNode v = vote.toJson();
        if (v != null) o.set("vote", v);
        if (emotion.state() != null) o.set("emotion", emotion.state().toJson());
        if (people.follow() != null) o.put("follow", people.follow());
        return o.put("privateWriting", privateWriting.on()).put("boardLocked", boardLocked).put("cursorsHidden", people.cursorsHidden());
    }

    /** Gives each part its saved state back. @return the board lock (the session's own field) */
    static boolean restore(JsonNode o, Timer timer, DotVote vote, EmotionRound emotion, People people, PrivateWriting privateWriting) {
        if (o.path("v").asInt(0) != VERSION) throw new IllegalArgumentException("session state version " + o.path("v") + " is not " + VERSION);
        timer.restore(o.path("timer"));
        vote.restore(o.get("vote"));
        emotion.restore(o.hasNonNull("emotion") ? EmotionRound.Open.fromJson(o.get("emotion")) : null);
        people.restore(o.hasNonNull("follow") ? o.get("follow").textValue() : null, o.path("cursorsHidden").asBoolean(false));
        privateWriting.restore(o.path("privateWriting").asBoolean(false));
        return o.path("boardLocked").asBoolean(false);
    }
}
