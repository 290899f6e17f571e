package dev.journeyboard.server.room.facilitation;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.msg;
import static dev.journeyboard.server.testing.Ops.props;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.FacilitatorAction;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.testing.InMemorySocket;
import dev.journeyboard.server.testing.RoomHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Dot voting over in-memory sockets: secrecy, the allowance, and a close that writes totals and ranks. */
class DotVoteTest {
    // c4 carries votes from an earlier round (votes are written by the server only, so it is stored, not created)
    @RegisterExtension
    final RoomHarness room = new RoomHarness(Map.of(), List.of(new Element("c4", ElementType.CARD, "lane-pain", "k",
            props().put("stage", "stage-use").put("votes", 5))));
    final InMemorySocket fac = room.join(Role.FACILITATOR, "主持人", "fac");
    final InMemorySocket ed = room.join(Role.EDITOR, "Editor", "ed");
    final InMemorySocket viewer = room.join(Role.VIEWER, "Viewer", "viewer");

    @BeforeEach
    void cardsOnTheBoard() {
        // a close without dots on c4 resets its votes to 0
        fac.send(msg(1, card("c1", "pain", "purchase", "支付步骤多"), card("c2", "pain", "use", "退换货不明确"),
                card("c3", "opp", "use", "not voted on")));
        ed.await(ServerMessage.Applied.class, a -> a.cid() == 1);
    }

    private static void vote(InMemorySocket who, String card, int delta) {
        who.send(new ClientMessage.Vote(card, delta));
    }

    private static ServerMessage.Error refusal(InMemorySocket who) {
        return who.await(ServerMessage.Error.class, e -> true);
    }

    private void open(int votesPerPerson, boolean multiplePerCard) {
        fac.send(new ClientMessage.Facilitate(new FacilitatorAction.VoteOpen(List.of("lane-pain"), votesPerPerson, multiplePerCard)));
        var session = ed.await(ServerMessage.Session.class, s -> s.vote() != null);
        assertThat(session.vote().votesPerPerson()).isEqualTo(votesPerPerson);
        ed.await(ServerMessage.Votes.class, v -> v.remaining() == votesPerPerson);
    }

    @Test
    void eachPersonSeesOnlyTheirOwnDotsAndTheCountCast() {
        open(3, true);
        vote(ed, "c1", 1);
        vote(ed, "c1", 1);
        var edView = ed.await(ServerMessage.Votes.class, v -> v.cast() == 2);
        assertThat(edView.mine()).containsExactly(Map.entry("c1", 2));
        assertThat(edView.remaining()).isEqualTo(1);
        var facView = fac.await(ServerMessage.Votes.class, v -> v.cast() == 2);
        assertThat(facView.mine()).as("the facilitator is not told the editor's dots").isEmpty();
        assertThat(facView.remaining()).isEqualTo(3);

        vote(fac, "c2", 1);
        assertThat(ed.await(ServerMessage.Votes.class, v -> v.cast() == 3).mine()).containsExactly(Map.entry("c1", 2));
        vote(ed, "c1", -1);
        assertThat(ed.await(ServerMessage.Votes.class, v -> v.cast() == 2).mine()).containsExactly(Map.entry("c1", 1));

        fac.send(new ClientMessage.Facilitate(new FacilitatorAction.VoteClose()));
        fac.await(ServerMessage.VoteResult.class, r -> true);
        for (InMemorySocket s : List.of(fac, viewer)) {
            assertThat(s.frames()).filteredOn(f -> f.contains("\"mine\"")).as("nobody else was sent the editor's dots")
                    .allSatisfy(f -> assertThat(f).doesNotContain("\"c1\""));
        }
        assertThat(ed.frames()).filteredOn(f -> f.contains("\"mine\"")).allSatisfy(f -> assertThat(f).doesNotContain("\"c2\""));
    }

    @Test
    void theAllowanceAndTheRulesOfTheVoteAreEnforced() {
        vote(ed, "c1", 1);
        assertThat(refusal(ed).message()).isEqualTo("vote: no vote is open");
        open(2, false);
        vote(ed, "c1", 1);
        ed.await(ServerMessage.Votes.class, v -> v.remaining() == 1);
        vote(ed, "c1", 1);
        assertThat(refusal(ed).message()).isEqualTo("vote: one vote per card in this vote");
        vote(ed, "c3", 1);
        assertThat(refusal(ed).message()).isEqualTo("vote: 'c3' is not a card in the lanes being voted on");
        vote(ed, "c2", 1);
        ed.await(ServerMessage.Votes.class, v -> v.remaining() == 0);
        vote(ed, "c4", 1);
        assertThat(refusal(ed).message()).isEqualTo("vote: all your 2 votes are used");
        vote(ed, "c4", -1);
        assertThat(refusal(ed).message()).isEqualTo("vote: you have no vote on this card");
        vote(ed, "nope", 1);
        assertThat(refusal(ed).code()).isEqualTo(ErrorCode.ELEMENT_NOT_FOUND);
        vote(viewer, "c1", 1);
        assertThat(refusal(viewer).code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(room.rejected(ErrorCode.INVALID_VALUE)).isEqualTo(5);

        // a refused dot cast nothing: the editor's two dots stand
        vote(fac, "c1", 1);
        var facView = fac.await(ServerMessage.Votes.class, v -> !v.mine().isEmpty());
        assertThat(facView.cast()).isEqualTo(3);
    }

    @Test
    void theCloseWritesTheTotalsOntoTheCardsThenRanksThemForEveryone() {
        open(3, true);
        vote(ed, "c1", 1);
        vote(ed, "c2", 1);
        vote(ed, "c2", 1);
        vote(fac, "c1", 1);
        ed.await(ServerMessage.Votes.class, v -> v.cast() == 4);
        fac.send(new ClientMessage.Facilitate(new FacilitatorAction.VoteClose()));

        var totals = viewer.await(ServerMessage.Applied.class, a -> a.client().equals("@server"));
        assertThat(totals.author()).isEqualTo(fac.id());
        assertThat(totals.ops()).extracting(Op::id).containsExactlyInAnyOrder("c1", "c2", "c4");
        // once the totals are saved (and not before): the session without a vote, then the ranking
        viewer.await(ServerMessage.Session.class, s -> s.vote() == null);
        var result = viewer.await(ServerMessage.VoteResult.class, r -> true);
        assertThat(result.ranked()).as("most votes first, ties by card id")
                .containsExactly(new ServerMessage.Ranked("c1", 2), new ServerMessage.Ranked("c2", 2));
        assertThat(ed.await(ServerMessage.VoteResult.class, r -> true)).isEqualTo(result);

        Map<String, Integer> votes = room.read(d -> Map.of(
                "c1", d.get("c1").props().path("votes").asInt(-1),
                "c2", d.get("c2").props().path("votes").asInt(-1),
                "c3", d.get("c3").props().path("votes").asInt(-1),
                "c4", d.get("c4").props().path("votes").asInt(-1)));
        assertThat(votes).isEqualTo(Map.of("c1", 2, "c2", 2, "c3", -1, "c4", 0));

        vote(ed, "c1", 1);
        assertThat(refusal(ed).message()).isEqualTo("vote: no vote is open");
        fac.send(new ClientMessage.Facilitate(new FacilitatorAction.VoteClose()));
        assertThat(refusal(fac).message()).isEqualTo("vote.close: no vote is open");
    }

    @Test
    void votesAreWrittenByTheCloseOnlyNotByHand() {
        fac.send(msg(2, new Op.Update("c1", props().put("votes", 9), List.of())));
        var byFacilitator = fac.await(ServerMessage.Rejected.class, r -> r.cid() == 2);
        assertThat(byFacilitator.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(byFacilitator.message()).isEqualTo("update: 'votes' is written by the server at the close of a vote");
        ed.send(msg(1, new Op.Update("c4", props(), List.of("votes"))));
        assertThat(ed.await(ServerMessage.Rejected.class, r -> r.cid() == 1).code()).isEqualTo(ErrorCode.FORBIDDEN);
        int c4 = room.read(d -> d.get("c4").props().path("votes").asInt(-1));
        boolean c1Voted = room.read(d -> d.get("c1").props().has("votes"));
        assertThat(c1Voted).isFalse();
        assertThat(c4).isEqualTo(5);
    }

    @Test
    void aVoteOnlyOpensOnLanes() {
        fac.send(new ClientMessage.Facilitate(new FacilitatorAction.VoteOpen(List.of("stage-use"), 3, true)));
        assertThat(refusal(fac).message()).isEqualTo("vote.open: 'stage-use' is not a lane");
        fac.send(new ClientMessage.Facilitate(new FacilitatorAction.VoteOpen(List.of("lane-pain"), 3, true)));
        assertThat(fac.await(ServerMessage.Session.class, s -> s.vote() != null).vote().lanes()).containsExactly("lane-pain");
    }
}
