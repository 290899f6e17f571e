package dev.journeyboard.server;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.msg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.testing.ServerHttp;
import dev.journeyboard.server.testing.ServerProcess;
import dev.journeyboard.server.testing.SmallDisk;
import dev.journeyboard.server.testing.TestClient;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The server on a real disk that fills up (a 4 MiB tmpfs; root only, else skipped loudly): edits are refused
 * with STORE_UNAVAILABLE and /health is degraded while it is full; once space returns, the same socket's edits
 * are acknowledged refused without a restart; and after a SIGKILL and a restart every acknowledged op is there.
 */
class FullDiskTest {

    @Test
    void aFullDiskRefusesEditsSaysSoAndLosesNothingAcknowledged() throws Exception {
        Vertx clients = Vertx.vertx();
        try (SmallDisk disk = SmallDisk.mount(4, "FullDiskTest"); var server = new ServerProcess()) {
            Path data = disk.path().resolve("data");
            int port = server.start(Map.of("JB_DATA_DIR", data.toString()));
            var board = server.createBoard("磁盘满了", "journey");
            String big = "满".repeat(3000); // ~9 KB: more than the room left in the log's last page
            int lastCid;
            try (TestClient a = TestClient.connect(clients, port, board.id(), board.editor())) {
                a.hello("Alex", "tab-a", null);
                a.send(msg(1, card("c1", "pain", "use", "before")));
                assertThat(a.await(ServerMessage.Applied.class, x -> x.cid() == 1).seq()).isEqualTo(1);

                disk.fill();
                int refused = SmallDisk.cardsUntilRefused(a, 2, big);
                assertThat(ServerHttp.storeDownError(server.get("/health"))).contains("space");
                int whileFull = refused + 1;
                a.send(msg(whileFull, card("c-full", "pain", "use", "while full")));
                assertThat(a.await(ServerMessage.Rejected.class, x -> x.cid() == whileFull).code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);

                disk.free();
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (server.get("/health").statusCode() != 200) {
                    if (System.nanoTime() > deadline) throw new AssertionError("/health did not turn ok after space returned\n" + server.output());
                    Thread.sleep(50);
                }
                // the client re-sends what was refused, on the same socket
                a.send(msg(refused, card("c" + refused, "pain", "use", big)));
                assertThat(a.await(ServerMessage.Applied.class, x -> x.cid() == refused).seq()).isEqualTo(refused);
                a.send(msg(whileFull, card("c-full", "pain", "use", "while full")));
                assertThat(a.await(ServerMessage.Applied.class, x -> x.cid() == whileFull).seq()).isEqualTo(whileFull);
                lastCid = whileFull;
            }
            server.kill9();
            int port2 = server.start(Map.of("JB_DATA_DIR", data.toString()));
            try (TestClient check = TestClient.connect(clients, port2, board.id(), board.viewer())) {
                ServerMessage.Welcome w = check.hello("check", "tab-check", null);
                assertThat(w.seq()).isEqualTo(lastCid); // one seq per acknowledged edit: every cid from 1 on
                Document d = Document.of(w.snapshot().elements());
                assertThat(d.get("c1").props().get("text").textValue()).isEqualTo("before");
                for (int cid = 2; cid < lastCid; cid++) assertThat(d.get("c" + cid).props().get("text").textValue()).isEqualTo(big);
                assertThat(d.get("c-full").props().get("text").textValue()).isEqualTo("while full");
            }
        } finally {
            clients.close().await();
        }
    }
}
