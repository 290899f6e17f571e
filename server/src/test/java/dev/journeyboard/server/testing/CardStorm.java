package dev.journeyboard.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The load of the crash tests ({@code CrashTest}, {@code EarlyBroadcastCrashTest}): editors on one board, each on
 * its own thread creating cards as fast as the server takes them until {@link #stop}, the server usually killed
 * under them. A card's id and text name its editor and cid, so what was acknowledged can be looked for in the
 * board after a restart ({@link #assertBoardHoldsEvery}). Which applied messages count as acknowledged is the
 * test's to say: each editor hands its own ones to {@code ownApplied} as it reads them.
 */
public final class CardStorm {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> editors = new ArrayList<>();

    private CardStorm() {}

    /** Starts {@code count} editors ({@code editor0}, …) on the board with the edit token; they run until {@link #stop}. */
    public static CardStorm start(Vertx vertx, int port, String boardId, String editToken, int count, Consumer<ServerMessage.Applied> ownApplied) {
        var storm = new CardStorm();
        for (int e = 0; e < count; e++) {
            String client = "editor" + e;
            var t = new Thread(() -> storm.edit(TestClient.connect(vertx, port, boardId, editToken), client, ownApplied));
            t.start();
            storm.editors.add(t);
        }
        return storm;
    }

    private void edit(TestClient c, String client, Consumer<ServerMessage.Applied> ownApplied) {
        c.hello(client, client, null);
        long cid = 0;
        try {
            while (!stop.get()) {
                cid++;
                var p = JsonNodeFactory.instance.objectNode().put("stage", "stage-purchase").put("text", client + " #" + cid);
                c.send(new ClientMessage.Ops(cid, null, List.of(new Op.Create(client + "-" + cid, ElementType.CARD, "lane-pain", "V", p))));
                own(c, client, ownApplied);
                if (cid % 5 == 0) Thread.sleep(1);
            }
        } catch (Throwable ignored) {
            // the server was killed under us: expected
        }
        own(c, client, ownApplied);
    }

    private static void own(TestClient c, String client, Consumer<ServerMessage.Applied> ownApplied) {
        for (ServerMessage m : c.drain()) {
            if (m instanceof ServerMessage.Applied a && a.client().equals(client)) ownApplied.accept(a);
        }
    }

    /** Tells the editors to stop and waits for them (each up to 5 s: a killed server may leave one mid-send). */
    public void stop() throws InterruptedException {
        stop.set(true);
        for (Thread t : editors) t.join(5000);
    }

    /**
     * Asserts that the board a restarted server welcomed with holds every acknowledged op: its seq reaches the
     * last of them, and each acknowledged card is there with its text.
     */
    public static void assertBoardHoldsEvery(ServerMessage.Welcome reloaded, Collection<ServerMessage.Applied> acknowledged) {
        long lastAcked = acknowledged.stream().mapToLong(ServerMessage.Applied::seq).max().orElseThrow();
        assertThat(reloaded.seq()).as("the reloaded board has at least every acknowledged op").isGreaterThanOrEqualTo(lastAcked);
        var board = Document.of(reloaded.snapshot().elements());
        for (ServerMessage.Applied a : acknowledged) {
            var create = (Op.Create) a.ops().getFirst();
            var card = board.get(create.id());
            assertThat(card).as("acknowledged op " + a.seq() + " (" + create.id() + ")").isNotNull();
            assertThat(card.props().get("text")).isEqualTo(create.props().get("text"));
        }
    }
}
