package dev.journeyboard.load.bench;

import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementCodec;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.board.FractionalIndex;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.Participant;
import dev.journeyboard.protocol.message.ServerMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * A join's cost on the room thread: the welcome of a board of N elements. Today Room.hello builds the JSON
 * tree of every element and serialises it to a String for each joining participant
 * ({@code MessageCodec.encodeText}); the proposed fix encodes the snapshot's elements once per durable seq
 * and splices those cached bytes into each participant's small welcome.
 */
public class WelcomeBench extends Microbench {

    @Param({"5000"})
    public int elements;

    private List<Element> snapshot;
    private byte[] cachedElements;
    private final Participant you = new Participant("p42", "参与者 42", "#1971c2", Role.EDITOR);
    private final List<Participant> others = new ArrayList<>();

    @Setup(Level.Trial)
    public void setup() {
        snapshot = new ArrayList<>();
        String[] si = FractionalIndex.sequence(5);
        String[] li = FractionalIndex.sequence(10);
        for (int s = 0; s < 5; s++) snapshot.add(new Element("stage-" + s, ElementType.STAGE, null, si[s], N.objectNode().put("title", "Stage " + s)));
        for (int l = 0; l < 10; l++) snapshot.add(new Element("lane-" + l, ElementType.LANE, null, li[l], N.objectNode().put("title", "Lane " + l).put("kind", "custom")));
        String[] ci = FractionalIndex.sequence(elements);
        for (int c = 0; c < elements; c++) {
            snapshot.add(new Element("seed" + c, ElementType.CARD, "lane-" + (c % 10), ci[c], N.objectNode().put("stage", "stage-" + (c % 5))
                    .put("text", "支付步骤多 — seed " + c).put("emotion", c % 5 - 2)));
        }
        for (int p = 1; p < 40; p++) others.add(new Participant("p" + p, "参与者 " + p, "#e8590c", Role.EDITOR));
        cachedElements = MessageCodec.bytes(ElementCodec.toJson(snapshot));
    }

    private ServerMessage.Welcome welcome(ServerMessage.Snapshot snap) {
        return new ServerMessage.Welcome(MessageCodec.VERSION, new ServerMessage.BoardInfo("b7Qk2mX9aZ", "电商购物旅程", "journey"), you, others,
                5000, snap, null, new ServerMessage.LimitsInfo(262144, 50, 20000, 10000));
    }

    /** What Room.hello does per join today: tree + String for the whole board, then UTF-8 bytes for the socket. */
    @Benchmark
    public byte[] welcomePerJoin() {
        String text = MessageCodec.encodeText(welcome(new ServerMessage.Snapshot(5000, new ArrayList<>(snapshot))));
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Proposed: the elements' bytes are cached per durable seq; each join encodes only its small envelope and splices. */
    @Benchmark
    public byte[] welcomeSplicedFromCache() {
        byte[] head = MessageCodec.encode(welcome(new ServerMessage.Snapshot(5000, List.of())));
        // head holds "...,"snapshot":{"seq":5000,"elements":[]},...": put the cached array in place of []
        byte[] marker = "\"elements\":[]".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(head, marker) + marker.length - 2;
        var out = new ByteArrayOutputStream(head.length + cachedElements.length);
        out.write(head, 0, at);
        out.writeBytes(cachedElements);
        out.write(head, at + 2, head.length - at - 2);
        return out.toByteArray();
    }

    private static int indexOf(byte[] b, byte[] p) {
        outer:
        for (int i = 0; i <= b.length - p.length; i++) {
            for (int j = 0; j < p.length; j++) if (b[i + j] != p[j]) continue outer;
            return i;
        }
        throw new IllegalStateException("marker not found");
    }
}
