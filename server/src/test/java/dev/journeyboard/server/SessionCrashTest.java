package dev.journeyboard.server;

import static dev.journeyboard.server.testing.Ops.card;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.FacilitatorAction;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.testing.RedisProcess;
import dev.journeyboard.server.testing.ServerProcess;
import dev.journeyboard.server.testing.TestClient;
import dev.journeyboard.server.testing.TestServer;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The facilitation session outlives its server, on both stores: with a timer running, a dot vote open (two
 * editors' secret dots cast), an emotion round open with one secret score, the board locked and private writing on,
 * the server is killed with SIGKILL and
 * started again on the same data. Each participant who comes back sees the same vote with only their own dots, the
 * timer ending when it was going to end (what the server clock now says is left), the lock and private writing;
 * so they do after the empty room unloads, and after a clean stop and start.
 */
class SessionCrashTest {
    private final Vertx clients = Vertx.vertx();
    private ServerProcess server;
    private RedisProcess redis;

    @AfterEach
    void stop() {
        if (server != null) server.close();
        clients.close().await();
        if (redis != null) redis.close();
    }

    @Test
    void onTheEmbeddedStoreTheSessionSurvivesAKill9() throws Exception {
        Path data = Files.createTempDirectory("jb-session-crash-");
        survives(Map.of("JB_DATA_DIR", data.toString()));
    }

    @Test
    void onRedisTheSessionSurvivesAKill9() throws Exception {
        redis = RedisProcess.start();
        Path data = Files.createTempDirectory("jb-session-crash-redis-");
        // a restarted server has the same node id (its data folder), so it takes its own lease back at once
        survives(Map.of("JB_REDIS_URL", redis.url(), "JB_DATA_DIR", data.toString(), "JB_REDIS_LEASE_TTL", "30s",
                "JB_REDIS_COMMAND_TIMEOUT", "10s"));
    }

    private void survives(Map<String, String> env) throws InterruptedException {
        int port = start(env);
        TestServer.Board board = server.createBoard("会话崩溃", "journey");
        var fac = TestClient.connect(clients, port, board.id(), board.facilitator());
        fac.hello("主持人", "tab-fac", null);
        fac.send(new ClientMessage.Ops(1, null, List.of(card("c1", "pain", "purchase", "支付步骤多"), card("c2", "pain", "use", "退换货不明确"))));
        fac.await(ServerMessage.Applied.class, a -> a.cid() == 1);
        var ana = TestClient.connect(clients, port, board.id(), board.editor());
        ana.hello("Ana", "tab-ana", null);
        var ben = TestClient.connect(clients, port, board.id(), board.editor());
        ben.hello("王磊", "tab-ben", null);

        fac.send(new ClientMessage.Facilitate(new FacilitatorAction.TimerStart(30 * 60_000)));
        long endsAt = fac.await(ServerMessage.Session.class, s -> s.timer().state().equals("running")).timer().endsAt();
        fac.send(new ClientMessage.Facilitate(new FacilitatorAction.VoteOpen(List.of("lane-pain"), 3, false)));
        ana.await(ServerMessage.Session.class, s -> s.vote() != null);
        ana.send(new ClientMessage.Vote("c1", 1));
        ana.await(ServerMessage.Votes.class, v -> v.mine().equals(Map.of("c1", 1)));
        ben.send(new ClientMessage.Vote("c2", 1));
        ben.await(ServerMessage.Votes.class, v -> v.mine().equals(Map.of("c2", 1)));
        fac.await(ServerMessage.Votes.class, v -> v.cast() == 2); // both dots are durable: everyone was told
        fac.send(new ClientMessage.Facilitate(new FacilitatorAction.EmotionOpen(List.of("stage-use"), List.of(), "现状")));
        ana.await(ServerMessage.Emotion.class, e -> e.round() != null);
        ana.send(new ClientMessage.Emotion("stage-use", -1));
        ana.await(ServerMessage.Emotion.class, e -> e.mine().equals(Map.of("stage-use", -1)));
        fac.send(new ClientMessage.Facilitate(new FacilitatorAction.LockBoard(true)));
        fac.send(new ClientMessage.Facilitate(new FacilitatorAction.PrivateWriting(true)));
        fac.await(ServerMessage.Session.class, s -> s.boardLocked() && s.privateWriting());

        server.kill9();
        for (TestClient c : List.of(fac, ana, ben)) c.close();
        port = start(env);
        comesBack(port, board, endsAt);

        // everyone left: the empty room unloads (--room-idle 1s) and loads again at the next join
        long deadline = System.currentTimeMillis() + 60_000;
        while (roomsLoaded() > 0 && System.currentTimeMillis() < deadline) Thread.sleep(100); // polling the condition, not waiting a guessed time
        assertThat(roomsLoaded()).as("the empty room unloaded").isZero();
        comesBack(port, board, endsAt);

        server.stop(); // a clean stop: the room unloads, the session stays saved
        port = start(env);
        comesBack(port, board, endsAt);
    }

    private int roomsLoaded() {
        return TestServer.json(server.get("/health").body()).get("rooms").intValue();
    }

    /** Each participant rejoins (same tab ids) and finds the session as it was, with only their own dots. */
    private void comesBack(int port, TestServer.Board board, long endsAt) {
        var expected = new HashMap<String, Map<String, Integer>>();
        expected.put("tab-ana", Map.of("c1", 1));
        expected.put("tab-ben", Map.of("c2", 1));
        expected.put("tab-fac", Map.of());
        for (var e : expected.entrySet()) {
            String token = e.getKey().equals("tab-fac") ? board.facilitator() : board.editor();
            try (var c = TestClient.connect(clients, port, board.id(), token)) {
                c.hello(e.getKey(), e.getKey(), null);
                ServerMessage.Session s = c.await(ServerMessage.Session.class, x -> true);
                assertThat(s.vote()).as("the same vote").isEqualTo(new ServerMessage.VoteInfo(List.of("lane-pain"), 3, false));
                assertThat(s.timer().state()).isEqualTo("running");
                assertThat(s.timer().endsAt()).as("the timer ends when it was going to").isEqualTo(endsAt);
                assertThat(s.timer().remainingMs()).as("what the server clock says is left").isEqualTo(Math.max(0, endsAt - s.serverTime()));
                assertThat(s.timer().durationMs()).isEqualTo(30 * 60_000);
                assertThat(s.boardLocked()).isTrue();
                assertThat(s.privateWriting()).isTrue();
                ServerMessage.Votes v = c.await(ServerMessage.Votes.class, x -> true);
                assertThat(v.mine()).as(e.getKey() + " sees only their own dots").isEqualTo(e.getValue());
                assertThat(v.cast()).isEqualTo(2);
                assertThat(v.remaining()).isEqualTo(3 - e.getValue().size());
                ServerMessage.Emotion round = c.await(ServerMessage.Emotion.class, x -> true);
                assertThat(round.round()).as("the open emotion round").isNotNull();
                assertThat(round.round().label()).isEqualTo("现状");
                assertThat(round.mine()).as(e.getKey() + " sees only their own score")
                        .isEqualTo(e.getKey().equals("tab-ana") ? Map.of("stage-use", -1) : Map.of());
                assertThat(round.people()).isEqualTo(1);
            }
        }
    }

    /** Starts the server and waits until its store answers (/health 200): a busy machine may be slow to reach Redis. */
    private int start(Map<String, String> env) throws InterruptedException {
        server = new ServerProcess();
        int port = server.start(env, "--event-loops", "2", "--room-idle", "1s");
        long deadline = System.currentTimeMillis() + 60_000;
        while (server.get("/health").statusCode() != 200 && System.currentTimeMillis() < deadline) Thread.sleep(200); // polling
        return port;
    }
}
