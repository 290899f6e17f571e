package dev.journeyboard.server.room.facilitation;

import static dev.journeyboard.server.testing.Ops.props;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.FacilitatorAction;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.testing.RoomHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Twenty emotion rounds are kept per target: the 21st drops the oldest (stage-x was scored 20 times before). */
class EmotionRoundLimitTest {
    @RegisterExtension
    final RoomHarness full = new RoomHarness(Map.of(), List.of(new Element("stage-x", ElementType.STAGE, null, "z", stageWithRounds(20))));

    @Test
    void theOldestRoundMakesWayBeyondTwenty() {
        var f = full.join(Role.FACILITATOR, "F", "f");
        f.send(new ClientMessage.Facilitate(new FacilitatorAction.EmotionOpen(List.of("stage-x"), List.of(), "new")));
        var info = f.await(ServerMessage.Emotion.class, e -> e.round() != null).round();
        assertThat(info.round()).isEqualTo(21);
        f.send(new ClientMessage.Emotion("stage-x", 0));
        f.await(ServerMessage.Emotion.class, e -> e.people() == 1);
        f.send(new ClientMessage.Facilitate(new FacilitatorAction.EmotionClose()));
        f.await(ServerMessage.Emotion.class, e -> e.round() == null);
        JsonNode rounds = full.read(d -> d.get("stage-x").props().get("emotionRounds"));
        assertThat(rounds).hasSize(20);
        assertThat(rounds.get(0).get("round").intValue()).isEqualTo(2);
        assertThat(rounds.get(19).get("round").intValue()).isEqualTo(21);
        assertThat(rounds.get(19).get("label").textValue()).isEqualTo("new");
    }

    private static ObjectNode stageWithRounds(int n) {
        var p = props();
        p.putObject("labels").put("zh", "阶段").put("en", "Stage");
        ArrayNode rounds = p.putArray("emotionRounds");
        for (int i = 1; i <= n; i++) rounds.addObject().put("round", i).put("at", 1000L * i).put("mean", 0).put("sd", 0).put("min", 0).put("max", 0).put("n", 1);
        return p;
    }
}
