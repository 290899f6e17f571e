package dev.journeyboard.server.room;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.msg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.testing.DataHttp;
import dev.journeyboard.server.testing.TestClient;
import dev.journeyboard.server.testing.TestServer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Deleting boards whose rooms are loaded, many times over: the room closes and is undeployed while the deletion
 * goes on to the board's data. Vert.x interrupts a blocking task of a context it undeploys, so the store's part of
 * the deletion must not run on the closed room's context: there it could be cut short (the DELETE then failed, and
 * the interrupted file call marked the whole store down).
 */
class RoomDeletionTest {
    private static final int BOARDS = 40;

    @Test
    void everyDeletionOfABoardWithALoadedRoomIsAnsweredAndLeavesTheStoreUp() throws Exception {
        try (var s = new TestServer(Map.of())) {
            var data = new DataHttp(s);
            for (int i = 0; i < BOARDS; i++) {
                DataHttp.Board board = data.createBoard("deleted while its room closes " + i);
                TestClient fac = s.connect(board.id(), board.facilitator());
                fac.hello("Fran", "fac", null);
                fac.send(msg(1, card("c1", "pain", "use", "a card")));
                fac.await(ServerMessage.Applied.class, a -> a.cid() == 1);

                long start = System.nanoTime();
                var deleted = s.delete("/api/boards/" + board.id(), board.facilitator());
                assertThat(deleted.statusCode()).as("deletion %d: %s", i, deleted.body()).isEqualTo(204);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
                assertThat(fac.awaitClosed(Duration.ofSeconds(10))).isTrue();
                assertThat(fac.closeStatus()).isEqualTo((short) 4404);
                fac.close();
                assertThat(Files.exists(s.dataDir().resolve("boards").resolve(board.id()))).as("the board's folder").isFalse();
                var health = s.get("/health");
                assertThat(health.statusCode()).as("the store stays up: %s", health.body()).isEqualTo(200);
            }
        }
    }
}
