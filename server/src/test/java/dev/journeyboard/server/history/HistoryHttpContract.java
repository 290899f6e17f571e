package dev.journeyboard.server.history;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.msg;
import static dev.journeyboard.server.testing.Ops.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.FacilitatorAction;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.testing.TestClient;
import dev.journeyboard.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The history endpoints over HTTP against a real server, for both stores (subclasses say which): every point opens
 * as it was across snapshots and a restart, the change list names who and what, named versions, the private-writing
 * rule, replay for every link, and every error with its code. The server snapshots every 5 ops and checkpoints every
 * 10, so a board of 40 ops is read from several checkpoints, history segments and the live log.
 */
abstract class HistoryHttpContract {
    /** Snapshots after 5 ops, and every second for what a snapshot still in flight made it skip. */
    static final Map<String, String> ENV = Map.of("JB_SNAPSHOT_EVERY", "5", "JB_SNAPSHOT_INTERVAL", "1s", "JB_RESUME_TAIL", "3",
            "JB_HISTORY_CHECKPOINT_EVERY", "10");
    TestServer server;
    Path dataDir;

    /** Settings of the store under test (JB_REDIS_URL for Redis, nothing for the embedded store). */
    abstract Map<String, String> storeEnv();

    TestServer start(Map<String, String> extra) throws Exception {
        if (dataDir == null) dataDir = Files.createTempDirectory("jb-history-");
        var env = new HashMap<>(ENV);
        env.putAll(storeEnv());
        env.putAll(extra);
        server = new TestServer(dataDir, env);
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    static JsonNode json(HttpResponse<String> r) {
        return TestServer.json(r.body());
    }

    /** Sends one ops message and waits for its applied. */
    static long edit(TestClient c, long cid, dev.journeyboard.protocol.op.Op op) {
        c.send(msg(cid, op));
        return c.await(ServerMessage.Applied.class, a -> a.cid() == cid).seq();
    }

    /** A new board on which the facilitator made {@code n} edits, each applied: card c1 with text {@code first}, then texts v2 … vn. */
    TestServer.Board editedBoard(String title, int n, String first) {
        var b = server.createBoard(title, "journey");
        try (TestClient fac = server.connect(b.id(), b.facilitator())) {
            fac.hello("Mei", "fac-tab", null);
            for (int i = 1; i <= n; i++) edit(fac, i, i == 1 ? card("c1", "pain", "aware", first) : text("c1", "v" + i));
        }
        return b;
    }

    /** Card texts of a history document, by id. */
    static Map<String, String> cards(JsonNode doc) {
        var out = new HashMap<String, String>();
        for (JsonNode e : doc.get("elements")) if (e.get("type").textValue().equals("card")) out.put(e.get("id").textValue(), e.path("props").path("text").textValue());
        return out;
    }

    @Test
    void everyPointOpensAsItWasAndTheTimelineSaysWhoChangedWhat() throws Exception {
        start(Map.of());
        var b = server.createBoard("历史", "journey");
        var states = new ArrayList<Map<String, String>>();
        states.add(Map.of());
        var now = new HashMap<String, String>();
        try (TestClient fac = server.connect(b.id(), b.facilitator()); TestClient ed = server.connect(b.id(), b.editor())) {
            fac.hello("主持人 Mei", "fac-tab", null);
            ed.hello("Alex", "ed-tab", null);
            long cid = 0;
            for (int i = 1; i <= 40; i++) {
                TestClient who = i % 2 == 0 ? ed : fac;
                String id = "c" + ((i - 1) / 4);
                if ((i - 1) % 4 == 0) edit(who, ++cid, card(id, "pain", "aware", "卡片 " + i));
                else edit(who, ++cid, text(id, "第 " + i + " 版"));
                now.put(id, (i - 1) % 4 == 0 ? "卡片 " + i : "第 " + i + " 版");
                states.add(Map.copyOf(now));
            }
        }
        for (int s : new int[] {0, 1, 7, 10, 13, 20, 29, 33, 40}) {
            var r = server.get("/api/boards/" + b.id() + "/history/" + s + "?token=" + b.editor());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(json(r).get("seq").longValue()).isEqualTo(s);
            assertThat(cards(json(r))).as("seq " + s).isEqualTo(states.get(s));
            if (s > 0) assertThat(json(r).get("at").longValue()).isBetween(System.currentTimeMillis() - 600_000, System.currentTimeMillis());
        }
        var t = server.get("/api/boards/" + b.id() + "/history?from=2&to=5&token=" + b.facilitator());
        assertThat(t.statusCode()).isEqualTo(200);
        JsonNode timeline = json(t);
        assertThat(timeline.get("oldest").longValue()).isZero();
        assertThat(timeline.get("newest").longValue()).isEqualTo(40);
        assertThat(timeline.get("changes")).hasSize(4);
        JsonNode second = timeline.get("changes").get(0);
        assertThat(second.get("seq").longValue()).isEqualTo(2);
        assertThat(second.get("name").textValue()).isEqualTo("Alex");
        assertThat(second.get("updated").get(0).textValue()).isEqualTo("c0");
        assertThat(timeline.get("changes").get(3).get("created").get(0).textValue()).isEqualTo("c1");
        assertThat(timeline.get("changes").get(3).get("name").textValue()).isEqualTo("主持人 Mei");
        assertThat(timeline.get("next").isNull()).isTrue();
        // a page of at most `limit` changes says where the next one starts
        var page = json(server.get("/api/boards/" + b.id() + "/history?limit=10&ops=1&token=" + b.editor()));
        assertThat(page.get("changes")).hasSize(10);
        assertThat(page.get("changes").get(0).get("seq").longValue()).isEqualTo(1);
        assertThat(page.get("changes").get(0).get("ops").get(0).get("op").textValue()).isEqualTo("create");
        assertThat(page.get("next").longValue()).isEqualTo(11);

        // after a restart the same points open the same way
        server.close();
        start(Map.of());
        for (int s : new int[] {3, 17, 40}) {
            var r = server.get("/api/boards/" + b.id() + "/history/" + s + "?token=" + b.editor());
            assertThat(cards(json(r))).as("seq " + s + " after a restart").isEqualTo(states.get(s));
        }
    }

    @Test
    void errorsHaveCodes() throws Exception {
        start(Map.of());
        var b = editedBoard("错误", 1, "一");
        String base = "/api/boards/" + b.id();
        assertCode(server.get(base + "/history/2?token=" + b.editor()), 404, "SEQ_NOT_FOUND");
        assertThat(json(server.get(base + "/history/2?token=" + b.editor())).get("newest").longValue()).isEqualTo(1);
        assertCode(server.get(base + "/history/1?token=" + b.viewer()), 403, "FORBIDDEN");
        assertCode(server.get(base + "/history?token=" + b.commenter()), 403, "FORBIDDEN");
        assertCode(server.get(base + "/versions?token=" + b.viewer()), 403, "FORBIDDEN");
        assertCode(server.get(base + "/history/1"), 401, "UNAUTHORIZED");
        assertCode(server.get(base + "/history/1?token=wrong"), 401, "UNAUTHORIZED");
        assertCode(server.get(base + "/history/x1?token=" + b.editor()), 400, "BAD_MESSAGE");
        assertCode(server.get(base + "/history?from=5&to=2&token=" + b.editor()), 400, "BAD_MESSAGE");
        assertCode(server.get(base + "/history?limit=0&token=" + b.editor()), 400, "BAD_MESSAGE");
        assertCode(server.get(base + "/history?to=9&token=" + b.editor()), 404, "SEQ_NOT_FOUND");
        assertCode(server.get("/api/boards/nosuchboard1/history/0?token=" + b.editor()), 404, "BOARD_NOT_FOUND");
        // the bearer header works as for the exports
        var r = server.get(base + "/history/1", b.editor());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void viewersAndCommentersReplayTheBoardWithoutNames() throws Exception {
        start(Map.of());
        var b = editedBoard("回放", 12, "一");
        for (String token : List.of(b.viewer(), b.commenter(), b.editor())) {
            var r = server.get("/api/boards/" + b.id() + "/replay?from=4&token=" + token);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode replay = json(r);
            assertThat(replay.get("start").get("seq").longValue()).isEqualTo(3);
            assertThat(cards(replay.get("start"))).containsEntry("c1", "v3");
            assertThat(replay.get("steps")).hasSize(9);
            JsonNode step = replay.get("steps").get(0);
            assertThat(step.get("seq").longValue()).isEqualTo(4);
            assertThat(step.get("at").longValue()).isPositive();
            assertThat(step.has("name")).as("a replay shows what changed, not who").isFalse();
            assertThat(step.get("ops").get(0).get("set").get("text").textValue()).isEqualTo("v4");
        }
        assertCode(server.get("/api/boards/" + b.id() + "/replay?from=2&to=99&token=" + b.viewer()), 404, "SEQ_NOT_FOUND");
    }

    @Test
    void privateElementsNeverShowInTheHistory() throws Exception {
        start(Map.of());
        var b = server.createBoard("私密", "journey");
        long privateSeq;
        long revealed;
        try (TestClient fac = server.connect(b.id(), b.facilitator()); TestClient ed = server.connect(b.id(), b.editor())) {
            fac.hello("Mei", "fac-tab", null);
            ed.hello("Alex", "ed-tab", null);
            fac.send(new ClientMessage.Facilitate(new FacilitatorAction.PrivateWriting(true)));
            fac.await(ServerMessage.Session.class, ServerMessage.Session::privateWriting);
            privateSeq = edit(ed, 1, card("secret", "pain", "aware", "只有我看得到"));
            edit(ed, 2, text("secret", "还是只有我"));
            fac.send(new ClientMessage.Facilitate(new FacilitatorAction.PrivateWriting(false)));
            revealed = fac.await(ServerMessage.Applied.class, a -> a.client().equals("@server")).seq();
        }
        var during = json(server.get("/api/boards/" + b.id() + "/history/" + (privateSeq + 1) + "?token=" + b.facilitator()));
        assertThat(cards(during)).doesNotContainKey("secret");
        assertThat(server.get("/api/boards/" + b.id() + "/history/" + (privateSeq + 1) + "?token=" + b.facilitator()).body())
                .doesNotContain("只有我");
        var timeline = server.get("/api/boards/" + b.id() + "/history?ops=1&to=" + (revealed - 1) + "&token=" + b.facilitator()).body();
        assertThat(timeline).as("not in the change list either").doesNotContain("只有我").doesNotContain("secret");
        var after = json(server.get("/api/boards/" + b.id() + "/history/" + revealed + "?token=" + b.facilitator()));
        assertThat(cards(after)).containsEntry("secret", "还是只有我");
        JsonNode reveal = json(server.get("/api/boards/" + b.id() + "/history?from=" + revealed + "&token=" + b.facilitator()))
                .get("changes").get(0);
        assertThat(reveal.get("server").booleanValue()).isTrue();
        assertThat(reveal.get("created").get(0).textValue()).as("to everyone else the reveal is a new card").isEqualTo("secret");
    }

    @Test
    void namedVersionsAreListedWithTheirSeq() throws Exception {
        start(Map.of());
        var b = server.createBoard("版本", "journey");
        try (TestClient fac = server.connect(b.id(), b.facilitator()); TestClient ed = server.connect(b.id(), b.editor())) {
            fac.hello("Mei", "fac-tab", null);
            ed.hello("Alex", "ed-tab", null);
            edit(fac, 1, card("c1", "pain", "aware", "一"));
            edit(fac, 2, text("c1", "二"));
            fac.send(new ClientMessage.Facilitate(new FacilitatorAction.VersionSave("第一次工作坊之后")));
            ed.await(ServerMessage.Applied.class, a -> a.client().equals("@server"));
            ed.send(new ClientMessage.Facilitate(new FacilitatorAction.VersionSave("mine")));
            assertThat(ed.await(ServerMessage.Error.class, e -> true).code().name()).isEqualTo("FORBIDDEN");
            edit(fac, 3, text("c1", "三"));
        }
        JsonNode versions = json(server.get("/api/boards/" + b.id() + "/versions?token=" + b.editor())).get("versions");
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).get("name").textValue()).isEqualTo("第一次工作坊之后");
        assertThat(versions.get(0).get("seq").longValue()).isEqualTo(2);
        assertThat(versions.get(0).get("author").textValue()).isEqualTo("Mei");
        assertThat(versions.get(0).get("kept").booleanValue()).isTrue();
        var at = json(server.get("/api/boards/" + b.id() + "/history/" + versions.get(0).get("seq").longValue() + "?token=" + b.editor()));
        assertThat(cards(at)).containsEntry("c1", "二");
    }

    @Test
    void historyOlderThanWhatIsKeptIsGone() throws Exception {
        start(Map.of("JB_HISTORY_KEEP", "15"));
        var b = editedBoard("保留", 50, "v1");
        // snapshots run after writes; wait until the last one that can let go of history is done
        JsonNode timeline = null;
        for (int i = 0; i < 300; i++) {
            timeline = json(server.get("/api/boards/" + b.id() + "/history?limit=1&token=" + b.editor()));
            if (timeline.get("oldest").longValue() >= 30) break;
            Thread.sleep(100);
        }
        long oldest = timeline.get("oldest").longValue();
        String files;
        try (var w = Files.walk(dataDir)) {
            files = w.map(p -> dataDir.relativize(p).toString()).filter(p -> p.contains("history")).sorted().toList().toString();
        }
        assertThat(oldest).as("at least the last 15 ops are kept, not much more; history files: " + files).isBetween(20L, 35L);
        var gone = server.get("/api/boards/" + b.id() + "/history/" + (oldest - 1) + "?token=" + b.editor());
        assertCode(gone, 410, "HISTORY_EXPIRED");
        assertThat(json(gone).get("oldest").longValue()).isEqualTo(oldest);
        assertThat(cards(json(server.get("/api/boards/" + b.id() + "/history/" + oldest + "?token=" + b.editor()))))
                .containsEntry("c1", "v" + oldest);
    }

    static void assertCode(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(json(r).get("code").textValue()).isEqualTo(code);
        assertThat(json(r).get("message").textValue()).isNotBlank();
    }
}
