package dev.journeyboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.testing.CardStorm;
import dev.journeyboard.server.testing.CrashRun;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The server runs as a child process, editors get acks while editing flat out, the process is killed with
 * SIGKILL mid-stream and restarted on the same data folder: every acknowledged op is in the reloaded board,
 * in the same order.
 */
class CrashTest {
    @Test
    void killNineLosesNoAcknowledgedOp() throws Exception {
        try (var run = new CrashRun("--ops-per-second", "10000")) {
            // every applied (= acknowledged to its sender) op, as a watcher saw it
            var acknowledged = new ConcurrentHashMap<Long, ServerMessage.Applied>();
            var watcher = run.connect(run.board().viewer());
            watcher.hello("watcher", "watcher", null);
            // the editors' own applied messages are not needed: a watcher is sent an op only once it is durable
            var storm = run.storm(3, applied -> {});
            // wait for a good number of acks, then kill mid-stream
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline) {
                for (ServerMessage m : watcher.drain()) {
                    if (m instanceof ServerMessage.Applied a) acknowledged.put(a.seq(), a);
                }
                if (acknowledged.size() >= 300) break;
                Thread.sleep(5);
            }
            run.kill9();
            storm.stop();
            for (ServerMessage m : watcher.drain()) {
                if (m instanceof ServerMessage.Applied a) acknowledged.put(a.seq(), a);
            }
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(300);

            run.restart();
            try (var check = run.connect(run.board().viewer())) {
                CardStorm.assertBoardHoldsEvery(check.hello("check", "check", null), acknowledged.values());
            }
        }
    }
}
