package dev.journeyboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.testing.CardStorm;
import dev.journeyboard.server.testing.ServerProcess;
import dev.journeyboard.server.testing.TestClient;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server runs as a child process, editors get acks while editing flat out, the process is killed with
 * SIGKILL mid-stream and restarted on the same data folder: every acknowledged op is in the reloaded board,
 * in the same order.
 */
class CrashTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void killNineLosesNoAcknowledgedOp() throws Exception {
        Path data = Files.createTempDirectory("jb-crash-");
        var server = new ServerProcess();
        server.start(Map.of(), "--data-dir", data.toString(), "--ops-per-second", "10000");
        var board = server.createBoard("崩溃测试", "journey");
        String boardId = board.id(), editToken = board.editor(), viewToken = board.viewer();
        // every applied (= acknowledged to its sender) op, as a watcher saw it
        var acknowledged = new ConcurrentHashMap<Long, ServerMessage.Applied>();
        var watcher = TestClient.connect(vertx, server.port(), boardId, viewToken);
        watcher.hello("watcher", "watcher", null);
        // the editors' own applied messages are not needed: a watcher is sent an op only once it is durable
        var storm = CardStorm.start(vertx, server.port(), boardId, editToken, 3, applied -> {});
        // wait for a good number of acks, then kill mid-stream
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            for (ServerMessage m : watcher.drain()) {
                if (m instanceof ServerMessage.Applied a) acknowledged.put(a.seq(), a);
            }
            if (acknowledged.size() >= 300) break;
            Thread.sleep(5);
        }
        server.kill9();
        storm.stop();
        for (ServerMessage m : watcher.drain()) {
            if (m instanceof ServerMessage.Applied a) acknowledged.put(a.seq(), a);
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(300);

        var restarted = new ServerProcess();
        restarted.start(Map.of(), "--data-dir", data.toString());
        try {
            var check = TestClient.connect(vertx, restarted.port(), boardId, viewToken);
            CardStorm.assertBoardHoldsEvery(check.hello("check", "check", null), acknowledged.values());
            check.close();
        } finally {
            restarted.stop();
        }
    }
}
