package dev.journeyboard.server.room.facilitation;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.FacilitatorAction;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.testing.InMemorySocket;
import dev.journeyboard.server.testing.WorkshopRoom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The emotion round over in-memory sockets: secrecy on every frame each participant receives, the results the
 * close computes and writes (mean, sd, min, max, n), a second round beside the first, and each refusal's code.
 */
class EmotionRoundTest extends WorkshopRoom {
    private static void act(InMemorySocket s, FacilitatorAction a) {
        s.send(new ClientMessage.Facilitate(a));
    }

    private static void score(InMemorySocket s, String target, Integer score) {
        s.send(new ClientMessage.Emotion(target, score));
    }

    private static ServerMessage.Error refusal(InMemorySocket s) {
        return s.await(ServerMessage.Error.class, e -> true);
    }

    private void openOnStages(String label, String... stages) {
        act(fac, new FacilitatorAction.EmotionOpen(List.of(stages), List.of(), label));
        for (InMemorySocket s : everyone) s.await(ServerMessage.Emotion.class, e -> e.round() != null);
    }

    /** Waits until {@code s} has been told that {@code people} people scored. */
    private static ServerMessage.Emotion seen(InMemorySocket s, int people) {
        return s.await(ServerMessage.Emotion.class, e -> e.round() != null && e.people() == people);
    }

    @Test
    void everyFrameTellsEachParticipantOnlyTheirOwnScoresAndTheCounts() {
        openOnStages("现状", "stage-consider", "stage-purchase");
        score(fac, "stage-purchase", 1);
        seen(ana, 1);
        score(ana, "stage-purchase", -2);
        score(ana, "stage-consider", 0);
        seen(ben, 2);
        score(ben, "stage-purchase", 2);
        var last = seen(viewer, 3);
        assertThat(last.counts()).isEqualTo(Map.of("stage-consider", 1, "stage-purchase", 3));
        assertThat(last.mine()).isEmpty();
        assertThat(last.round().label()).isEqualTo("现状");
        assertThat(last.round().kind()).isEqualTo("stages");

        Map<InMemorySocket, Map<String, Integer>> own = Map.of(fac, Map.of("stage-purchase", 1),
                ana, Map.of("stage-purchase", -2, "stage-consider", 0), ben, Map.of("stage-purchase", 2), viewer, Map.of());
        act(fac, new FacilitatorAction.EmotionClose());
        for (InMemorySocket s : everyone) s.await(ServerMessage.Emotion.class, e -> e.round() == null);
        for (InMemorySocket s : everyone) {
            boolean closed = false;
            for (String frame : s.frames()) {
                JsonNode f = MessageCodec.parseObject(frame);
                // the results (an applied, or a batch holding it) end the secret part
                if (frame.contains("emotionRounds")) closed = true;
                if (closed || !f.path("type").asText().equals("emotion")) continue;
                assertThat(f.fieldNames()).toIterable().containsExactlyInAnyOrder("type", "round", "mine", "counts", "people");
                var mine = new HashMap<String, Integer>();
                f.path("mine").fields().forEachRemaining(e -> mine.put(e.getKey(), e.getValue().intValue()));
                assertThat(own.get(s)).as("%s is told only their own scores: %s", s.id(), frame).containsAllEntriesOf(mine);
            }
            assertThat(closed).as("%s received the results", s.id()).isTrue();
        }
    }

    @Test
    void theCloseWritesMeanSpreadAndCountIntoTheStagesAsOneServerEdit() {
        openOnStages("现状", "stage-consider", "stage-purchase", "stage-use");
        score(fac, "stage-purchase", -2);
        score(ana, "stage-purchase", 1);
        score(ben, "stage-purchase", 2);
        score(ana, "stage-consider", -1);
        score(ben, "stage-consider", -1);
        // a score can be changed and taken back before the close
        score(fac, "stage-consider", 2);
        seen(fac, 3);
        score(fac, "stage-consider", null);
        fac.await(ServerMessage.Emotion.class, e -> e.round() != null && e.counts().get("stage-consider") == 2 && e.mine().size() == 1);
        act(fac, new FacilitatorAction.EmotionClose());

        var results = viewer.await(ServerMessage.Applied.class, a -> a.client().equals("@server"));
        assertThat(results.author()).isEqualTo(fac.id());
        assertThat(results.ops()).extracting(Op::id).as("a stage nobody scored gets no result").containsExactlyInAnyOrder("stage-consider", "stage-purchase");
        viewer.await(ServerMessage.Emotion.class, e -> e.round() == null);

        JsonNode purchase = room.read(d -> d.get("stage-purchase").props().get("emotionRounds").get(0));
        assertThat(purchase.get("round").intValue()).isEqualTo(1);
        assertThat(purchase.get("label").textValue()).isEqualTo("现状");
        assertThat(purchase.get("mean").doubleValue()).isEqualTo(0.33); // (-2 + 1 + 2) / 3
        assertThat(purchase.get("sd").doubleValue()).isCloseTo(Math.sqrt((Math.pow(-2 - 1 / 3.0, 2) + Math.pow(1 - 1 / 3.0, 2) + Math.pow(2 - 1 / 3.0, 2)) / 3), within(0.005));
        assertThat(purchase.get("min").intValue()).isEqualTo(-2);
        assertThat(purchase.get("max").intValue()).isEqualTo(2);
        assertThat(purchase.get("n").intValue()).isEqualTo(3);
        assertThat(purchase.get("at").longValue()).isPositive();
        JsonNode consider = room.read(d -> d.get("stage-consider").props().get("emotionRounds").get(0));
        assertThat(List.of(consider.get("mean").doubleValue(), consider.get("sd").doubleValue(), consider.get("n").doubleValue()))
                .containsExactly(-1.0, 0.0, 2.0);
        boolean useScored = room.read(d -> d.get("stage-use").props().has("emotionRounds"));
        assertThat(useScored).isFalse();

        // a second round (after a redesign) is appended beside the first, with the next number
        openOnStages("改版后", "stage-purchase");
        score(ana, "stage-purchase", 2);
        seen(ana, 1);
        act(fac, new FacilitatorAction.EmotionClose());
        ana.await(ServerMessage.Emotion.class, e -> e.round() == null);
        JsonNode rounds = room.read(d -> d.get("stage-purchase").props().get("emotionRounds"));
        assertThat(rounds).extracting(r -> r.get("round").intValue()).containsExactly(1, 2);
        assertThat(rounds.get(1).get("label").textValue()).isEqualTo("改版后");
        assertThat(rounds.get(1).get("mean").doubleValue()).isEqualTo(2.0);
    }

    @Test
    void aRoundOnCardsWritesOntoTheCards() {
        fac.send(msg(1, card("t1", "touch", "purchase", "支付页面"), card("t2", "touch", "use", "Delivery")));
        fac.await(ServerMessage.Applied.class, a -> a.cid() == 1);
        act(fac, new FacilitatorAction.EmotionOpen(List.of(), List.of("t1", "t2"), null));
        var info = ana.await(ServerMessage.Emotion.class, e -> e.round() != null).round();
        assertThat(info.kind()).isEqualTo("cards");
        assertThat(info.targets()).containsExactly("t1", "t2");
        assertThat(info.label()).isNull();
        score(ana, "t1", -1);
        score(ben, "t1", -2);
        seen(fac, 2);
        act(fac, new FacilitatorAction.EmotionClose());
        ana.await(ServerMessage.Emotion.class, e -> e.round() == null);
        JsonNode t1 = room.read(d -> d.get("t1").props().get("emotionRounds").get(0));
        assertThat(t1.get("mean").doubleValue()).isEqualTo(-1.5);
        assertThat(t1.get("sd").doubleValue()).isEqualTo(0.5);
        assertThat(t1.has("label")).isFalse();
    }

    @Test
    void aReconnectingTabGetsItsOwnScoresBackAndAJoinerSeesTheRound() {
        openOnStages(null, "stage-use");
        score(ana, "stage-use", -1);
        seen(ana, 1);
        ana.disconnect();
        var again = room.join(Role.EDITOR, "Ana", "ana");
        var back = again.await(ServerMessage.Emotion.class, e -> e.round() != null);
        assertThat(back.mine()).isEqualTo(Map.of("stage-use", -1));
        var newcomer = room.join(Role.EDITOR, "Sam", "sam").await(ServerMessage.Emotion.class, e -> e.round() != null);
        assertThat(newcomer.mine()).isEmpty();
        assertThat(newcomer.counts()).isEqualTo(Map.of("stage-use", 1));
    }

    @Test
    void eachRefusalHasItsCodeAndChangesNothing() {
        score(ana, "stage-use", 1);
        assertThat(refusal(ana).message()).isEqualTo("emotion: no emotion round is open");
        act(ana, new FacilitatorAction.EmotionOpen(List.of("stage-use"), List.of(), null));
        assertThat(refusal(ana).code()).isEqualTo(ErrorCode.FORBIDDEN);
        act(fac, new FacilitatorAction.EmotionOpen(List.of("lane-pain"), List.of(), null));
        assertThat(refusal(fac).message()).isEqualTo("emotion.open: 'lane-pain' is not a stage");
        act(fac, new FacilitatorAction.EmotionOpen(List.of(), List.of("stage-use"), null));
        assertThat(refusal(fac).message()).isEqualTo("emotion.open: 'stage-use' is not a card");
        act(fac, new FacilitatorAction.EmotionOpen(List.of("stage-use", "stage-use"), List.of(), null));
        assertThat(refusal(fac).message()).isEqualTo("emotion.open: 'stage-use' is named twice");
        act(fac, new FacilitatorAction.EmotionClose());
        assertThat(refusal(fac).message()).isEqualTo("emotion.close: no emotion round is open");

        openOnStages(null, "stage-use");
        act(fac, new FacilitatorAction.EmotionOpen(List.of("stage-aware"), List.of(), null));
        assertThat(refusal(fac).message()).isEqualTo("emotion.open: round 1 is open; close it first");
        score(viewer, "stage-use", 1);
        var viewerRefused = refusal(viewer);
        assertThat(viewerRefused.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(viewerRefused.message()).isEqualTo("emotion: a viewer does not score");
        score(ana, "stage-aware", 1);
        assertThat(refusal(ana).message()).isEqualTo("emotion: 'stage-aware' is not scored in this round");
        score(ana, "stage-use", 3);
        var outOfRange = refusal(ana);
        assertThat(outOfRange.code()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(outOfRange.message()).isEqualTo("emotion: score must be an integer from -2 to 2, or null to take it back");
        score(ana, "stage-use", null);
        assertThat(refusal(ana).message()).isEqualTo("emotion: you have no score on 'stage-use'");
        assertThat(room.rejected(ErrorCode.INVALID_VALUE)).isEqualTo(9);
        assertThat(room.rejected(ErrorCode.FORBIDDEN)).isEqualTo(2);

        // none of it counted: the first real score is the only one
        score(ben, "stage-use", -2);
        assertThat(seen(fac, 1).counts()).isEqualTo(Map.of("stage-use", 1));
        // and nobody writes results by hand, facilitators included
        fac.send(msg(5, new Op.Update("stage-use", JsonNodeFactory.instance.objectNode().set("emotionRounds", JsonNodeFactory.instance.arrayNode()), List.of())));
        var byHand = fac.await(ServerMessage.Rejected.class, r -> r.cid() == 5);
        assertThat(byHand.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(byHand.message()).isEqualTo("update: 'emotionRounds' is written by the server at the close of an emotion round");
    }

    @Test
    void resultsAreTheRoundedMeanPopulationSdAndExtremes() {
        var open = new EmotionRound.Open(3, "x", "stages", List.of("a", "b"), 0, Map.of(
                "t1", Map.of("a", 2), "t2", Map.of("a", 1), "t3", Map.of("a", 1, "b", -2)));
        var r = EmotionRound.results(open, 42);
        assertThat(r).containsOnlyKeys("a", "b");
        assertThat(r.get("a")).isEqualTo(new EmotionRound.Result(3, "x", 42, 1.33, 0.47, 1, 2, 3));
        assertThat(r.get("b")).isEqualTo(new EmotionRound.Result(3, "x", 42, -2.0, 0.0, -2, -2, 1));
        assertThat(EmotionRound.round2(-0.001)).isEqualTo(0.0).isNotNegative();
    }

    @Test
    void anOpenRoundIsAPlainRecordThatSurvivesJson() {
        var open = new EmotionRound.Open(4, "改版后", "cards", List.of("t1", "t2"), 1234, Map.of("tab-a", Map.of("t1", -2), "tab-b", Map.of("t1", 1, "t2", 0)));
        assertThat(EmotionRound.Open.fromJson(MessageCodec.parseObject(MessageCodec.bytes(open.toJson())))).isEqualTo(open);
        var unlabelled = new EmotionRound.Open(1, null, "stages", List.of("s"), 0, Map.of());
        assertThat(EmotionRound.Open.fromJson(unlabelled.toJson())).isEqualTo(unlabelled);
    }
}
