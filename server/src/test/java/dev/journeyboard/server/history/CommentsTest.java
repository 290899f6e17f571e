package dev.journeyboard.server.history;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.msg;
import static dev.journeyboard.server.testing.Ops.props;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.FacilitatorAction;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.testing.LiveBoard;
import dev.journeyboard.server.testing.TestClient;
import dev.journeyboard.server.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Comments over real sockets: a thread between a facilitator, an editor and a commenter (reply, mention, resolve,
 * reopen), every refusal with its code and the board unchanged (what everyone else holds, and the history), the
 * viewers' setting, the commenter link, and the threads in the hand-off.
 */
class CommentsTest {
    @RegisterExtension
    static final LiveBoard live = LiveBoard.perClass("评论");

    TestClient fac;
    TestClient ed;
    TestClient com;
    TestClient view;

    @BeforeEach
    void join() {
        fac = live.connect(Role.FACILITATOR);
        fac.hello("主持人 Mei", "fac-tab", null);
        ed = live.connect(Role.EDITOR);
        ed.hello("Alex", "ed-tab", null);
        com = live.connect(Role.COMMENTER);
        assertThat(com.hello("王磊", "com-tab", null).you().role().wire()).isEqualTo("commenter");
        view = live.connect(Role.VIEWER);
        view.hello("Viewer", "view-tab", null);
        tabs.put(fac, "fac-tab");
        tabs.put(ed, "ed-tab");
        tabs.put(com, "com-tab");
        tabs.put(view, "view-tab");
        fac.send(msg(1, card("c1", "pain", "aware", "支付步骤多"), new Op.Create("mkt", ElementType.DEPARTMENT, null, "V",
                props().set("labels", props().put("zh", "市场部").put("en", "Marketing")))));
        view.await(ServerMessage.Applied.class, a -> a.cid() == 1 && a.client().equals("fac-tab"));
    }

    static Op comment(String id, String on, String text, String author, String by, String replyTo) {
        var p = props().put("text", text).put("author", author).put("by", by).put("at", System.currentTimeMillis());
        if (replyTo != null) p.put("replyTo", replyTo);
        return new Op.Create(id, ElementType.COMMENT, on, "V", p);
    }

    /** The tab id each client said hello with. */
    private final Map<TestClient, String> tabs = new java.util.IdentityHashMap<>();

    /** Sends one op and returns the seq everyone got it at (its own applied, not another tab's with the same cid). */
    long ok(TestClient c, long cid, Op op) {
        c.send(msg(cid, op));
        String tab = tabs.get(c);
        return c.await(ServerMessage.Applied.class, a -> a.cid() == cid && a.client().equals(tab)).seq();
    }

    static ServerMessage.Rejected refused(TestClient c, long cid, Op op) {
        c.send(msg(cid, op));
        return c.await(ServerMessage.Rejected.class, r -> r.cid() == cid);
    }

    @Test
    void aThreadBetweenThreeRolesWithAMentionResolvedAndReopened() {
        ok(ed, 1, comment("t1", "c1", "这个步骤能合并吗？", "Alex", "ed-tab", null));
        var mention = (Op.Create) comment("r1", "c1", "@市场部 看看数据", "王磊", "com-tab", "t1");
        mention.props().putArray("mentions").add("mkt");
        ok(com, 1, mention);
        ok(fac, 2, comment("r2", "c1", "下次工作坊讨论", "主持人 Mei", "fac-tab", "t1"));
        ok(com, 2, new Op.Update("t1", props().put("resolved", true), List.of()));
        long reopened = ok(ed, 2, new Op.Update("t1", props(), List.of("resolved")));
        // everyone, the viewer too, saw every step
        view.await(ServerMessage.Applied.class, a -> a.seq() == reopened);
        var history = TestServer.json(live.server().get("/api/boards/" + live.board().id() + "/history/" + reopened + "?token=" + live.board().editor()).body());
        JsonNode t1 = null, r1 = null;
        for (JsonNode e : history.get("elements")) {
            if (e.get("id").textValue().equals("t1")) t1 = e;
            if (e.get("id").textValue().equals("r1")) r1 = e;
        }
        assertThat(t1.get("parent").textValue()).isEqualTo("c1");
        assertThat(t1.get("props").has("resolved")).as("reopened").isFalse();
        assertThat(r1.get("props").get("replyTo").textValue()).isEqualTo("t1");
        assertThat(r1.get("props").get("mentions").get(0).textValue()).isEqualTo("mkt");
        // the hand-off lists the open thread with its replies
        String md = live.server().get("/api/boards/" + live.board().id() + "/export/plan.md?token=" + live.board().viewer()).body();
        assertThat(md).contains("## 未解决的评论").contains("- **Alex**: 这个步骤能合并吗？").contains("  - **王磊**: @市场部 看看数据");
    }

    @Test
    void badCommentsAreRefusedWithAClearCodeAndChangeNothing() {
        ok(fac, 2, card("c2", "pain", "aware", "新卡片"));
        ok(ed, 1, comment("t1", "c2", "first", "Alex", "ed-tab", null));
        long before = ok(fac, 3, new Op.Delete("c1"));
        var gone = refused(com, 1, comment("t2", "c1", "on a deleted card", "王磊", "com-tab", null));
        assertThat(gone.code()).isEqualTo(ErrorCode.ELEMENT_NOT_FOUND);
        assertThat(gone.message()).isEqualTo("create: no parent 'c1'");
        var tooLong = refused(com, 2, comment("t2", "c2", "长".repeat(2001), "王磊", "com-tab", null));
        assertThat(tooLong.code()).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(tooLong.message()).isEqualTo("comment.text is longer than 2000 characters");
        var viewer = refused(view, 1, comment("t2", "c2", "viewer", "Viewer", "view-tab", null));
        assertThat(viewer.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(viewer.message()).isEqualTo("a viewer may not comment on this board");
        var map = refused(com, 3, new Op.Update("c2", props().put("text", "改卡片"), List.of()));
        assertThat(map.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(map.message()).isEqualTo("a commenter may not edit this board");
        var notMine = refused(com, 4, new Op.Update("t1", props().put("text", "not mine"), List.of()));
        assertThat(notMine.code()).isEqualTo(ErrorCode.FORBIDDEN);
        // none of it reached anyone or changed the board: the next applied follows the last good one
        long next = ok(fac, 4, new Op.Update("c2", props().put("text", "ok"), List.of()));
        assertThat(next).isEqualTo(before + 1);
        for (TestClient c : List.of(ed, view)) {
            c.await(ServerMessage.Applied.class, a -> a.seq() == next);
            assertThat(c.frames()).noneMatch(f -> f.contains("on a deleted card") || f.contains("改卡片") || f.contains("not mine"));
        }
    }

    @Test
    void theFacilitatorLetsViewersCommentAndTheSettingLasts() {
        fac.send(new ClientMessage.Facilitate(new FacilitatorAction.CommentsViewers(true)));
        assertThat(view.await(ServerMessage.Session.class, ServerMessage.Session::viewersComment).viewersComment()).isTrue();
        ok(view, 1, comment("v1", "c1", "看得到也能评论", "Viewer", "view-tab", null));
        var map = refused(view, 2, new Op.Update("c1", props().put("text", "x"), List.of()));
        assertThat(map.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(map.message()).isEqualTo("a viewer may not edit this board");
        // a non-facilitator may not change it; a late joiner hears it in the session
        ed.send(new ClientMessage.Facilitate(new FacilitatorAction.CommentsViewers(false)));
        assertThat(ed.await(ServerMessage.Error.class, e -> true).code()).isEqualTo(ErrorCode.FORBIDDEN);
        try (TestClient late = live.server().connect(live.board().id(), live.board().viewer())) {
            late.hello("Late", "late-tab", null);
            assertThat(late.await(ServerMessage.Session.class, s -> true).viewersComment()).isTrue();
        }
        fac.send(new ClientMessage.Facilitate(new FacilitatorAction.CommentsViewers(false)));
        view.await(ServerMessage.Session.class, s -> !s.viewersComment());
        assertThat(refused(view, 3, comment("v2", "c1", "no more", "Viewer", "view-tab", null)).code()).isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    void aCommenterVotesButAViewerDoesNot() {
        fac.send(new ClientMessage.Facilitate(new FacilitatorAction.VoteOpen(List.of("lane-pain"), 2, false)));
        com.await(ServerMessage.Session.class, s -> s.vote() != null);
        com.send(new ClientMessage.Vote("c1", 1));
        assertThat(com.await(ServerMessage.Votes.class, v -> v.mine().containsKey("c1")).remaining()).isEqualTo(1);
        view.send(new ClientMessage.Vote("c1", 1));
        assertThat(view.await(ServerMessage.Error.class, e -> true).code()).isEqualTo(ErrorCode.FORBIDDEN);
    }
}
