package dev.journeyboard.server;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.msg;
import static dev.journeyboard.server.testing.Ops.props;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.FacilitatorAction;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.testing.LiveBoard;
import dev.journeyboard.server.testing.TestClient;
import dev.journeyboard.server.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Department-scoped editing over real sockets (issue 14 §3): a participant's department, chosen in the hello or
 * assigned by the facilitator, is what the room's actor carries, so a lane or stage scoped to other departments
 * refuses their edits with FORBIDDEN and a message naming the scope; facilitators are bound by no scope.
 */
class DepartmentScopeTest {
    @RegisterExtension
    static final LiveBoard live = LiveBoard.perClass("部门工作坊");

    TestClient fac;

    @BeforeEach
    void departments() {
        fac = live.connect(Role.FACILITATOR);
        fac.hello("主持人", "fac", null);
        var mkt = props();
        mkt.putObject("labels").put("zh", "市场部").put("en", "Marketing");
        var cs = props();
        cs.putObject("labels").put("zh", "客服部").put("en", "Customer service");
        fac.send(msg(1,
                new Op.Create("mkt", ElementType.DEPARTMENT, null, "V", mkt),
                new Op.Create("cs", ElementType.DEPARTMENT, null, "k", cs),
                new Op.Update("lane-pain", props().set("scope", props().arrayNode().add("cs")), List.of())));
        fac.await(ServerMessage.Applied.class, a -> a.cid() == 1);
    }

    private TestClient editor(String name, String client, String department) {
        TestClient c = live.connect(Role.EDITOR);
        c.send(new ClientMessage.Hello(MessageCodec.VERSION, name, client, null, department));
        var w = c.await(ServerMessage.Welcome.class, x -> true);
        assertThat(w.you().department()).isEqualTo(department);
        return c;
    }

    /** Sends {@code m} and expects it refused with FORBIDDEN and {@code message}. */
    private static void forbidden(TestClient c, ClientMessage.Ops m, String message) {
        c.send(m);
        var r = c.await(ServerMessage.Rejected.class, x -> x.cid() == m.cid());
        assertThat(r.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(r.message()).isEqualTo(message);
    }

    /** Sends {@code m} and expects it applied. */
    private static void applied(TestClient c, ClientMessage.Ops m) {
        c.send(m);
        assertThat(c.await(ServerMessage.Applied.class, a -> a.cid() == m.cid())).isNotNull();
    }

    @Test
    void anEditorOfMarketingIsRefusedInALaneScopedToCustomerService() {
        try (TestClient ed = editor("李娜", "ed-mkt", "mkt")) {
            forbidden(ed, msg(1, card("c1", "pain", "aware", "运费太贵")), "create: the lane '痛点' is open to 客服部 only");
            // the rest of the board stays open to them
            applied(ed, msg(2, card("c2", "opp", "aware", "包邮门槛")));
        }
    }

    @Test
    void anEditorOfTheScopedDepartmentAndTheFacilitatorMayEditThere() {
        try (TestClient ed = editor("王磊", "ed-cs", "cs")) {
            applied(ed, msg(1, card("c1", "pain", "aware", "客服电话打不通")));
        }
        applied(fac, msg(2, card("c2", "pain", "consider", "facilitators are bound by no scope")));
        // no department at all: a scoped lane admits nobody without one
        try (TestClient none = editor("Sam", "ed-none", null)) {
            forbidden(none, msg(1, card("c3", "pain", "use", "x")), "create: the lane '痛点' is open to 客服部 only");
        }
    }

    @Test
    void aDepartmentChangeByTheFacilitatorAppliesLive() {
        try (TestClient ed = editor("李娜", "ed-mkt", "mkt")) {
            String edId = fac.await(ServerMessage.Joined.class, j -> j.participant().name().equals("李娜")).participant().id();
            fac.send(new ClientMessage.Facilitate(new FacilitatorAction.SetDepartment(edId, "cs")));
            // everyone is told, the participant included
            var changed = ed.await(ServerMessage.ParticipantChanged.class, p -> p.participant().id().equals(edId));
            assertThat(changed.participant().department()).isEqualTo("cs");
            assertThat(fac.await(ServerMessage.ParticipantChanged.class, p -> p.participant().id().equals(edId)).participant().department())
                    .isEqualTo("cs");
            applied(ed, msg(1, card("c1", "pain", "aware", "now in 客服部")));

            fac.send(new ClientMessage.Facilitate(new FacilitatorAction.SetDepartment(edId, null)));
            assertThat(ed.await(ServerMessage.ParticipantChanged.class, p -> p.participant().id().equals(edId)).participant().department())
                    .isNull();
            forbidden(ed, msg(2, new Op.Update("c1", props().put("text", "no department any more"), List.of())), "update: the lane '痛点' is open to 客服部 only");

            // a scope opened to marketing too admits them again once they are in marketing
            fac.send(new ClientMessage.Facilitate(new FacilitatorAction.SetDepartment(edId, "mkt")));
            ed.await(ServerMessage.ParticipantChanged.class, p -> "mkt".equals(p.participant().department()));
            fac.send(msg(3, new Op.Update("lane-pain", props().set("scope", props().arrayNode().add("cs").add("mkt")), List.of())));
            ed.await(ServerMessage.Applied.class, a -> a.cid() == 3 && a.client().equals("fac"));
            ed.send(msg(3, new Op.Update("c1", props().put("text", "市场部 too"), List.of())));
            assertThat(ed.await(ServerMessage.Applied.class, a -> a.cid() == 3 && a.client().equals("ed-mkt"))).isNotNull();
        }
    }

    @Test
    void aStageScopedToNobodyRefusesEditorsWhereverTheLaneIsOpen() {
        fac.send(msg(2, new Op.Update("stage-consider", props().set("scope", props().arrayNode()), List.of())));
        fac.await(ServerMessage.Applied.class, a -> a.cid() == 2);
        try (TestClient ed = editor("王磊", "ed-cs", "cs")) {
            forbidden(ed, msg(1, card("c1", "opp", "consider", "x")), "create: the stage '考虑' is open to facilitators only");
            applied(ed, msg(2, card("c2", "opp", "aware", "the next stage is open")));
        }
    }

    @Test
    void aHelloWithADepartmentTheBoardDoesNotHaveIsInvalidAndMayBeSentAgain() {
        try (TestClient c = live.server().connect(live.board().id(), live.board().editor())) {
            c.send(new ClientMessage.Hello(MessageCodec.VERSION, "Sam", "ed-x", null, "it"));
            var err = c.await(ServerMessage.Error.class, e -> true);
            assertThat(err.code()).isEqualTo(ErrorCode.INVALID_VALUE);
            assertThat(err.message()).isEqualTo("hello: the board has no department 'it'");
            // a lane is not a department either
            c.send(new ClientMessage.Hello(MessageCodec.VERSION, "Sam", "ed-x", null, "lane-pain"));
            assertThat(c.await(ServerMessage.Error.class, e -> true).message()).isEqualTo("hello: the board has no department 'lane-pain'");
            assertThat(c.isClosed()).isFalse();
            c.send(new ClientMessage.Hello(MessageCodec.VERSION, "Sam", "ed-x", null, "mkt"));
            assertThat(c.await(ServerMessage.Welcome.class, w -> true).you().department()).isEqualTo("mkt");
        }
        // nobody else heard of the refused hellos: the first thing the facilitator hears is the one join
        assertThat(fac.await(ServerMessage.Joined.class, j -> true).participant().department()).isEqualTo("mkt");
    }

    @Test
    void assigningADepartmentIsForTheFacilitatorAndOnlyToOneTheBoardHas() {
        try (TestClient ed = editor("李娜", "ed-mkt", "mkt")) {
            String edId = fac.await(ServerMessage.Joined.class, j -> true).participant().id();
            ed.send(new ClientMessage.Facilitate(new FacilitatorAction.SetDepartment(edId, "cs")));
            var forbidden = ed.await(ServerMessage.Error.class, e -> true);
            assertThat(forbidden.code()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(forbidden.message()).isEqualTo("participant.department: only a facilitator may do this");

            fac.send(new ClientMessage.Facilitate(new FacilitatorAction.SetDepartment(edId, "lane-pain")));
            var invalid = fac.await(ServerMessage.Error.class, e -> true);
            assertThat(invalid.code()).isEqualTo(ErrorCode.INVALID_VALUE);
            assertThat(invalid.message()).isEqualTo("participant.department: the board has no department 'lane-pain'");
            fac.send(new ClientMessage.Facilitate(new FacilitatorAction.SetDepartment("p99", "cs")));
            assertThat(fac.await(ServerMessage.Error.class, e -> true).message()).isEqualTo("participant.department: no participant 'p99'");

            fac.sendText("{\"type\":\"facilitate\",\"action\":\"participant.department\",\"participant\":\"" + edId + "\"}");
            var bad = fac.await(ServerMessage.Error.class, e -> true);
            assertThat(bad.code()).isEqualTo(ErrorCode.BAD_MESSAGE);
            assertThat(bad.message()).isEqualTo("participant.department: 'department' must be a department id or null");
            // nothing changed: the editor is still in marketing, so still refused in the 客服部 lane
            ed.send(msg(1, card("c1", "pain", "aware", "x")));
            assertThat(ed.await(ServerMessage.Rejected.class, r -> r.cid() == 1).code()).isEqualTo(ErrorCode.FORBIDDEN);
        }
    }

    @Test
    void theBoardsDepartmentsAreListedForAnyTokenOfTheBoard() {
        var r = live.server().get("/api/boards/" + live.board().id() + "/departments?token=" + live.board().viewer());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(r.body()).get("role").textValue()).isEqualTo("viewer");
        var list = TestServer.json(r.body()).get("departments");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("id").textValue()).isEqualTo("mkt"); // index V < k
        assertThat(list.get(0).get("labels").get("zh").textValue()).isEqualTo("市场部");
        assertThat(list.get(1).get("id").textValue()).isEqualTo("cs");
        assertThat(live.server().get("/api/boards/" + live.board().id() + "/departments?token=nope").statusCode()).isEqualTo(401);
        var missing = live.server().get("/api/boards/nosuchboard/departments?token=" + live.board().viewer());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(TestServer.json(missing.body()).get("code").textValue()).isEqualTo("BOARD_NOT_FOUND");
    }
}
