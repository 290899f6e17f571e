package dev.journeyboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.FacilitatorAction;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The emotion round's messages: decoding checks every field; each message survives a round trip. */
class EmotionMessagesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"emotion\",\"score\":1}",
            "{\"type\":\"emotion\",\"target\":\"s1\"}",
            "{\"type\":\"emotion\",\"target\":\"s1\",\"score\":1.5}",
            "{\"type\":\"emotion\",\"target\":\"s1\",\"score\":\"1\"}",
            "{\"type\":\"emotion\",\"target\":7,\"score\":1}",
            "{\"type\":\"facilitate\",\"action\":\"emotion.open\"}",
            "{\"type\":\"facilitate\",\"action\":\"emotion.open\",\"stages\":[]}",
            "{\"type\":\"facilitate\",\"action\":\"emotion.open\",\"stages\":[\"s1\"],\"cards\":[\"c1\"]}",
            "{\"type\":\"facilitate\",\"action\":\"emotion.open\",\"cards\":[1]}",
            "{\"type\":\"facilitate\",\"action\":\"emotion.open\",\"stages\":[\"s1\"],\"label\":5}",
            "{\"type\":\"facilitate\",\"action\":\"emotion.open\",\"stages\":\"s1\"}",
    })
    void malformedEmotionMessagesAreBadMessages(String json) {
        assertThatThrownBy(() -> MessageCodec.decodeClient(json))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_MESSAGE));
    }

    @Test
    void aLabelIsTrimmedAndAtMostSixtyCharacters() {
        var open = (ClientMessage.Facilitate) MessageCodec.decodeClient("{\"type\":\"facilitate\",\"action\":\"emotion.open\",\"stages\":[\"s1\"],\"label\":\"  现状 \"}");
        assertThat(open.action()).isEqualTo(new FacilitatorAction.EmotionOpen(List.of("s1"), List.of(), "现状"));
        var blank = (ClientMessage.Facilitate) MessageCodec.decodeClient("{\"type\":\"facilitate\",\"action\":\"emotion.open\",\"cards\":[\"c1\"],\"label\":\" \"}");
        assertThat(((FacilitatorAction.EmotionOpen) blank.action()).label()).isNull();
        assertThatThrownBy(() -> MessageCodec.decodeClient("{\"type\":\"facilitate\",\"action\":\"emotion.open\",\"stages\":[\"s1\"],\"label\":\"" + "情".repeat(61) + "\"}"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("at most 60");
    }

    @Test
    void aScoreOutOfRangeReachesTheRoomWhichAnswersIt() {
        assertThat(MessageCodec.decodeClient("{\"type\":\"emotion\",\"target\":\"s1\",\"score\":3}")).isEqualTo(new ClientMessage.Emotion("s1", 3));
        assertThat(MessageCodec.decodeClient("{\"type\":\"emotion\",\"target\":\"s1\",\"score\":99999999999}"))
                .isEqualTo(new ClientMessage.Emotion("s1", Integer.MAX_VALUE));
        assertThat(MessageCodec.decodeClient("{\"type\":\"emotion\",\"target\":\"s1\",\"score\":null}")).isEqualTo(new ClientMessage.Emotion("s1", null));
    }

    @Test
    void emotionMessagesRoundTrip() {
        for (ClientMessage m : List.of(new ClientMessage.Emotion("s1", -2), new ClientMessage.Emotion("s1", null),
                new ClientMessage.Facilitate(new FacilitatorAction.EmotionOpen(List.of("s1", "s2"), List.of(), "改版后")),
                new ClientMessage.Facilitate(new FacilitatorAction.EmotionOpen(List.of(), List.of("c1"), null)),
                new ClientMessage.Facilitate(new FacilitatorAction.EmotionClose()))) {
            assertThat(MessageCodec.decodeClient(MessageCodec.encode(m))).isEqualTo(m);
        }
        var open = new ServerMessage.Emotion(new ServerMessage.EmotionRoundInfo(2, "现状", "stages", List.of("s1", "s2")),
                Map.of("s1", -1), Map.of("s1", 3, "s2", 0), 3);
        assertThat(MessageCodec.decodeServer(MessageCodec.encode(open))).isEqualTo(open);
        var closed = new ServerMessage.Emotion(null, Map.of(), Map.of(), 0);
        assertThat(MessageCodec.encodeText(closed)).isEqualTo("{\"type\":\"emotion\",\"round\":null,\"mine\":{},\"counts\":{},\"people\":0}");
        assertThat(MessageCodec.decodeServer(MessageCodec.encode(closed))).isEqualTo(closed);
    }
}
