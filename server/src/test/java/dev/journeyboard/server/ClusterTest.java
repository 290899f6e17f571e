package dev.journeyboard.server;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.msg;
import static dev.journeyboard.server.testing.Ops.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.FacilitatorAction;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.testing.ClusterClient;
import dev.journeyboard.server.testing.DataHttp;
import dev.journeyboard.server.testing.RedisProcess;
import dev.journeyboard.server.testing.TestClient;
import dev.journeyboard.server.testing.TestServer;
import dev.journeyboard.server.testing.TurnedAway;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three servers on one Redis, each with its own node id: any node serves any board. The node that first gets a
 * socket for a board runs its room; sockets on the other two are relayed (their messages through the board's
 * inbox stream, the ops back through the board's op log). Editors on different nodes converge; a viewer on the
 * third sees every op, in order, at the same seqs; private writing stays private through the relay; refusals
 * reach relayed sockets as they reach local ones.
 */
class ClusterTest {
    static RedisProcess redis;
    static TestServer a;
    static TestServer b;
    static TestServer c;
    static Vertx clients;

    @BeforeAll
    static void start() {
        redis = RedisProcess.start();
        // generous command timeout: a busy shared machine must not make the relay's first commands time out
        Map<String, String> env = Map.of("JB_REDIS_URL", redis.url(), "JB_REDIS_LEASE_TTL", "2s", "JB_REDIS_COMMAND_TIMEOUT", "10s");
        a = TestServer.perClass(env);
        b = TestServer.perClass(env);
        c = TestServer.perClass(env);
        clients = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        for (TestServer s : new TestServer[] {a, b, c}) if (s != null) s.close();
        if (clients != null) clients.close().await();
        if (redis != null) redis.close();
    }

    static void eventually(String what, Duration within, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) throw new AssertionError(what + " did not happen within " + within);
            Thread.sleep(50);
        }
    }

    private static String leaseHolder(String board) {
        return redis.call("GET", "jb:board:{" + board + "}:lease");
    }

    @Test
    void editorsOnDifferentNodesConvergeAndAViewerOnAThirdSeesEveryOpInOrder() throws Exception {
        var board = a.createBoard("三台服务器", "journey");
        var onA = new ClusterClient(clients, "editor A", "tab-a", board.id(), board.editor(), a::port);
        onA.start();
        eventually("A welcomed", Duration.ofSeconds(20), onA::welcomed);
        assertThat(leaseHolder(board.id())).as("the first socket's node serves the board")
                .isEqualTo(ServerConfig.defaultNodeId(a.dataDir()));
        var onB = new ClusterClient(clients, "editor B", "tab-b", board.id(), board.editor(), b::port);
        var onC = new ClusterClient(clients, "viewer C", "tab-c", board.id(), board.viewer(), c::port);
        onB.start();
        onC.start();
        eventually("B and C welcomed through their relays", Duration.ofSeconds(20), () -> onB.welcomed() && onC.welcomed());

        assertThat(onA.edit(List.of(card("shared", "pain", "use", "共享卡片")))).as("%s", onA.problems()).isTrue();
        eventually("the shared card reaching B", Duration.ofSeconds(20), () -> onB.confirmed().get("shared") != null);
        int rounds = 40;
        for (int i = 1; i <= rounds; i++) {
            // each its own cards, and both the shared card's text (last writer wins, in the server's order)
            assertThat(onA.edit(List.of(card("a" + i, "pain", "use", "A 的卡片 " + i)))).isTrue();
            assertThat(onB.edit(List.of(card("b" + i, "opp", "purchase", "B's card " + i), text("shared", "B " + i)))).isTrue();
            if (i % 4 == 0) assertThat(onA.edit(List.of(text("shared", "A " + i)))).isTrue();
            Thread.sleep(15);
        }
        eventually("every edit acknowledged", Duration.ofSeconds(60), () -> onA.pending() == 0 && onB.pending() == 0);
        long last = onA.seq();
        eventually("everyone at the last seq", Duration.ofSeconds(30), () -> onB.seq() == last && onC.seq() == last);

        for (ClusterClient cl : List.of(onA, onB, onC)) assertThat(cl.problems()).as(cl.clientId()).isEmpty();
        var history = new TreeMap<>(onC.history());
        assertThat(history.keySet()).as("the viewer saw every seq, none missing").containsExactlyElementsOf(ClusterClient.seqs(1, last));
        assertThat(new TreeMap<>(onA.history())).as("the same op at each seq on every node").isEqualTo(history);
        assertThat(new TreeMap<>(onB.history())).isEqualTo(history);
        assertThat(onA.acked()).hasSize(rounds + 1 + rounds / 4);
        assertThat(onB.acked()).hasSize(rounds);

        Document doc = onC.confirmed();
        assertThat(ClusterClient.elements(onA.confirmed())).isEqualTo(ClusterClient.elements(doc));
        assertThat(ClusterClient.elements(onB.confirmed())).isEqualTo(ClusterClient.elements(doc));
        for (int i = 1; i <= rounds; i++) {
            assertThat(doc.get("a" + i)).isNotNull();
            assertThat(doc.get("b" + i)).isNotNull();
        }
        try (TestClient late = TestClient.connect(clients, b.port(), board.id(), board.viewer())) {
            var w = late.hello("late", "tab-late", null);
            assertThat(w.seq()).isEqualTo(last);
            assertThat(ClusterClient.elements(Document.of(w.snapshot().elements()))).isEqualTo(ClusterClient.elements(doc));
        }
        for (ClusterClient cl : List.of(onA, onB, onC)) cl.stop();
    }

    @Test
    void privateWritingStaysPrivateThroughTheRelay() throws Exception {
        var board = a.createBoard("privacy", "journey");
        try (TestClient fac = TestClient.connect(clients, a.port(), board.id(), board.facilitator())) {
            fac.hello("主持人", "fac", null);
            try (TestClient ed = TestClient.connect(clients, b.port(), board.id(), board.editor());
                 TestClient view = TestClient.connect(clients, c.port(), board.id(), board.viewer())) {
                ed.hello("relayed editor", "ed", null);
                view.hello("relayed viewer", "view", null);
                fac.send(new ClientMessage.Facilitate(new FacilitatorAction.PrivateWriting(true)));
                assertThat(ed.await(ServerMessage.Session.class, ServerMessage.Session::privateWriting)).isNotNull();
                view.await(ServerMessage.Session.class, ServerMessage.Session::privateWriting);

                ed.send(msg(1, card("secret", "pain", "use", "私密想法")));
                var own = ed.await(ServerMessage.Applied.class, x -> x.cid() == 1);
                assertThat(own.ops()).anySatisfy(op -> assertThat(op.id()).isEqualTo("secret"));
                var viewSaw = view.await(ServerMessage.Applied.class, x -> x.seq() == own.seq());
                assertThat(viewSaw.ops()).as("the relayed viewer gets the seq but not the card").isEmpty();
                ed.send(msg(2, text("secret", "私密想法 2")));
                ed.await(ServerMessage.Applied.class, x -> x.cid() == 2);
                assertThat(view.await(ServerMessage.Applied.class, x -> x.seq() == own.seq() + 1).ops()).isEmpty();
                // a public edit in between (private writing marks only new elements) goes through the op log, in order
                fac.send(msg(1, new Op.Update("stage-use", dev.journeyboard.server.testing.Ops.props().put("title", "使用阶段"), List.of())));
                assertThat(view.await(ServerMessage.Applied.class, x -> x.seq() == own.seq() + 2).ops()).hasSize(1);
                assertThat(view.frames()).noneMatch(f -> f.contains("私密") || f.contains("\"secret\""));

                fac.send(new ClientMessage.Facilitate(new FacilitatorAction.PrivateWriting(false)));
                var revealed = view.await(ServerMessage.Applied.class, x -> x.ops().stream().anyMatch(op -> op.id().equals("secret")));
                assertThat(revealed.ops()).singleElement().satisfies(op -> {
                    assertThat(op).isInstanceOf(Op.Create.class);
                    assertThat(((Op.Create) op).props().get("text").textValue()).isEqualTo("私密想法 2");
                });
            }
        }
    }

    @Test
    void refusalsReachRelayedSocketsAsTheyReachLocalOnes() throws Exception {
        var board = a.createBoard("拒绝", "journey");
        try (TestClient fac = TestClient.connect(clients, a.port(), board.id(), board.facilitator())) {
            fac.hello("主持人", "fac", null);
            // a wrong token is refused by the relaying node itself
            var wrong = TurnedAway.at(b.port(), board.id(), "not-a-token");
            assertThat(wrong.closeStatus()).isEqualTo(4401);
            assertThat(wrong.error().code()).isEqualTo(ErrorCode.UNAUTHORIZED);
            try (TestClient ed = TestClient.connect(clients, b.port(), board.id(), board.editor())) {
                var me = ed.hello("relayed", "ed", null).you().id();
                ed.send(msg(1, text("no-such-card", "x")));
                var r = ed.await(ServerMessage.Rejected.class, x -> x.cid() == 1);
                assertThat(r.code()).isEqualTo(ErrorCode.ELEMENT_NOT_FOUND);
                ed.send(msg(2, card("c1", "pain", "use", "ok")));
                assertThat(ed.await(ServerMessage.Applied.class, x -> x.cid() == 2)).isNotNull();
                ed.send(msg(2, card("c1", "pain", "use", "ok"))); // a re-send: acknowledged as a duplicate
                assertThat(ed.await(ServerMessage.Ack.class, x -> x.cid() == 2).duplicate()).isTrue();

                // the facilitator removes the relayed participant: its socket closes with 4403, and it stays out
                fac.send(new ClientMessage.Facilitate(new FacilitatorAction.Remove(me)));
                assertThat(ed.await(ServerMessage.Error.class, e -> true).code()).isEqualTo(ErrorCode.FORBIDDEN);
                assertThat(ed.awaitClosed(Duration.ofSeconds(10))).isTrue();
                assertThat(ed.closeStatus()).isEqualTo((short) 4403);
            }
            try (TestClient again = TestClient.connect(clients, c.port(), board.id(), board.editor())) {
                again.send(new ClientMessage.Hello(MessageCodec.VERSION, "relayed", "ed", null));
                assertThat(again.await(ServerMessage.Error.class, e -> true).code()).isEqualTo(ErrorCode.FORBIDDEN);
                assertThat(again.awaitClosed(Duration.ofSeconds(10))).isTrue();
                assertThat(again.closeStatus()).isEqualTo((short) 4403);
            }
        }
    }

    @Test
    void revokingAPersonalLinkClosesItsRelayedSocketAtOnce() throws Exception {
        var board = a.createBoard("个人链接", "journey");
        var issued = a.post("/api/boards/" + board.id() + "/links", "{\"name\":\"Sam\",\"role\":\"editor\"}", board.facilitator());
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        JsonNode link = TestServer.json(issued.body());
        try (TestClient fac = TestClient.connect(clients, a.port(), board.id(), board.facilitator())) {
            fac.hello("主持人", "fac", null); // the room runs on a; b and c relay
            try (TestClient sam = TestClient.connect(clients, b.port(), board.id(), link.get("token").textValue());
                 TestClient other = TestClient.connect(clients, c.port(), board.id(), board.editor())) {
                assertThat(sam.hello("Sam", "tab-sam", null).you().role()).isEqualTo(Role.EDITOR);
                other.hello("其他人", "tab-other", null);

                // revoked through a third node: the serving room closes Sam's relayed socket, not at its next connect
                var del = c.delete("/api/boards/" + board.id() + "/links/" + link.get("id").textValue(), board.facilitator());
                assertThat(del.statusCode()).as(del.body()).isEqualTo(204);
                var error = sam.await(ServerMessage.Error.class, e -> true, Duration.ofSeconds(10));
                assertThat(error.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
                assertThat(error.message()).isEqualTo("this personal link was revoked");
                assertThat(sam.awaitClosed(Duration.ofSeconds(10))).isTrue();
                assertThat(sam.closeStatus()).isEqualTo((short) 4401);

                // the other relayed socket stays and still edits
                other.send(msg(1, card("c-still", "pain", "use", "还在")));
                assertThat(other.await(ServerMessage.Applied.class, x -> x.cid() == 1)).isNotNull();
                assertThat(other.isClosed()).isFalse();
            }
        }
    }

    @Test
    void httpOnANodeThatDoesNotServeTheBoardReadsAndEditsItWithoutTakingTheLease() throws Exception {
        var board = new DataHttp(a).createBoard("数据看板"); // with its data token
        try (TestClient fac = TestClient.connect(clients, a.port(), board.id(), board.facilitator())) {
            fac.hello("主持人", "fac", null);
            String servedBy = leaseHolder(board.id());
            assertThat(servedBy).isEqualTo(ServerConfig.defaultNodeId(a.dataDir()));
            var dept = dev.journeyboard.server.testing.Ops.props();
            dept.putObject("labels").put("zh", "客服部").put("en", "Customer service");
            fac.send(msg(1, new Op.Create("cs", dev.journeyboard.protocol.board.ElementType.DEPARTMENT, null, "V", dept),
                    card("t1", "touch", "purchase", "支付页面"), new Op.Update("t1", dev.journeyboard.server.testing.Ops.props().put("ext", "checkout"), List.of())));
            long seeded = fac.await(ServerMessage.Applied.class, x -> x.cid() == 1).seq();

            int[] roomsBefore = {rooms(b), rooms(c)};

            // a read on B: from the store, as of the last durable edit
            var depts = b.get("/api/boards/" + board.id() + "/departments?token=" + board.viewer());
            assertThat(depts.statusCode()).as(depts.body()).isEqualTo(200);
            var list = TestServer.json(depts.body()).get("departments");
            assertThat(list).hasSize(1);
            assertThat(list.get(0).get("labels").get("zh").textValue()).isEqualTo("客服部");
            var versions = b.get("/api/boards/" + board.id() + "/versions?token=" + board.editor());
            assertThat(versions.statusCode()).as(versions.body()).isEqualTo(200);

            // an edit on C: a metric push runs in the room on A, through the board's inbox, and its answer comes back
            var push = new DataHttp(c).postJson("/api/boards/" + board.id() + "/metrics",
                    "{\"touchpoint\":\"checkout\",\"metric\":\"csat\",\"value\":3.8,\"n\":12}", board.data());
            assertThat(push.statusCode()).as(push.body()).isEqualTo(200);
            long seq = DataHttp.json(push).get("seq").longValue();
            assertThat(seq).isGreaterThan(seeded);
            var applied = fac.await(ServerMessage.Applied.class, x -> x.seq() == seq);
            assertThat(applied.author()).isEqualTo("@integration");
            // refusals keep their status and code across the hop; a bad body is refused on C before any hop
            var noCard = new DataHttp(c).get("/api/boards/" + board.id() + "/feedback?card=nope", board.editor());
            assertThat(noCard.statusCode()).as(noCard.body()).isEqualTo(404);
            assertThat(DataHttp.json(noCard).get("code").textValue()).isEqualTo("ELEMENT_NOT_FOUND");
            var items = new DataHttp(c).get("/api/boards/" + board.id() + "/feedback?card=t1", board.editor());
            assertThat(items.statusCode()).as(items.body()).isEqualTo(200);
            assertThat(DataHttp.json(items).get("total").intValue()).isZero();
            // a feedback import on C (the CSV travels as it came), listed on B
            var imported = new DataHttp(c).post("/api/boards/" + board.id() + "/feedback", "text/csv",
                    "文本,触点\n付款一直失败,checkout\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), board.data());
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            assertThat(DataHttp.json(imported).get("matched").intValue()).isEqualTo(1);
            var listed = DataHttp.json(new DataHttp(b).get("/api/boards/" + board.id() + "/feedback?card=t1", board.viewer()));
            assertThat(listed.get("total").intValue()).isEqualTo(1);
            assertThat(listed.get("items").get(0).get("text").textValue()).isEqualTo("付款一直失败");

            assertThat(leaseHolder(board.id())).as("B and C neither took nor contested the lease").isEqualTo(servedBy);
            assertThat(new int[] {rooms(b), rooms(c)}).as("rooms loaded on the non-serving nodes B and C").isEqualTo(roomsBefore);
        }
    }

    /** The rooms a server has loaded (its /health). */
    private static int rooms(TestServer s) {
        return TestServer.json(s.get("/health").body()).get("rooms").intValue();
    }


}
