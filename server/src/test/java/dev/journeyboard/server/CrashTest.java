package dev.journeyboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.testing.ServerProcess;
import dev.journeyboard.server.testing.TestClient;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
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
        var stop = new AtomicBoolean();
        var watcher = TestClient.connect(vertx, server.port(), boardId, viewToken);
        watcher.hello("watcher", "watcher", null);
        List<Thread> editors = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            String client = "editor" + e;
            var t = new Thread(() -> {
                var c = TestClient.connect(vertx, server.port(), boardId, editToken);
                c.hello(client, client, null);
                long cid = 0;
                try {
                    while (!stop.get()) {
                        cid++;
                        var p = JsonNodeFactory.instance.objectNode().put("stage", "stage-purchase").put("text", client + " #" + cid);
                        c.send(new ClientMessage.Ops(cid, null, List.of(
                                new Op.Create(client + "-" + cid, ElementType.CARD, "lane-pain", "V", p))));
                        if (cid % 5 == 0) Thread.sleep(1);
                    }
                } catch (Throwable ignored) {
                    // the server was killed under us: expected
                }
            });
            t.start();
            editors.add(t);
        }
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
        stop.set(true);
        for (ServerMessage m : watcher.drain()) {
            if (m instanceof ServerMessage.Applied a) acknowledged.put(a.seq(), a);
        }
        for (Thread t : editors) t.join(5000);
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(300);
        long lastAcked = acknowledged.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();

        var restarted = new ServerProcess();
        restarted.start(Map.of(), "--data-dir", data.toString());
        try {
            var check = TestClient.connect(vertx, restarted.port(), boardId, viewToken);
            var w = check.hello("check", "check", null);
            assertThat(w.seq()).as("the reloaded board has at least every acknowledged op").isGreaterThanOrEqualTo(lastAcked);
            var reloaded = dev.journeyboard.protocol.board.Document.of(w.snapshot().elements());
            for (ServerMessage.Applied a : acknowledged.values()) {
                var create = (Op.Create) a.ops().getFirst();
                var card = reloaded.get(create.id());
                assertThat(card).as("acknowledged op " + a.seq() + " (" + create.id() + ")").isNotNull();
                assertThat(card.props().get("text")).isEqualTo(create.props().get("text"));
            }
            check.close();
        } finally {
            restarted.stop();
        }
    }
}
