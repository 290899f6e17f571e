package dev.journeyboard.server;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.msg;
import static dev.journeyboard.server.testing.Ops.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.testing.Ops;
import dev.journeyboard.server.testing.TestClient;
import dev.journeyboard.server.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sync core over real WebSockets: ordering, acks, broadcast, roles, resume, idempotency. */
class SyncTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of());

    TestServer.Board board;

    @BeforeEach
    void newBoard() {
        board = server.createBoard("电商购物旅程", "journey");
    }

    private static Document doc(ServerMessage.Welcome w) {
        return Document.of(w.snapshot().elements());
    }

    @Test
    void welcomeCarriesTheTemplateAndRole() {
        try (var a = server.connect(board.id(), board.facilitator())) {
            var w = a.hello("李娜", "tab-a", null);
            assertThat(w.you().role()).isEqualTo(Role.FACILITATOR);
            assertThat(w.you().name()).isEqualTo("李娜");
            assertThat(w.board().title()).isEqualTo("电商购物旅程");
            assertThat(w.seq()).isZero();
            assertThat(w.missed()).isNull();
            Document d = doc(w);
            assertThat(d.get("stage-aware").props().get("labels").get("zh").textValue()).isEqualTo("认知");
            assertThat(d.get("lane-pain").props().get("kind").textValue()).isEqualTo("painpoints");
            assertThat(d.size()).isEqualTo(15);
        }
    }

    @Test
    void twoEditorsConverge() {
        try (var a = server.connect(board.id(), board.editor()); var b = server.connect(board.id(), board.editor())) {
            var wa = a.hello("Alex", "tab-a", null);
            var wb = b.hello("Bo", "tab-b", null);
            assertThat(wb.participants()).extracting(p -> p.name()).containsExactly("Alex");
            assertThat(a.await(ServerMessage.Joined.class, j -> true).participant().name()).isEqualTo("Bo");

            a.send(msg(1, card("c1", "pain", "purchase", "支付步骤多")));
            b.send(msg(1, card("c2", "opp", "purchase", "简化支付")));
            a.send(msg(2, text("c1", "支付方式少")));

            Document da = doc(wa), db = doc(wb);
            for (int i = 0; i < 3; i++) {
                var ea = a.await(ServerMessage.Applied.class, x -> true);
                var eb = b.await(ServerMessage.Applied.class, x -> true);
                assertThat(ea).as("both see the same order").isEqualTo(eb);
                assertThat(ea.seq()).isEqualTo(i + 1);
                da.apply(ea.ops(), dev.journeyboard.protocol.board.Actor.SERVER, dev.journeyboard.protocol.board.Limits.DEFAULT);
                db.apply(eb.ops(), dev.journeyboard.protocol.board.Actor.SERVER, dev.journeyboard.protocol.board.Limits.DEFAULT);
            }
            assertThat(da).isEqualTo(db);
            assertThat(da.get("c1").props().get("text").textValue()).isEqualTo("支付方式少");
            try (var c = server.connect(board.id(), board.viewer())) {
                assertThat(doc(c.hello("observer", "tab-c", null))).isEqualTo(da);
            }
        }
    }

    @Test
    void senderRecognisesItsAckByClientAndCid() {
        try (var a = server.connect(board.id(), board.editor())) {
            a.hello("Alex", "tab-a", null);
            a.send(msg(7, card("c1", "pain", "use", "x")));
            var ack = a.await(ServerMessage.Applied.class, x -> true);
            assertThat(ack.client()).isEqualTo("tab-a");
            assertThat(ack.cid()).isEqualTo(7);
            assertThat(ack.author()).startsWith("p");
        }
    }

    @Test
    void viewerIsRefusedEditsButSeesThemAndStaysConnected() {
        try (var v = server.connect(board.id(), board.viewer()); var e = server.connect(board.id(), board.editor())) {
            v.hello("Stakeholder", "tab-v", null);
            e.hello("Editor", "tab-e", null);
            v.send(msg(1, card("c1", "pain", "use", "viewer card")));
            var r = v.await(ServerMessage.Rejected.class, x -> true);
            assertThat(r.code()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(r.cid()).isEqualTo(1);

            e.send(msg(1, card("c2", "pain", "use", "editor card")));
            var seen = v.await(ServerMessage.Applied.class, x -> true);
            assertThat(seen.ops()).hasSize(1);
            assertThat(seen.ops().getFirst().id()).isEqualTo("c2");
            assertThat(v.isClosed()).isFalse();
            assertThat(e.drain()).noneMatch(m -> m instanceof ServerMessage.Applied a && a.ops().getFirst().id().equals("c1"));
        }
    }

    @Test
    void onlyFacilitatorsChangeStagesAndLanes() {
        try (var e = server.connect(board.id(), board.editor()); var f = server.connect(board.id(), board.facilitator())) {
            e.hello("Editor", "tab-e", null);
            f.hello("Facilitator", "tab-f", null);
            e.send(msg(1, new Op.Delete("stage-use")));
            assertThat(e.await(ServerMessage.Rejected.class, x -> true).code()).isEqualTo(ErrorCode.FORBIDDEN);
            e.send(msg(2, new Op.Move("lane-pain", false, null, "zz")));
            assertThat(e.await(ServerMessage.Rejected.class, x -> true).code()).isEqualTo(ErrorCode.FORBIDDEN);
            f.send(msg(1, new Op.Update("stage-use", Ops.props().put("title", "使用与售后"), List.of())));
            assertThat(f.await(ServerMessage.Applied.class, x -> true).seq()).isEqualTo(1);
        }
    }

    @Test
    void resumeReturnsExactlyTheMissedOps() {
        long lastSeq;
        try (var a = server.connect(board.id(), board.editor()); var b = server.connect(board.id(), board.editor())) {
            a.hello("Alex", "tab-a", null);
            b.hello("Bo", "tab-b", null);
            b.send(msg(1, card("c1", "pain", "use", "one")));
            lastSeq = a.await(ServerMessage.Applied.class, x -> true).seq();
            a.close(); // a drops off
            b.send(msg(2, card("c2", "pain", "use", "two")));
            b.send(msg(3, text("c1", "one, edited")));
            b.send(msg(4, new Op.Delete("c2")));
            assertThat(b.await(ServerMessage.Applied.class, x -> x.cid() == 4).seq()).isEqualTo(4);
        }
        try (var a = server.connect(board.id(), board.editor())) {
            var w = a.hello("Alex", "tab-a", lastSeq);
            assertThat(w.snapshot()).isNull();
            assertThat(w.missed()).extracting(ServerMessage.Applied::seq).containsExactly(2L, 3L, 4L);
            assertThat(w.missed()).extracting(ServerMessage.Applied::cid).containsExactly(2L, 3L, 4L);
            assertThat(w.seq()).isEqualTo(4);
        }
    }

    @Test
    void aResumeFromTheFutureOrTooFarBackGetsASnapshot() {
        try (var a = server.connect(board.id(), board.editor())) {
            var w = a.hello("Alex", "tab-a", 99L);
            assertThat(w.snapshot()).isNotNull();
            assertThat(w.missed()).isNull();
        }
    }

    @Test
    void aResentOpIdIsNotAppliedTwice() {
        try (var a = server.connect(board.id(), board.editor())) {
            a.hello("Alex", "tab-a", null);
            a.send(msg(1, card("c1", "pain", "use", "once")));
            a.await(ServerMessage.Applied.class, x -> true);
        }
        try (var a = server.connect(board.id(), board.editor()); var b = server.connect(board.id(), board.viewer())) {
            a.hello("Alex", "tab-a", 0L);
            b.hello("watcher", "tab-b", null);
            // the same message again, as a client re-sends its pending queue after a reconnect
            a.send(msg(1, card("c1", "pain", "use", "once")));
            var ack = a.await(ServerMessage.Ack.class, x -> true);
            assertThat(ack.cid()).isEqualTo(1);
            assertThat(ack.duplicate()).isTrue();
            a.send(msg(2, text("c1", "twice?")));
            assertThat(b.await(ServerMessage.Applied.class, x -> true).seq()).as("no seq was spent on the duplicate").isEqualTo(2);
        }
    }

    @Test
    void presenceIsCoalescedAndBroadcast() throws Exception {
        try (var a = server.connect(board.id(), board.editor()); var b = server.connect(board.id(), board.viewer())) {
            var wa = a.hello("Alex", "tab-a", null);
            b.hello("Bo", "tab-b", null);
            long start = System.nanoTime();
            for (int i = 0; i < 40; i++) {
                a.sendText("{\"type\":\"presence\",\"cursor\":{\"x\":" + i + ",\"y\":5},\"selection\":[\"stage-use\"]}");
            }
            var last = b.await(ServerMessage.Presence.class,
                    p -> p.peers().stream().anyMatch(x -> x.path("cursor").path("x").asDouble() == 39), Duration.ofSeconds(5));
            double seconds = (System.nanoTime() - start) / 1e9;
            long frames = b.frames().stream().filter(f -> f.contains("\"presence\"")).count();
            assertThat(frames).as("40 cursor moves arrive coalesced, at most ~30 frames a second").isLessThanOrEqualTo((long) Math.ceil(seconds * 30) + 2);
            assertThat(last.peers()).anyMatch(x -> x.get("id").textValue().equals(wa.you().id()));
            // a field is sent when it changes: the selection once, in the first frame
            assertThat(b.frames().stream().filter(f -> f.contains("\"presence\"") && f.contains("\"selection\":[\"stage-use\"]")))
                    .hasSize(1);
        }
    }

    @Test
    void leavingIsAnnounced() {
        try (var a = server.connect(board.id(), board.editor())) {
            a.hello("Alex", "tab-a", null);
            String bId;
            try (var b = server.connect(board.id(), board.editor())) {
                bId = b.hello("Bo", "tab-b", null).you().id();
            }
            assertThat(a.await(ServerMessage.Left.class, x -> true).id()).isEqualTo(bId);
        }
    }

    @Test
    void unicodeTextSurvivesTheRoundTrip() {
        String text = "😀 支付方式少，步骤多 — «ok» \u200d👩‍💼";
        try (var a = server.connect(board.id(), board.editor())) {
            a.hello("王先生 🧳", "tab-a", null);
            a.send(msg(1, card("c1", "pain", "use", text)));
            var applied = a.await(ServerMessage.Applied.class, x -> true);
            assertThat(((Op.Create) applied.ops().getFirst()).props().get("text").textValue()).isEqualTo(text);
        }
        try (var b = server.connect(board.id(), board.viewer())) {
            var w = b.hello("b", "tab-b", null);
            assertThat(doc(w).get("c1").props().get("text").textValue()).isEqualTo(text);
        }
    }
}
