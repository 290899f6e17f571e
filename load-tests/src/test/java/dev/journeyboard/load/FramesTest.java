package dev.journeyboard.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator's frame reader against frames encoded by the real MessageCodec. */
class FramesTest {
    private static final JsonNodeFactory N = JsonNodeFactory.instance;

    @Test
    void readsSeqAndCidOfApplied() {
        // a cid-like field inside the ops must not fool it
        var ops = List.<Op>of(new Op.Update("c1", N.objectNode().put("text", "\"cid\":999 支付"), List.of()));
        byte[] b = MessageCodec.encode(new ServerMessage.Applied(58, "p3", "lg7-abc", 12345, ops));
        assertThat(Frames.type(b)).isEqualTo(Frames.Type.APPLIED);
        assertThat(Frames.appliedSeq(b)).isEqualTo(58);
        assertThat(Frames.appliedCid(b)).isEqualTo(12345);
    }

    @Test
    void readsEveryAppliedOfABatchInOrder() {
        var ops = List.<Op>of(new Op.Update("c1", N.objectNode().put("text", "{\"type\":\"applied\",\"seq\":7"), List.of()));
        byte[] b = MessageCodec.encodeBatch(List.of(
                MessageCodec.encode(new ServerMessage.Applied(58, "p3", "a", 11, ops)),
                MessageCodec.encode(new ServerMessage.Applied(59, "p4", "b", 22, ops))));
        assertThat(Frames.type(b)).isEqualTo(Frames.Type.BATCH);
        var seen = new ArrayList<Long>();
        int n = Frames.forEachApplied(b, (seq, cid) -> {
            seen.add(seq);
            seen.add(cid);
        });
        assertThat(n).isEqualTo(2);
        assertThat(seen).containsExactly(58L, 11L, 59L, 22L);
    }

    @Test
    void readsCursorXsOfPresence() {
        var peers = new ArrayList<ObjectNode>();
        for (double x : new double[] {1.5e7, 123456789.0, 42}) {
            ObjectNode p = N.objectNode().put("id", "p1");
            p.putObject("cursor").put("x", x).put("y", 3.0);
            peers.add(p);
        }
        peers.add(N.objectNode().put("id", "p9").putNull("cursor"));
        byte[] b = MessageCodec.encode(new ServerMessage.Presence(peers));
        assertThat(Frames.type(b)).isEqualTo(Frames.Type.PRESENCE);
        var xs = new ArrayList<Double>();
        assertThat(Frames.cursorXs(b, xs::add)).isEqualTo(3);
        assertThat(xs).containsExactly(1.5e7, 123456789.0, 42.0);
    }

    @Test
    void tellsTheOtherTypes() {
        assertThat(Frames.type(MessageCodec.encodeText(new ServerMessage.Ack(3, true)))).isEqualTo(Frames.Type.ACK);
        assertThat(Frames.type(MessageCodec.encodeText(new ServerMessage.Left("p2")))).isEqualTo(Frames.Type.LEFT);
        assertThat(Frames.type(MessageCodec.encodeText(new ServerMessage.Error(dev.journeyboard.protocol.ErrorCode.BAD_MESSAGE, "x"))))
                .isEqualTo(Frames.Type.ERROR);
    }
}
