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
    void readsOnlyTheGivenLengthOfAReusedBuffer() {
        byte[] frame = MessageCodec.encode(new ServerMessage.Applied(7, "p1", "a", 70, List.of(new Op.Delete("c1"))));
        byte[] stale = MessageCodec.encode(new ServerMessage.Applied(8, "p2", "b", 80, List.of(new Op.Delete("c2"))));
        // a scratch array holding this frame followed by the rest of a longer earlier one
        byte[] scratch = new byte[frame.length + stale.length];
        System.arraycopy(stale, 0, scratch, frame.length, stale.length);
        System.arraycopy(frame, 0, scratch, 0, frame.length);
        var seen = new ArrayList<Long>();
        assertThat(Frames.forEachApplied(scratch, frame.length, (seq, cid) -> seen.add(cid))).isEqualTo(1);
        assertThat(seen).containsExactly(70L);
        assertThat(Frames.type(scratch, 5)).isEqualTo(Frames.Type.OTHER);
    }

    @Test
    void anAppliedWithoutCidDoesNotTakeTheNextOnesCid() {
        byte[] noCid = "{\"type\":\"applied\",\"seq\":5,\"author\":\"p1\",\"ops\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] b = MessageCodec.encodeBatch(List.of(noCid, MessageCodec.encode(new ServerMessage.Applied(6, "p2", "b", 66, List.of()))));
        var seen = new ArrayList<Long>();
        Frames.forEachApplied(b, (seq, cid) -> {
            seen.add(seq);
            seen.add(cid);
        });
        assertThat(seen).containsExactly(5L, -1L, 6L, 66L);
    }

    @Test
    void parsesNumbersAsDoubleParseDoubleDoes() {
        // what Jackson writes for the cursor x the generator sends (microseconds as a double), and rounded forms
        for (double v : new double[] {0, 42, 1.5e7, 123456789.0, 1.234567891e9, 3.6e9, 987654.321, -12.5, 1e-3}) {
            String json = N.numberNode(v).toString();
            byte[] b = json.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(Frames.parseNumber(b, 0, b.length)).as(json).isCloseTo(Double.parseDouble(json), org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(v))));
        }
        for (String s : new String[] {"17", "-3", "2.50", "1E3", "1e+3", "25e-1", "12345678901234567890"}) {
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(Frames.parseNumber(b, 0, b.length)).as(s).isCloseTo(Double.parseDouble(s), org.assertj.core.data.Offset.offset(1e-6 * Math.abs(Double.parseDouble(s))));
        }
        for (String bad : new String[] {"", "-", "x", "1e", "1.2.3", "null"}) {
            byte[] b = bad.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(Frames.parseNumber(b, 0, b.length)).as(bad).isNaN();
        }
    }

    @Test
    void readsLargeCursorXsAsJacksonWritesThem() {
        ObjectNode p = N.objectNode().put("id", "p1");
        p.putObject("cursor").put("x", (double) 1_234_567_891L).put("y", 3.0);
        byte[] b = MessageCodec.encode(new ServerMessage.Presence(List.of(p)));
        var xs = new ArrayList<Double>();
        Frames.cursorXs(b, xs::add);
        assertThat(xs).containsExactly(1_234_567_891.0);
    }

    @Test
    void tellsTheOtherTypes() {
        assertThat(Frames.type(MessageCodec.encodeText(new ServerMessage.Ack(3, true)))).isEqualTo(Frames.Type.ACK);
        assertThat(Frames.type(MessageCodec.encodeText(new ServerMessage.Left("p2")))).isEqualTo(Frames.Type.LEFT);
        assertThat(Frames.type(MessageCodec.encodeText(new ServerMessage.Error(dev.journeyboard.protocol.ErrorCode.BAD_MESSAGE, "x"))))
                .isEqualTo(Frames.Type.ERROR);
    }
}
