package dev.journeyboard.load.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.board.Actor;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.board.FractionalIndex;
import dev.journeyboard.protocol.board.Limits;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The server's hot path for one edit, without the network: decode the client's frame, validate and apply
 * it to a board document ({@code Document.apply}), encode the {@code applied} broadcast
 * ({@code MessageCodec.encode}); then the fan-out to N sockets, modelled as copies into per-socket
 * (direct, pooled) buffers: encode once and copy N times (what Room does) vs encode per socket, and encode
 * once but deflate per socket (what permessage-deflate, which every browser negotiates, makes the server do).
 *
 * <p>{@code java -jar load-tests/target/jb-bench.jar -f 1 -wi 3 -w 2s -i 5 -r 2s}
 */
public class HotPathBench extends Microbench {
    private static final Actor EDITOR = new Actor(Role.EDITOR, "client-a", false);

    /** Recipients of one broadcast. */
    @Param({"10", "100"})
    public int sockets;

    private Document doc;
    private final List<String> cards = new ArrayList<>();
    private final List<String> lanes = new ArrayList<>();
    private final List<String> stages = new ArrayList<>();
    private String[] moveFrames;
    private String[] textFrames;
    private ServerMessage.Applied applied;
    private ByteBuf[] socketBuffers;
    private Deflater[] deflaters;
    private byte[] deflateOut;
    private long seq;
    private int i;

    @Setup(Level.Trial)
    public void setup() {
        var elements = new ArrayList<Element>();
        String[] si = FractionalIndex.sequence(5);
        String[] li = FractionalIndex.sequence(10);
        for (int s = 0; s < 5; s++) {
            stages.add("stage-" + s);
            elements.add(new Element("stage-" + s, ElementType.STAGE, null, si[s], labels("阶段 " + s, "Stage " + s)));
        }
        for (int l = 0; l < 10; l++) {
            lanes.add("lane-" + l);
            elements.add(new Element("lane-" + l, ElementType.LANE, null, li[l], labels("泳道 " + l, "Lane " + l).put("kind", "custom")));
        }
        String[] ci = FractionalIndex.sequence(1000);
        for (int c = 0; c < 1000; c++) {
            String id = "card-" + c;
            cards.add(id);
            elements.add(new Element(id, ElementType.CARD, lanes.get(c % 10), ci[c],
                    N.objectNode().put("stage", stages.get(c % 5)).put("text", "支付步骤多 / checkout has too many steps " + c).put("emotion", c % 5 - 2)));
        }
        doc = Document.of(elements);
        // client frames as they arrive: a move to another cell (move + update stage in one batch) and a text edit
        moveFrames = new String[64];
        textFrames = new String[64];
        for (int k = 0; k < 64; k++) {
            String card = cards.get(k * 13 % cards.size());
            Op move = new Op.Batch(List.of(new Op.Move(card, true, lanes.get(k % 10), "V" + (char) ('1' + k % 9)),
                    new Op.Update(card, N.objectNode().put("stage", stages.get(k % 5)), List.of())));
            moveFrames[k] = text(new ClientMessage.Ops(k + 1, 100L, List.of(move)));
            textFrames[k] = text(new ClientMessage.Ops(k + 1, 100L,
                    List.of(new Op.Update(card, N.objectNode().put("text", "退货麻烦 — returns are a pain #" + k), List.of()))));
        }
        applied = new ServerMessage.Applied(1234, "p7", "k3J9xQ2a", 77, List.of(new Op.Batch(List.of(
                new Op.Move("card-7", true, "lane-3", "V5"), new Op.Update("card-7", N.objectNode().put("stage", "stage-2"), List.of())))));
        socketBuffers = new ByteBuf[sockets];
        deflaters = new Deflater[sockets];
        for (int s = 0; s < sockets; s++) {
            socketBuffers[s] = PooledByteBufAllocator.DEFAULT.directBuffer(64 * 1024);
            deflaters[s] = new Deflater(6, true); // one context per connection, as permessage-deflate keeps
        }
        deflateOut = new byte[64 * 1024];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (ByteBuf b : socketBuffers) b.release();
        for (Deflater d : deflaters) d.end();
    }

    private static ObjectNode labels(String zh, String en) {
        ObjectNode p = N.objectNode();
        p.putObject("labels").put("zh", zh).put("en", en);
        return p;
    }

    private static String text(ClientMessage m) {
        return new String(MessageCodec.encode(m), StandardCharsets.UTF_8);
    }

    /** Decode a move-to-another-cell frame, validate + apply it, encode its applied broadcast once. */
    @Benchmark
    public byte[] decodeApplyEncodeMove() {
        return decodeApplyEncode(moveFrames[i++ & 63]);
    }

    /** The same for a text edit. */
    @Benchmark
    public byte[] decodeApplyEncodeText() {
        return decodeApplyEncode(textFrames[i++ & 63]);
    }

    private byte[] decodeApplyEncode(String frame) {
        var ops = (ClientMessage.Ops) MessageCodec.decodeClient(frame);
        doc.apply(ops.ops(), EDITOR, Limits.DEFAULT);
        return MessageCodec.encode(new ServerMessage.Applied(++seq, "p3", "client-a", ops.cid(), ops.ops()));
    }

    /** Room's way: encode the applied once, write the same bytes to every socket. */
    @Benchmark
    public void broadcastEncodeOnce(Blackhole bh) {
        byte[] bytes = MessageCodec.encode(applied);
        for (ByteBuf b : socketBuffers) {
            b.clear();
            b.writeBytes(bytes);
        }
        bh.consume(bytes);
    }

    /** The naive way: encode per socket. */
    @Benchmark
    public void broadcastEncodePerSocket(Blackhole bh) {
        for (ByteBuf b : socketBuffers) {
            byte[] bytes = MessageCodec.encode(applied);
            b.clear();
            b.writeBytes(bytes);
            bh.consume(bytes);
        }
    }

    /** Encode once, but deflate per socket: what permessage-deflate costs the server for each broadcast. */
    @Benchmark
    public void broadcastEncodeOnceDeflatePerSocket(Blackhole bh) {
        byte[] bytes = MessageCodec.encode(applied);
        for (int s = 0; s < socketBuffers.length; s++) {
            Deflater d = deflaters[s];
            d.setInput(bytes);
            int n = d.deflate(deflateOut, 0, deflateOut.length, Deflater.SYNC_FLUSH);
            ByteBuf b = socketBuffers[s];
            b.clear();
            b.writeBytes(deflateOut, 0, n);
        }
        bh.consume(bytes);
    }
}
