package dev.journeyboard.server;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.msg;
import static dev.journeyboard.server.testing.Ops.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.testing.RedisProcess;
import dev.journeyboard.server.testing.ServerProcess;
import dev.journeyboard.server.testing.TestClient;
import dev.journeyboard.server.testing.TestServer;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server on Redis is SIGKILLed while three editors type as fast as the rate limit allows; the server
 * restarted on the same Redis must have every op any of them saw acknowledged. It is the same node (same host,
 * same data folder, hence the same default node id), so it takes back the lease its previous life still holds
 * (30 s here) at once: the first join is served, with no 4503 and no "served by another server".
 */
class RedisCrashTest {
    static final int EDITORS = 3;
    RedisProcess redis;
    ServerProcess server;
    Vertx clients;

    java.nio.file.Path data;

    @BeforeEach
    void start() throws java.io.IOException {
        data = java.nio.file.Files.createTempDirectory("jb-redis-crash-");
        redis = RedisProcess.start();
        clients = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (clients != null) clients.close().await();
        if (redis != null) redis.close();
    }

    private int startServer() {
        server = new ServerProcess();
        // small snapshot interval: snapshots and log trims happen during the load too
        return server.start(Map.of("JB_REDIS_URL", redis.url(), "JB_DATA_DIR", data.toString(), "JB_REDIS_LEASE_TTL", "30s",
                        // generous: a busy shared machine must not make the first commands time out
                        "JB_REDIS_COMMAND_TIMEOUT", "10s"),
                "--snapshot-every", "25", "--resume-tail", "10", "--event-loops", "2");
    }

    @Test
    void everyAcknowledgedOpSurvivesAKill9UnderLoad() throws Exception {
        int port = startServer();
        TestServer.Board board = server.createBoard("崩溃测试", "journey");
        List<TestClient> editors = new ArrayList<>();
        for (int k = 0; k < EDITORS; k++) {
            TestClient c = TestClient.connect(clients, port, board.id(), board.editor());
            c.hello("editor " + k, "tab-" + k, null);
            editors.add(c);
        }
        AtomicBoolean killed = new AtomicBoolean();
        List<Thread> typing = new ArrayList<>();
        for (int k = 0; k < EDITORS; k++) {
            TestClient c = editors.get(k);
            int editor = k;
            Thread t = Thread.ofPlatform().name("editor-" + k).start(() -> {
                try {
                    for (long cid = 1; !killed.get(); cid++) {
                        String id = "c" + editor + "x" + cid;
                        // a create, and every third message also an edit of that card in the same message
                        if (cid % 3 == 0) c.send(msg(cid, card(id, "pain", "use", "卡片 " + cid), text(id, "edited 😀 " + cid)));
                        else c.send(msg(cid, card(id, "pain", "use", "卡片 " + cid)));
                        Thread.sleep(25); // ~40 messages a second per editor, under the 50/s limit
                    }
                } catch (AssertionError | InterruptedException e) {
                    // the socket went away with the server
                }
            });
            typing.add(t);
        }
        // kill once a good number of ops were acknowledged (however slowly a busy machine gets there)
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (acknowledged(editors) < 120 && System.nanoTime() < until) Thread.sleep(50);
        server.kill9();
        killed.set(true);
        for (Thread t : typing) t.join(10_000);

        // what each editor saw acknowledged: applied messages carrying its own client id
        Map<String, String> expectedText = new HashMap<>();
        long maxAckedSeq = 0;
        int acked = 0;
        for (int k = 0; k < EDITORS; k++) {
            // messages, not frames: under load one frame carries a batch of applied messages
            for (ServerMessage m : editors.get(k).drain()) {
                if (!(m instanceof ServerMessage.Applied a) || !a.client().equals("tab-" + k)) continue;
                acked++;
                maxAckedSeq = Math.max(maxAckedSeq, a.seq());
                String id = "c" + k + "x" + a.cid();
                expectedText.put(id, a.cid() % 3 == 0 ? "edited 😀 " + a.cid() : "卡片 " + a.cid());
            }
            editors.get(k).close();
        }
        System.out.println("[RedisCrashTest] " + acked + " op messages acknowledged before the kill, up to seq " + maxAckedSeq);
        assertThat(acked).as("the load produced acknowledged ops before the kill").isGreaterThan(60);

        int port2 = startServer();
        // the restarted node takes its own lease at once; on a machine loaded enough that its first Redis
        // commands time out (JB_REDIS_COMMAND_TIMEOUT) a join may be refused with BOARD_UNAVAILABLE and tried again
        ServerMessage answer;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            try (TestClient c = TestClient.connect(clients, port2, board.id(), board.viewer())) {
                answer = RedisFaultTest.join(c, "checker");
            }
            if (answer instanceof ServerMessage.Error e && e.code() == ErrorCode.BOARD_UNAVAILABLE
                    && !e.message().contains("another server")) {
                Thread.sleep(1000);
            } else {
                break;
            }
        } while (System.nanoTime() < deadline);
        assertThat(answer).as("the restarted node serves its board (its own lease)\n" + server.output())
                .isInstanceOf(ServerMessage.Welcome.class);
        assertThat(server.output()).doesNotContain("served by another server");
        ServerMessage.Welcome w = (ServerMessage.Welcome) answer;
        assertThat(w.seq()).as("no acknowledged seq is missing").isGreaterThanOrEqualTo(maxAckedSeq);
        Document doc = Document.of(w.snapshot().elements());
        for (var e : expectedText.entrySet()) {
            assertThat(doc.get(e.getKey())).as("acknowledged card " + e.getKey()).isNotNull();
            assertThat(doc.get(e.getKey()).props().get("text").textValue()).isEqualTo(e.getValue());
        }

        // and the board goes on from there
        try (TestClient c = TestClient.connect(clients, port2, board.id(), board.editor())) {
            var w2 = c.hello("after", "tab-after", null);
            c.send(msg(1, card("after", "pain", "use", "after the crash")));
            assertThat(c.await(ServerMessage.Applied.class, a -> a.client().equals("tab-after")).seq()).isEqualTo(w2.seq() + 1);
        }
    }

    /** Op messages the editors have seen acknowledged so far (applied carrying their own client id). */
    private static int acknowledged(List<TestClient> editors) {
        int n = 0;
        for (int k = 0; k < editors.size(); k++) {
            for (ServerMessage m : appliedIn(editors.get(k).frames())) {
                if (m instanceof ServerMessage.Applied a && a.client().equals("tab-" + k)) n++;
            }
        }
        return n;
    }

    /** Every message in the frames, a batch frame's messages included. */
    private static List<ServerMessage> appliedIn(List<String> frames) {
        var out = new ArrayList<ServerMessage>();
        for (String frame : frames) {
            ServerMessage m = MessageCodec.decodeServer(frame);
            if (m instanceof ServerMessage.Batch b) out.addAll(b.messages());
            else out.add(m);
        }
        return out;
    }
}
