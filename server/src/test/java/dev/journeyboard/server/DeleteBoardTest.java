package dev.journeyboard.server;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.msg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.persona.Images;
import dev.journeyboard.server.testing.DataHttp;
import dev.journeyboard.server.testing.RedisProcess;
import dev.journeyboard.server.testing.TestClient;
import dev.journeyboard.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A facilitator deletes a board over HTTP, on both stores: only the facilitator's token may; its sockets close with
 * 4404; afterwards it is not found over HTTP (board, history, images, feedback) nor over the WebSocket; nothing of it
 * is left in the store (its folder, its Redis keys) and it stays gone after a restart, while another board is
 * untouched.
 */
class DeleteBoardTest {
    private static final String CSV = "文本,渠道,日期,评分\n支付页面一直转圈，付款失败,App,2026-11-28,2\n";

    @Test
    void onTheEmbeddedStoreABoardIsDeletedForGood() throws Exception {
        Path dataDir = Files.createTempDirectory("jb-delete-");
        var env = env(Map.of());
        Deleted d;
        try (var s = new TestServer(dataDir, env)) {
            d = deleteAFullBoard(s);
            assertThat(Files.exists(dataDir.resolve("boards").resolve(d.gone()))).as("the board's folder").isFalse();
        }
        try (var s = new TestServer(dataDir, env)) { // restarted on the same data: the log is replayed without it
            assertGone(s, d);
            assertThat(Files.exists(dataDir.resolve("boards").resolve(d.gone()))).isFalse();
        }
    }

    @Test
    void onRedisABoardIsDeletedForGoodWithEveryKeyOfIt() throws Exception {
        try (RedisProcess redis = RedisProcess.start()) {
            var env = env(Map.of("JB_REDIS_URL", redis.url(), "JB_REDIS_COMMAND_TIMEOUT", "10s"));
            Deleted d;
            try (var s = new TestServer(env)) {
                d = deleteAFullBoard(s);
                assertThat(redis.call("KEYS", "*" + d.gone() + "*")).as("keys of the deleted board").isEmpty();
                assertThat(redis.call("KEYS", "*" + d.kept() + "*")).as("keys of the other board").isNotEmpty();
            }
            try (var s = new TestServer(env)) {
                assertGone(s, d);
                assertThat(redis.call("KEYS", "*" + d.gone() + "*")).isEmpty();
            }
        }
    }

    /** Snapshots every 2 ops, so the board has history and checkpoints as well as a log. */
    private static Map<String, String> env(Map<String, String> more) {
        var env = new HashMap<String, String>(more);
        env.put("JB_SNAPSHOT_EVERY", "2");
        return env;
    }

    record Deleted(String gone, String goneFacilitator, String kept, String keptViewer) {}

    /** A board with ops, history, an image and feedback, deleted by its facilitator with two participants on it. */
    private static Deleted deleteAFullBoard(TestServer s) {
        var data = new DataHttp(s);
        DataHttp.Board board = data.createBoard("要删除的白板");
        DataHttp.Board other = data.createBoard("留下的白板");
        var fac = s.connect(board.id(), board.facilitator());
        fac.hello("主持人", "fac", null);
        for (int i = 1; i <= 5; i++) {
            int cid = i;
            fac.send(msg(cid, card("c" + i, "pain", "use", "客户反馈 " + i)));
            fac.await(ServerMessage.Applied.class, a -> a.cid() == cid);
        }
        var ed = s.connect(board.id(), board.editor());
        ed.hello("Ed", "ed", null);
        var image = data.post("/api/boards/" + board.id() + "/images", "image/png", Images.png(4, 4), board.editor());
        assertThat(image.statusCode()).as(image.body()).isEqualTo(201);
        String imageId = DataHttp.json(image).get("id").textValue();
        var fb = data.post("/api/boards/" + board.id() + "/feedback", "text/csv", CSV.getBytes(StandardCharsets.UTF_8), board.data());
        assertThat(fb.statusCode()).as(fb.body()).isEqualTo(200);
        assertThat(s.get("/api/boards/" + board.id() + "/history?token=" + board.facilitator()).statusCode()).isEqualTo(200);

        String path = "/api/boards/" + board.id();
        assertThat(status(s.delete(path, board.editor()))).isEqualTo(403);
        assertThat(status(s.delete(path, board.viewer()))).isEqualTo(403);
        assertThat(status(s.delete(path, board.data()))).as("the data token is no role").isEqualTo(401);
        assertThat(status(s.delete(path, "wrong-token"))).isEqualTo(401);
        assertThat(status(s.delete(path, null))).isEqualTo(401);
        assertThat(status(s.delete("/api/boards/nope", board.facilitator()))).isEqualTo(404);
        assertThat(s.get(path + "?token=" + board.viewer()).statusCode()).as("refusals changed nothing").isEqualTo(200);

        var deleted = s.delete(path, board.facilitator());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        for (TestClient c : new TestClient[] {fac, ed}) {
            assertThat(c.awaitClosed(Duration.ofSeconds(30))).isTrue();
            assertThat(c.closeStatus()).isEqualTo((short) 4404);
            c.close();
        }
        assertThat(status(s.delete(path, board.facilitator()))).as("a second delete").isEqualTo(404);
        assertThat(s.get("/api/boards/" + board.id() + "/images/" + imageId + "?token=" + board.facilitator()).statusCode()).isEqualTo(404);
        assertThat(data.get("/api/boards/" + board.id() + "/feedback", board.facilitator()).statusCode()).isEqualTo(404);
        var d = new Deleted(board.id(), board.facilitator(), other.id(), other.viewer());
        assertGone(s, d);
        return d;
    }

    private static void assertGone(TestServer s, Deleted d) {
        var board = s.get("/api/boards/" + d.gone() + "?token=" + d.goneFacilitator());
        assertThat(board.statusCode()).isEqualTo(404);
        assertThat(TestServer.json(board.body()).get("code").textValue()).isEqualTo("BOARD_NOT_FOUND");
        assertThat(s.get("/api/boards/" + d.gone() + "/history?token=" + d.goneFacilitator()).statusCode()).isEqualTo(404);
        try (var again = s.connect(d.gone(), d.goneFacilitator())) {
            assertThat(again.awaitClosed(Duration.ofSeconds(30))).isTrue();
            assertThat(again.closeStatus()).isEqualTo((short) 4404);
        }
        assertThat(s.get("/api/boards/" + d.kept() + "?token=" + d.keptViewer()).statusCode()).as("the other board").isEqualTo(200);
    }

    private static int status(HttpResponse<String> r) {
        if (r.statusCode() >= 500) throw new AssertionError(r.statusCode() + " " + r.body());
        return r.statusCode();
    }
}
