package dev.journeyboard.server;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.msg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.testing.InMemorySocket;
import dev.journeyboard.server.testing.Recipient;
import dev.journeyboard.server.testing.RoomHarness;
import dev.journeyboard.server.testing.ServerProcess;
import dev.journeyboard.server.testing.SmallDisk;
import dev.journeyboard.server.testing.TestClient;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Early broadcast (JB_EARLY_BROADCAST): every connection still gets every seq once and in order, senders get
 * their own edits (their acks) like everyone; and when a write fails after others were shown the edit, they are
 * closed (4503) and their resume gets the board as saved. The SIGKILL case is {@link EarlyBroadcastCrashTest}.
 */
class EarlyBroadcastTest {

    /** Every message a socket was sent, batches unpacked, in order. */
    private static List<ServerMessage> decoded(Recipient s) {
        var out = new ArrayList<ServerMessage>();
        for (String f : s.frames()) {
            ServerMessage m = MessageCodec.decodeServer(f);
            if (m instanceof ServerMessage.Batch b) out.addAll(b.messages());
            else out.add(m);
        }
        return out;
    }

    @Test
    void theSwitchIsABareFlagOrAVariable() {
        assertThat(ServerConfig.from(Map.of(), new String[0]).earlyBroadcast()).isFalse();
        assertThat(ServerConfig.from(Map.of(), new String[] {"--early-broadcast"}).earlyBroadcast()).isTrue();
        assertThat(ServerConfig.from(Map.of(), new String[] {"--early-broadcast", "--port", "0"}).earlyBroadcast()).isTrue();
        assertThat(ServerConfig.from(Map.of("JB_EARLY_BROADCAST", "true"), new String[0]).earlyBroadcast()).isTrue();
        assertThat(ServerConfig.from(Map.of("JB_EARLY_BROADCAST", "true"), new String[] {"--early-broadcast=false"}).earlyBroadcast()).isFalse();
    }

    @Test
    void everyConnectionGetsEverySeqOnceInOrder() {
        try (var room = new RoomHarness(Map.of("JB_EARLY_BROADCAST", "true", "JB_OPS_PER_SECOND", "10000"))) {
            var editors = new ArrayList<InMemorySocket>();
            for (int e = 0; e < 3; e++) editors.add(room.join(Role.EDITOR, "e" + e, "tab-" + e));
            var viewer = room.join(Role.VIEWER, "v", "tab-v");
            int each = 40;
            for (int i = 1; i <= each; i++) {
                for (int e = 0; e < editors.size(); e++) editors.get(e).send(msg(i, card("c" + e + "-" + i, "pain", "use", "x")));
            }
            int total = each * editors.size();
            var all = new ArrayList<InMemorySocket>(editors);
            all.add(viewer);
            for (var s : all) {
                s.await(ServerMessage.Applied.class, a -> a.seq() == total, Duration.ofSeconds(30));
            }
            for (var s : all) {
                var seqs = new ArrayList<Long>();
                for (var m : decoded(s)) if (m instanceof ServerMessage.Applied a) seqs.add(a.seq());
                var expected = new ArrayList<Long>();
                for (long q = 1; q <= total; q++) expected.add(q);
                assertThat(seqs).as("seqs sent to " + s.id()).isEqualTo(expected);
            }
            for (int e = 0; e < editors.size(); e++) {
                String client = "tab-" + e;
                long own = decoded(editors.get(e)).stream()
                        .filter(m -> m instanceof ServerMessage.Applied a && a.client().equals(client)).count();
                assertThat(own).as("acks of " + client).isEqualTo(each);
            }
        }
    }

    @Test
    void othersShownAnEditThatCouldNotBeSavedAreClosedAndResyncToTheSavedBoard() throws Exception {
        Vertx clients = Vertx.vertx();
        try (SmallDisk disk = SmallDisk.mount(4, "EarlyBroadcastTest"); var server = new ServerProcess()) {
            Path data = disk.path().resolve("data");
            int port = server.start(Map.of("JB_DATA_DIR", data.toString()), "--early-broadcast");
            var board = server.createBoard("提前广播", "journey");
            String big = "满".repeat(3000);
            try (TestClient a = TestClient.connect(clients, port, board.id(), board.editor());
                 TestClient b = TestClient.connect(clients, port, board.id(), board.viewer())) {
                a.hello("Alex", "tab-a", null);
                b.hello("Bo", "tab-b", null);
                a.send(msg(1, card("c1", "pain", "use", "before")));
                assertThat(a.await(ServerMessage.Applied.class, x -> x.cid() == 1).seq()).isEqualTo(1);
                b.await(ServerMessage.Applied.class, x -> x.seq() == 1);

                disk.fill();
                int lost = SmallDisk.cardsUntilRefused(a, 2, big);
                assertThat(a.frames()).as("the sender never got its edit as applied").noneMatch(f -> f.matches("(?s).*\"seq\":" + lost + "[,}].*"));
                // Bo was shown it before the write failed (it is sent before the write starts), then closed
                assertThat(b.await(ServerMessage.Applied.class, x -> x.seq() == lost).cid()).isEqualTo(lost);
                assertThat(b.awaitClosed(Duration.ofSeconds(10))).isTrue();
                assertThat(b.closeStatus()).isEqualTo((short) 4503);
                disk.free();

                try (TestClient again = TestClient.connect(clients, port, board.id(), board.viewer())) {
                    var w = again.hello("Bo", "tab-b", (long) lost);
                    assertThat(w.missed()).isNull();
                    assertThat(w.snapshot()).isNotNull();
                    assertThat(w.seq()).isEqualTo(lost - 1);
                    assertThat(w.behind()).isNotNull();
                    Document d = Document.of(w.snapshot().elements());
                    assertThat(d.get("c1")).isNotNull();
                    assertThat(d.get("c" + (lost - 1))).as("saved before the disk was full").isNotNull();
                    assertThat(d.get("c" + lost)).as("taken back").isNull();
                }
            }
        } finally {
            clients.close().await();
        }
    }
}
