package dev.journeyboard.server;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.msg;
import static dev.journeyboard.server.testing.Ops.props;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.FacilitatorAction;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.testing.LiveBoard;
import dev.journeyboard.server.testing.Ops;
import dev.journeyboard.server.testing.TestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Facilitation tools over real sockets: timer, dot voting, follow-me, private writing, locks, people, links. */
class FacilitationTest {
    @RegisterExtension
    static final LiveBoard live = LiveBoard.perClass("工作坊");

    TestClient fac;
    TestClient ed;
    String facId;
    String edId;

    @BeforeEach
    void workshop() {
        fac = live.connect(Role.FACILITATOR);
        facId = fac.hello("主持人", "fac", null).you().id();
        ed = live.connect(Role.EDITOR);
        edId = ed.hello("Editor", "ed", null).you().id();
    }

    private static void act(TestClient c, FacilitatorAction a) {
        c.send(new ClientMessage.Facilitate(a));
    }

    private static ServerMessage.Session session(TestClient c, java.util.function.Predicate<ServerMessage.Session> p) {
        return c.await(ServerMessage.Session.class, p);
    }

    @Test
    void theServerOwnsTheTimer() throws Exception {
        act(fac, new FacilitatorAction.TimerStart(60_000));
        var s = session(ed, x -> x.timer().state().equals("running"));
        assertThat(s.timer().endsAt()).isBetween(System.currentTimeMillis() + 55_000, System.currentTimeMillis() + 61_000);
        Thread.sleep(300);
        try (var late = live.server().connect(live.board().id(), live.board().viewer())) {
            late.hello("late", "late", null);
            var ls = session(late, x -> true);
            assertThat(ls.timer().state()).isEqualTo("running");
            assertThat(ls.timer().remainingMs()).as("a late joiner sees the time left, not the full duration").isBetween(50_000L, 59_800L);
        }
        act(fac, new FacilitatorAction.TimerPause());
        long paused = session(ed, x -> x.timer().state().equals("paused")).timer().remainingMs();
        act(fac, new FacilitatorAction.TimerAdd(60_000));
        assertThat(session(ed, x -> x.timer().state().equals("paused")).timer().remainingMs()).isEqualTo(paused + 60_000);
        act(fac, new FacilitatorAction.TimerResume());
        session(ed, x -> x.timer().state().equals("running"));
        act(fac, new FacilitatorAction.TimerStop());
        session(ed, x -> x.timer().state().equals("idle"));
        act(fac, new FacilitatorAction.TimerStart(200));
        assertThat(session(ed, x -> x.timer().state().equals("ended"))).as("everyone hears the end").isNotNull();
    }

    @Test
    void dotVotesAreSecretUntilTheCloseAndThenKept() {
        fac.send(new ClientMessage.Ops(1, null, List.of(card("c1", "pain", "purchase", "支付步骤多"),
                card("c2", "pain", "use", "退换货不明确"), card("c3", "opp", "use", "not voted"))));
        fac.await(ServerMessage.Applied.class, a -> true);
        act(fac, new FacilitatorAction.VoteOpen(List.of("lane-pain"), 3, true));
        session(ed, s -> s.vote() != null);
        ed.await(ServerMessage.Votes.class, v -> v.remaining() == 3);

        ed.send(new ClientMessage.Vote("c1", 1));
        ed.send(new ClientMessage.Vote("c1", 1));
        ed.send(new ClientMessage.Vote("c2", 1));
        var mine = ed.await(ServerMessage.Votes.class, v -> v.remaining() == 0);
        assertThat(mine.mine()).containsExactlyInAnyOrderEntriesOf(Map.of("c1", 2, "c2", 1));
        ed.send(new ClientMessage.Vote("c2", 1));
        assertThat(ed.await(ServerMessage.Error.class, e -> true).message()).contains("3 votes are used");
        ed.send(new ClientMessage.Vote("c3", -1));
        assertThat(ed.await(ServerMessage.Error.class, e -> true).code()).isEqualTo(ErrorCode.INVALID_VALUE);

        fac.send(new ClientMessage.Vote("c2", 1));
        var facView = fac.await(ServerMessage.Votes.class, v -> v.cast() == 4);
        assertThat(facView.mine()).containsExactly(Map.entry("c2", 1));

        act(fac, new FacilitatorAction.VoteClose());
        var result = ed.await(ServerMessage.VoteResult.class, r -> true);
        assertThat(result.ranked()).containsExactly(new ServerMessage.Ranked("c1", 2), new ServerMessage.Ranked("c2", 2));
        // during the vote, nobody was ever told another person's dots
        assertThat(fac.frames()).filteredOn(f -> f.contains("\"votes\"") && f.contains("\"mine\""))
                .allSatisfy(f -> assertThat(f).doesNotContain("\"c1\""));
        assertThat(ed.frames()).filteredOn(f -> f.contains("\"mine\""))
                .allSatisfy(f -> assertThat(f).doesNotContain("\"c2\":2"));
        try (var check = live.server().connect(live.board().id(), live.board().viewer())) {
            Document d = Document.of(check.hello("check", "check", null).snapshot().elements());
            assertThat(d.get("c1").props().get("votes").intValue()).isEqualTo(2);
            assertThat(d.get("c2").props().get("votes").intValue()).isEqualTo(2);
            assertThat(d.get("c3").props().has("votes")).isFalse();
        }
    }

    @Test
    void followMeNamesTheFacilitator() {
        act(fac, new FacilitatorAction.Follow(true));
        assertThat(session(ed, s -> s.follow() != null).follow()).isEqualTo(facId);
        fac.sendText("{\"type\":\"presence\",\"viewport\":{\"x\":400,\"y\":300,\"w\":1280,\"h\":720,\"zoom\":1.5}}");
        var p = ed.await(ServerMessage.Presence.class, x -> x.peers().stream().anyMatch(peer -> peer.has("viewport")));
        assertThat(p.peers().getFirst().get("viewport").get("zoom").doubleValue()).isEqualTo(1.5);
        act(fac, new FacilitatorAction.Follow(false));
        assertThat(session(ed, s -> s.follow() == null)).isNotNull();
    }

    @Test
    void privateCardsReachNobodyElseUntilRevealed() {
        act(fac, new FacilitatorAction.PrivateWriting(true));
        session(ed, s -> s.privateWriting());
        ed.send(msg(1, card("secret", "pain", "use", "私密想法")));
        var own = ed.await(ServerMessage.Applied.class, a -> a.cid() == 1);
        assertThat(own.ops()).anySatisfy(op -> assertThat(op.id()).isEqualTo("secret"));
        var facSaw = fac.await(ServerMessage.Applied.class, a -> a.seq() == own.seq());
        assertThat(facSaw.ops()).as("the facilitator gets the seq but not the card").isEmpty();
        ed.send(msg(2, Ops.text("secret", "私密想法 2")));
        ed.await(ServerMessage.Applied.class, a -> a.cid() == 2);
        try (var late = live.server().connect(live.board().id(), live.board().editor())) {
            var w = late.hello("late", "late", null);
            assertThat(w.snapshot().elements()).noneMatch(e -> e.id().equals("secret"));
            late.close();
        }
        try (var resumer = live.server().connect(live.board().id(), live.board().viewer())) {
            var w = resumer.hello("resumer", "resumer", 0L);
            assertThat(w.missed()).as("a resume across private edits is a filtered snapshot").isNull();
            assertThat(w.snapshot().elements()).noneMatch(e -> e.id().equals("secret"));
        }
        assertThat(fac.frames()).noneMatch(f -> f.contains("私密") || f.contains("\"secret\""));

        act(fac, new FacilitatorAction.PrivateWriting(false));
        var revealed = fac.await(ServerMessage.Applied.class, a -> !a.ops().isEmpty());
        assertThat(revealed.ops()).singleElement().satisfies(op -> {
            assertThat(op).isInstanceOf(Op.Create.class);
            assertThat(((Op.Create) op).props().get("text").textValue()).isEqualTo("私密想法 2");
            assertThat(((Op.Create) op).props().has("private")).isFalse();
        });
        try (var check = live.server().connect(live.board().id(), live.board().viewer())) {
            assertThat(check.hello("c", "c", null).snapshot().elements()).anyMatch(e -> e.id().equals("secret"));
        }
    }

    @Test
    void lockedElementsAndALockedBoardRefuseEdits() {
        fac.send(msg(1, card("c1", "pain", "use", "x"), new Op.Update("lane-opp", props().put("locked", true), List.of())));
        fac.await(ServerMessage.Applied.class, a -> true);
        ed.await(ServerMessage.Applied.class, a -> true);
        ed.send(msg(1, card("c2", "opp", "use", "into a locked lane")));
        assertThat(ed.await(ServerMessage.Rejected.class, r -> true).code()).isEqualTo(ErrorCode.LOCKED);
        ed.send(msg(2, new Op.Update("c1", props().put("locked", true), List.of())));
        assertThat(ed.await(ServerMessage.Rejected.class, r -> true).code()).isEqualTo(ErrorCode.FORBIDDEN);
        fac.send(msg(2, new Op.Update("c1", props().put("locked", true), List.of())));
        fac.await(ServerMessage.Applied.class, a -> a.cid() == 2);
        ed.send(msg(3, Ops.text("c1", "edit a locked card")));
        assertThat(ed.await(ServerMessage.Rejected.class, r -> true).code()).isEqualTo(ErrorCode.LOCKED);

        act(fac, new FacilitatorAction.LockBoard(true));
        session(ed, s -> s.boardLocked());
        ed.send(msg(4, card("c3", "pain", "aware", "while the board is locked")));
        var r = ed.await(ServerMessage.Rejected.class, x -> true);
        assertThat(r.code()).isEqualTo(ErrorCode.LOCKED);
        fac.send(msg(3, card("c4", "pain", "aware", "facilitators still edit")));
        assertThat(fac.await(ServerMessage.Applied.class, a -> a.cid() == 3)).isNotNull();
    }

    @Test
    void rolesChangeLiveAndRemovedPeopleStayOut() {
        act(fac, new FacilitatorAction.SetRole(edId, Role.VIEWER));
        assertThat(ed.await(ServerMessage.ParticipantChanged.class, p -> true).participant().role()).isEqualTo(Role.VIEWER);
        ed.send(msg(1, card("c1", "pain", "use", "x")));
        assertThat(ed.await(ServerMessage.Rejected.class, r -> true).code()).isEqualTo(ErrorCode.FORBIDDEN);
        act(fac, new FacilitatorAction.SetRole(edId, Role.EDITOR));
        ed.await(ServerMessage.ParticipantChanged.class, p -> p.participant().role() == Role.EDITOR);
        ed.send(msg(2, card("c1", "pain", "use", "x")));
        assertThat(ed.await(ServerMessage.Applied.class, a -> a.cid() == 2)).isNotNull();

        act(fac, new FacilitatorAction.HideCursors(true));
        session(ed, s -> s.cursorsHidden());
        ed.sendText("{\"type\":\"presence\",\"cursor\":{\"x\":1,\"y\":2},\"selection\":[\"c1\"]}");
        var p = fac.await(ServerMessage.Presence.class, x -> x.peers().stream().anyMatch(peer -> peer.has("selection")));
        assertThat(p.peers()).allSatisfy(peer -> assertThat(peer.has("cursor")).isFalse());

        act(fac, new FacilitatorAction.Remove(edId));
        var err = ed.await(ServerMessage.Error.class, e -> true);
        assertThat(err.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(ed.awaitClosed(Duration.ofSeconds(5))).isTrue();
        assertThat(fac.await(ServerMessage.Left.class, l -> true).id()).isEqualTo(edId);
        try (var again = live.server().connect(live.board().id(), live.board().editor())) {
            again.send(new ClientMessage.Hello(1, "Editor", "ed", null));
            assertThat(again.await(ServerMessage.Error.class, e -> true).code()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(again.awaitClosed(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void rotatedLinksStopWorkingAndTheirSocketsClose() {
        act(fac, new FacilitatorAction.RotateLinks());
        var links = fac.await(ServerMessage.Links.class, l -> true);
        assertThat(links.tokens()).containsKeys("facilitator", "edit", "view");
        assertThat(links.links().get("edit")).contains("/b/" + live.board().id() + "#t=" + links.tokens().get("edit"));
        assertThat(ed.await(ServerMessage.Error.class, e -> true).code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(ed.awaitClosed(Duration.ofSeconds(5))).isTrue();
        var old = live.server().turnAway(live.board().id(), live.board().editor());
        assertThat(old.error().code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(old.closeStatus()).isEqualTo(4401);
        assertThat(live.server().get("/api/boards/" + live.board().id() + "?token=" + live.board().viewer()).statusCode()).isEqualTo(401);
        try (var fresh = live.server().connect(live.board().id(), links.tokens().get("edit"))) {
            assertThat(fresh.hello("new link", "new", null).you().role()).isEqualTo(Role.EDITOR);
        }
        assertThat(fac.isClosed()).isFalse();
    }

    @Test
    void everyFacilitatorActionIsForbiddenToViewersAndEditors() {
        List<FacilitatorAction> all = List.of(new FacilitatorAction.TimerStart(1000), new FacilitatorAction.TimerPause(),
                new FacilitatorAction.TimerResume(), new FacilitatorAction.TimerAdd(60_000), new FacilitatorAction.TimerStop(),
                new FacilitatorAction.VoteOpen(List.of("lane-pain"), 3, false), new FacilitatorAction.VoteClose(),
                new FacilitatorAction.Follow(true), new FacilitatorAction.PrivateWriting(true), new FacilitatorAction.LockBoard(true),
                new FacilitatorAction.HideCursors(true), new FacilitatorAction.SetRole(facId, Role.VIEWER),
                new FacilitatorAction.Remove(facId), new FacilitatorAction.RotateLinks());
        try (var viewer = live.server().connect(live.board().id(), live.board().viewer())) {
            viewer.hello("viewer", "viewer", null);
            for (TestClient c : List.of(viewer, ed)) {
                for (FacilitatorAction a : all) {
                    act(c, a);
                    var err = c.await(ServerMessage.Error.class, e -> true);
                    assertThat(err.code()).as(a.name()).isEqualTo(ErrorCode.FORBIDDEN);
                    assertThat(err.message()).contains(a.name());
                }
            }
            assertThat(ed.drain()).noneMatch(m -> m instanceof ServerMessage.Session);
        }
    }
}
