package dev.journeyboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.Participant;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.op.Op;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{not json                                   | BAD_MESSAGE",
            "[1,2]                                       | BAD_MESSAGE",
            "{\"v\":1}                                   | BAD_MESSAGE",
            "{\"type\":\"shout\"}                        | UNKNOWN_TYPE",
            "{\"type\":\"hello\",\"name\":\"a\",\"client\":\"c\"}          | BAD_MESSAGE",
            "{\"type\":\"hello\",\"v\":1,\"name\":\"  \",\"client\":\"c\"} | BAD_MESSAGE",
            "{\"type\":\"hello\",\"v\":1,\"name\":\"a\",\"client\":\"c c\"} | BAD_MESSAGE",
            "{\"type\":\"ops\",\"cid\":0,\"ops\":[{\"op\":\"delete\",\"id\":\"x\"}]} | BAD_MESSAGE",
            "{\"type\":\"ops\",\"cid\":1,\"ops\":[]}     | BAD_MESSAGE",
            "{\"type\":\"ops\",\"cid\":1,\"ops\":[{\"op\":\"explode\",\"id\":\"x\"}]} | UNKNOWN_TYPE",
            "{\"type\":\"ops\",\"cid\":1,\"ops\":[{\"op\":\"create\",\"id\":\"x\",\"type\":\"blob\",\"index\":\"V\"}]} | UNKNOWN_TYPE",
            "{\"type\":\"ops\",\"cid\":1,\"ops\":[{\"op\":\"delete\"}]} | BAD_MESSAGE",
            "{\"type\":\"ops\",\"type\":\"ops\",\"cid\":1} | BAD_MESSAGE",
            "{\"type\":\"presence\",\"cursor\":{\"x\":\"a\"}} | BAD_MESSAGE",
            "{\"type\":\"presence\",\"viewport\":{\"x\":1}} | BAD_MESSAGE",
            "{\"type\":\"presence\",\"editing\":\"not an id\"} | BAD_MESSAGE",
            "{\"type\":\"presence\",\"editing\":42} | BAD_MESSAGE",
            "{\"type\":\"presence\",\"editing\":[\"c1\"]} | BAD_MESSAGE",
            "{\"type\":\"hello\",\"v\":1,\"name\":\"a\",\"client\":\"c\",\"department\":7} | BAD_MESSAGE",
            "{\"type\":\"hello\",\"v\":1,\"name\":\"a\",\"client\":\"c\",\"department\":\"a b\"} | BAD_MESSAGE",
            "{\"type\":\"facilitate\",\"action\":\"participant.department\",\"participant\":\"p2\"} | BAD_MESSAGE",
            "{\"type\":\"facilitate\",\"action\":\"participant.department\",\"department\":\"cs\"} | BAD_MESSAGE",
            "{\"type\":\"facilitate\",\"action\":\"participant.department\",\"participant\":\"p2\",\"department\":[]} | BAD_MESSAGE",
    })
    void badClientMessagesGetPreciseCodes(String json, ErrorCode code) {
        assertThatThrownBy(() -> MessageCodec.decodeClient(json))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void presenceCarriesTheElementBeingEditedOrNull() {
        var p = (ClientMessage.Presence) MessageCodec.decodeClient("{\"type\":\"presence\",\"editing\":\"c1\",\"cursor\":null}");
        assertThat(p.fields().get("editing").textValue()).isEqualTo("c1");
        assertThat(p.fields().get("cursor").isNull()).isTrue();
        var cleared = (ClientMessage.Presence) MessageCodec.decodeClient("{\"type\":\"presence\",\"editing\":null}");
        assertThat(cleared.fields().get("editing").isNull()).isTrue();
        assertThat(cleared.fields().has("selection")).isFalse();
    }

    @Test
    void clientMessagesRoundTrip() {
        var hello = new ClientMessage.Hello(1, "王先生", "tab-1", 41L);
        assertThat(MessageCodec.decodeClient(MessageCodec.encode(hello))).isEqualTo(hello);
        var ops = new ClientMessage.Ops(7, 41L, List.of(new Op.Delete("c1"), new Op.Move("c2", true, null, "V"), new Op.Move("c3", false, null, "k")));
        assertThat(MessageCodec.decodeClient(MessageCodec.encode(ops))).isEqualTo(ops);
    }

    @Test
    void departmentsTravelInTheHelloTheFacilitateActionAndParticipants() {
        var hello = MessageCodec.decodeClient("{\"type\":\"hello\",\"v\":1,\"name\":\"李娜\",\"client\":\"k3J9\",\"department\":\"cs\"}");
        assertThat(hello).isEqualTo(new ClientMessage.Hello(1, "李娜", "k3J9", null, "cs"));
        assertThat(MessageCodec.decodeClient(MessageCodec.encode(hello))).isEqualTo(hello);
        assertThat(MessageCodec.decodeClient("{\"type\":\"hello\",\"v\":1,\"name\":\"a\",\"client\":\"c\",\"department\":null}"))
                .isEqualTo(new ClientMessage.Hello(1, "a", "c", null));

        var assign = new ClientMessage.Facilitate(new dev.journeyboard.protocol.message.FacilitatorAction.SetDepartment("p4", "cs"));
        assertThat(new String(MessageCodec.encode(assign), StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"facilitate\",\"action\":\"participant.department\",\"participant\":\"p4\",\"department\":\"cs\"}");
        assertThat(MessageCodec.decodeClient(MessageCodec.encode(assign))).isEqualTo(assign);
        var clear = new ClientMessage.Facilitate(new dev.journeyboard.protocol.message.FacilitatorAction.SetDepartment("p4", null));
        assertThat(MessageCodec.decodeClient(MessageCodec.encode(clear))).isEqualTo(clear);

        var changed = new ServerMessage.ParticipantChanged(new Participant("p4", "Sam", "#2f9e44", Role.EDITOR, "cs"));
        String json = new String(MessageCodec.encode(changed), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"type\":\"participant\",\"participant\":{\"id\":\"p4\",\"name\":\"Sam\",\"color\":\"#2f9e44\",\"role\":\"editor\",\"department\":\"cs\"}}");
        assertThat(MessageCodec.decodeServer(json)).isEqualTo(changed);
        // without a department the field is left out, as before
        assertThat(new String(MessageCodec.encode(new ServerMessage.Joined(new Participant("p5", "a", "#123456", Role.VIEWER))), StandardCharsets.UTF_8))
                .doesNotContain("department");
    }

    @Test
    void aWelcomeWithSplicedElementsDecodesLikeOneEncodedWhole() {
        var props = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("kind", "emotions");
        props.putObject("labels").put("zh", "情绪").put("en", "Emotions");
        var elements = List.of(new dev.journeyboard.protocol.board.Element("l1", dev.journeyboard.protocol.board.ElementType.LANE, null, "V", props));
        var you = new Participant("p1", "李", "#123456", Role.EDITOR);
        var limits = new ServerMessage.LimitsInfo(1, 2, 3, 4);
        var info = new ServerMessage.BoardInfo("b", "t", "journey");
        var whole = new ServerMessage.Welcome(1, info, you, List.of(), 7, new ServerMessage.Snapshot(7, elements), null, limits);
        var spliced = MessageCodec.encodeWelcome(new ServerMessage.Welcome(1, info, you, List.of(), 7,
                new ServerMessage.Snapshot(7, List.of()), null, limits), MessageCodec.encodeElements(elements));
        assertThat(MessageCodec.decodeServer(spliced)).isEqualTo(MessageCodec.decodeServer(MessageCodec.encodeWelcome(whole, null)));
        assertThat(((ServerMessage.Welcome) MessageCodec.decodeServer(spliced)).snapshot().elements()).hasSize(1);
    }

    @Test
    void aBatchFrameSplicedFromEncodedMessagesDecodesToThemInOrder() {
        var a1 = new ServerMessage.Applied(3, "p1", "tab", 2, List.of(new Op.Delete("c1")));
        var a2 = new ServerMessage.Applied(4, "p2", "tab2", 9, List.of(new Op.Move("c2", true, null, "V")));
        byte[] frame = MessageCodec.encodeBatch(List.of(MessageCodec.encode(a1), MessageCodec.encode(a2)));
        assertThat(MessageCodec.decodeServer(frame)).isEqualTo(new ServerMessage.Batch(List.of(a1, a2)));
        assertThat(MessageCodec.decodeServer(MessageCodec.encode(new ServerMessage.Batch(List.of(a1, a2)))))
                .isEqualTo(MessageCodec.decodeServer(frame));
    }

    @Test
    void unicodeSurvivesEncoding() {
        var applied = new ServerMessage.Applied(3, "p1", "tab", 2, List.of(new Op.Delete("c1")));
        var joined = new ServerMessage.Joined(new Participant("p2", "李娜 👩‍💼", "#123456", Role.VIEWER));
        String json = new String(MessageCodec.encode(joined), StandardCharsets.UTF_8);
        assertThat(json).contains("李娜 👩‍💼");
        assertThat(MessageCodec.decodeServer(json)).isEqualTo(joined);
        assertThat(MessageCodec.decodeServer(MessageCodec.encode(applied))).isEqualTo(applied);
    }
}
