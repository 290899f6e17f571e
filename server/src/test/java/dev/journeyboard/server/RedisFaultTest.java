package dev.journeyboard.server;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.msg;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.store.RedisStore;
import dev.journeyboard.server.testing.RedisProcess;
import dev.journeyboard.server.testing.TestClient;
import dev.journeyboard.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Redis going away and coming back, a server starting without it, and two servers sharing one Redis. */
class RedisFaultTest {

    private static JsonNode health(TestServer s) {
        return TestServer.json(s.get("/health").body());
    }

    private static void eventually(String what, Duration within, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) throw new AssertionError(what + " did not happen within " + within);
            Thread.sleep(100);
        }
    }

    @Test
    void whileRedisIsDownEditsAreRefusedAndWhenItIsBackTheSameSocketGoesOn() throws Exception {
        try (RedisProcess redis = RedisProcess.start(true); TestServer server = new TestServer(Map.of("JB_REDIS_URL", redis.url()))) {
            assertThat(health(server).path("store").path("kind").textValue()).isEqualTo("redis");
            var board = server.createBoard("断线测试", "journey");
            try (TestClient a = server.connect(board.id(), board.editor()); TestClient v = server.connect(board.id(), board.viewer())) {
                a.hello("Alex", "tab-a", null);
                v.hello("watcher", "tab-v", null);
                a.send(msg(1, card("c1", "pain", "use", "before")));
                assertThat(a.await(ServerMessage.Applied.class, x -> x.cid() == 1).seq()).isEqualTo(1);

                redis.stop();
                long sent = System.nanoTime();
                a.send(msg(2, card("c2", "pain", "use", "while down")));
                var rejected = a.await(ServerMessage.Rejected.class, x -> x.cid() == 2, Duration.ofSeconds(8));
                assertThat(rejected.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
                assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("refused quickly").isLessThan(Duration.ofSeconds(5));

                HttpResponse<String> h = server.get("/health");
                assertThat(h.statusCode()).isEqualTo(503);
                JsonNode hj = TestServer.json(h.body());
                assertThat(hj.path("status").textValue()).isEqualTo("degraded");
                assertThat(hj.path("store").path("status").textValue()).isEqualTo("down");
                assertThat(hj.path("store").path("error").textValue()).contains("unreachable");

                redis.restart(); // same port, its data back from the append-only file
                eventually("/health turning ok", Duration.ofSeconds(15), () -> server.get("/health").statusCode() == 200);

                // the client re-sends its pending message with the same cid, on the same socket
                a.send(msg(2, card("c2", "pain", "use", "while down")));
                var applied = a.await(ServerMessage.Applied.class, x -> x.cid() == 2, Duration.ofSeconds(8));
                assertThat(applied.seq()).as("the refused op took no seq").isEqualTo(2);
                assertThat(v.await(ServerMessage.Applied.class, x -> x.cid() == 2).seq()).isEqualTo(2);
                assertThat(a.isClosed()).isFalse();
                assertThat(v.drain()).noneMatch(m -> m instanceof ServerMessage.Applied x && x.seq() != 2);
            }
            try (TestClient late = server.connect(board.id(), board.viewer())) {
                Document d = Document.of(late.hello("late", "tab-l", null).snapshot().elements());
                assertThat(d.get("c1")).isNotNull();
                assertThat(d.get("c2")).isNotNull();
            }
        }
    }

    @Test
    void theServerStartsWithoutRedisSaysSoAndServesOnceItIsThere() throws Exception {
        int port = RedisProcess.freePort();
        List<String> warnings = new CopyOnWriteArrayList<>();
        Logger log = Logger.getLogger(RedisStore.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                warnings.add(r.getLevel() + " " + r.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        log.addHandler(capture);
        TestServer server = new TestServer(Map.of("JB_REDIS_URL", "redis://127.0.0.1:" + port + "/0"));
        RedisProcess redis = null;
        try {
            eventually("a log line saying Redis is unreachable", Duration.ofSeconds(5),
                    () -> warnings.stream().anyMatch(w -> w.startsWith("WARNING") && w.contains("unreachable")));
            HttpResponse<String> h = server.get("/health");
            assertThat(h.statusCode()).isEqualTo(503);
            assertThat(TestServer.json(h.body()).path("store").path("error").textValue()).contains("127.0.0.1:" + port).contains("unreachable");
            HttpResponse<String> create = server.post("/api/boards", "{\"title\":\"t\",\"template\":\"blank\"}");
            assertThat(create.statusCode()).isEqualTo(503);
            assertThat(TestServer.json(create.body()).path("code").textValue()).isEqualTo("STORE_UNAVAILABLE");

            redis = RedisProcess.startOn(port, false);
            eventually("/health turning ok", Duration.ofSeconds(15), () -> server.get("/health").statusCode() == 200);
            assertThat(warnings).anyMatch(w -> w.startsWith("INFO") && w.contains("reachable again"));
            var board = server.createBoard("后来", "journey");
            try (TestClient a = server.connect(board.id(), board.editor())) {
                a.hello("Alex", "tab-a", null);
                a.send(msg(1, card("c1", "pain", "use", "served")));
                assertThat(a.await(ServerMessage.Applied.class, x -> x.cid() == 1).seq()).isEqualTo(1);
            }
        } finally {
            log.removeHandler(capture);
            server.close();
            if (redis != null) redis.close();
        }
    }

    /**
     * Sends hello and returns the first welcome or error. A server that can't serve the board says so and
     * closes right after the handshake, possibly before the hello could be written: its error is in the inbox.
     */
    static ServerMessage join(TestClient c, String name) {
        try {
            c.send(new ClientMessage.Hello(MessageCodec.VERSION, name, "tab-" + name, null));
        } catch (AssertionError closedBeforeHello) {
            // the answer is already there
        }
        return c.await(ServerMessage.class, x -> x instanceof ServerMessage.Welcome || x instanceof ServerMessage.Error);
    }

    @Test
    void twoServersNeverBothServeABoard() throws Exception {
        RedisProcess redis = RedisProcess.start();
        // renewed every 500 ms (a third of the TTL); each server has its own data folder, hence its own node id
        Map<String, String> env = Map.of("JB_REDIS_URL", redis.url(), "JB_ROOM_IDLE", "500ms", "JB_REDIS_LEASE_TTL", "1500ms");
        TestServer a = new TestServer(env);
        TestServer b = new TestServer(env);
        try (redis; a; b) {
            var board = a.createBoard("两台服务器", "journey");
            String lease = "jb:board:{" + board.id() + "}:lease";
            try (TestClient onA = a.connect(board.id(), board.editor())) {
                assertThat(join(onA, "alex")).isInstanceOf(ServerMessage.Welcome.class);
                onA.send(msg(1, card("c1", "pain", "use", "on A")));
                assertThat(onA.await(ServerMessage.Applied.class, x -> x.cid() == 1).seq()).isEqualTo(1);

                String nodeA = ServerConfig.defaultNodeId(a.dataDir());
                assertThat(redis.call("GET", lease)).isEqualTo(nodeA);
                try (TestClient onB = b.connect(board.id(), board.editor())) {
                    // B does not run a second room: it relays the socket to A's (server/STORE.md "Cluster")
                    assertThat(join(onB, "bo")).isInstanceOfSatisfying(ServerMessage.Welcome.class, w -> assertThat(w.seq()).isEqualTo(1));
                    assertThat(redis.call("GET", lease)).as("B neither took nor contested the lease").isEqualTo(nodeA);
                }
                onA.send(msg(2, card("c2", "pain", "use", "still on A")));
                assertThat(onA.await(ServerMessage.Applied.class, x -> x.cid() == 2).seq()).isEqualTo(2);

                // A's lease lapses (a long pause) and someone else takes the board: A must let go of its sockets
                redis.call("SET", lease, "another-node", "PX", "60000");
                var error = onA.await(ServerMessage.Error.class, x -> true, Duration.ofSeconds(5));
                assertThat(error.code()).isEqualTo(ErrorCode.BOARD_UNAVAILABLE);
                assertThat(error.message()).isEqualTo("board is served by another server");
                assertThat(onA.awaitClosed(Duration.ofSeconds(5))).isTrue();
                assertThat(onA.closeStatus()).isEqualTo((short) 4503);
            }
            redis.call("DEL", lease); // the other node is gone

            // B may serve it now, with everything A acknowledged
            ServerMessage.Welcome onBWelcome = null;
            TestClient onB = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (onBWelcome == null && System.nanoTime() < deadline) {
                TestClient c = b.connect(board.id(), board.editor());
                ServerMessage m = join(c, "bo");
                if (m instanceof ServerMessage.Welcome w) {
                    onBWelcome = w;
                    onB = c;
                } else {
                    c.close();
                    Thread.sleep(200); // B remembers a refused load for a second
                }
            }
            assertThat(onBWelcome).as("B serves the board once the lease is free").isNotNull();
            try (TestClient served = onB) {
                assertThat(onBWelcome.seq()).isEqualTo(2);
                served.send(msg(1, card("c3", "pain", "use", "on B")));
                assertThat(served.await(ServerMessage.Applied.class, x -> x.cid() == 1).seq()).isEqualTo(3);
                try (TestClient backOnA = a.connect(board.id(), board.editor())) {
                    // now A relays to B's room
                    assertThat(join(backOnA, "alex")).isInstanceOfSatisfying(ServerMessage.Welcome.class, w -> assertThat(w.seq()).isEqualTo(3));
                    assertThat(redis.call("GET", lease)).isEqualTo(ServerConfig.defaultNodeId(b.dataDir()));
                }
            }
            // B's room empties, snapshots, unloads and releases its lease (JB_ROOM_IDLE after its last member):
            // then A takes the board. Each check waits longer than that idle time first, since a join relayed
            // to B while B still holds the lease is a member again and keeps B's room loaded
            Thread.sleep(1500);
            eventually("A serving the board again", Duration.ofSeconds(30), () -> {
                try (TestClient c = a.connect(board.id(), board.viewer())) {
                    if (join(c, "viewer") instanceof ServerMessage.Welcome w && w.seq() == 3
                            && ServerConfig.defaultNodeId(a.dataDir()).equals(redis.call("GET", lease))) return true;
                }
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return false;
            });
        }
    }
}
