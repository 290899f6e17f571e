package dev.journeyboard.server.room;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.msg;
import static dev.journeyboard.server.testing.Ops.props;
import static dev.journeyboard.server.testing.Ops.text;
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
import dev.journeyboard.server.testing.WorkshopRoom;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Private writing over in-memory sockets: what someone writes while it is on never reaches anyone else's frames
 * (broadcasts, welcomes, resumes) until the facilitator reveals it.
 */
class PrivacyTest extends WorkshopRoom {
    @BeforeEach
    void privateWritingOn() {
        fac.send(msg(1, card("public", "pain", "use", "everyone sees this")));
        for (var s : everyone) s.await(ServerMessage.Applied.class, a -> a.cid() == 1);
        fac.send(new ClientMessage.Facilitate(new FacilitatorAction.PrivateWriting(true)));
        for (var s : everyone) s.await(ServerMessage.Session.class, x -> x.privateWriting());
    }

    /** Ana writes a card, a connector from it to a public card, then edits the card: all of it hers alone. */
    private long anaWritesInPrivate() {
        ana.send(msg(1, card("secret", "pain", "use", "私密想法"),
                new Op.Create("link", ElementType.CONNECTOR, null, "V", props().put("from", "secret").put("to", "public"))));
        var own = ana.await(ServerMessage.Applied.class, a -> a.cid() == 1);
        assertThat(own.ops()).as("the author sees the ops and the server's private marks")
                .extracting(Op::id).containsExactly("secret", "link", "secret", "link");
        ana.send(msg(2, text("secret", "私密想法 2")));
        return ana.await(ServerMessage.Applied.class, a -> a.cid() == 2).seq();
    }

    /** Nothing of Ana's private elements in any frame (an error only echoes an id the socket sent itself). */
    private static void neverSaw(InMemorySocket s) {
        assertThat(s.frames()).as("frames of " + s.id()).filteredOn(f -> !f.startsWith("{\"type\":\"error\""))
                .noneMatch(f -> f.contains("secret") || f.contains("私密") || f.contains("\"link\""));
    }

    @Test
    void othersGetTheSeqsButNotTheElements() {
        long last = anaWritesInPrivate();
        for (var s : List.of(fac, ben, viewer)) {
            var seen = s.await(ServerMessage.Applied.class, a -> a.seq() == last);
            assertThat(seen.ops()).as("seqs stay contiguous, the ops are left out").isEmpty();
        }
        ben.send(msg(1, card("bens", "pain", "aware", "Ben's own")));
        ben.await(ServerMessage.Applied.class, a -> a.cid() == 1);
        ana.await(ServerMessage.Applied.class, a -> a.client().equals("ben"));
        assertThat(ana.frames()).as("nor does Ana see Ben's").noneMatch(f -> f.contains("Ben's own"));
        for (var s : List.of(fac, ben, viewer)) neverSaw(s);
    }

    @Test
    void joinersAndResumersGetABoardWithoutThem() {
        anaWritesInPrivate();
        var late = room.welcome(Role.EDITOR, "late", "late", null);
        assertThat(late.snapshot().elements()).extracting(Element::id).doesNotContain("secret", "link").contains("public");
        var resumer = room.join(Role.VIEWER, "resumer", "resumer", 0L);
        var w = resumer.await(ServerMessage.Welcome.class, x -> true);
        assertThat(w.missed()).as("a resume across private edits is a filtered snapshot, not the missed ops").isNull();
        assertThat(w.snapshot().elements()).extracting(Element::id).doesNotContain("secret", "link");
        neverSaw(resumer);
        var again = room.welcome(Role.EDITOR, "Ana", "ana", null);
        assertThat(again.snapshot().elements()).as("the author's own welcome has them").extracting(Element::id).contains("secret", "link");
    }

    @Test
    void othersCannotWriteWhatTheyCannotSee() {
        anaWritesInPrivate();
        var blind = List.of(text("secret", "Ben's blind write"), new Op.Move("secret", false, null, "z"), new Op.Delete("secret"),
                new Op.Create("ben-link", ElementType.CONNECTOR, null, "W", props().put("from", "public").put("to", "secret")));
        for (int i = 0; i < blind.size(); i++) {
            long cid = i + 1;
            ben.send(msg(cid, blind.get(i)));
            var r = ben.await(ServerMessage.Rejected.class, x -> x.cid() == cid);
            assertThat(r.code()).as("%s", blind.get(i)).isEqualTo(ErrorCode.ELEMENT_NOT_FOUND);
        }
        fac.send(msg(2, text("secret", "the facilitator's blind write")));
        var toFac = fac.await(ServerMessage.Rejected.class, x -> x.cid() == 2);
        assertThat(toFac.message()).as("exactly as for an id that never existed").isEqualTo("update: no element 'secret'");
        fac.send(msg(3, text("never-was", "x")));
        assertThat(fac.await(ServerMessage.Rejected.class, x -> x.cid() == 3).message()).isEqualTo("update: no element 'never-was'");
        String secret = room.read(d -> d.get("secret").props().get("text").textValue());
        assertThat(secret).isEqualTo("私密想法 2");
        neverSaw(viewer);
    }

    @Test
    void othersCannotVoteOnWhatTheyCannotSee() {
        fac.send(new ClientMessage.Facilitate(new FacilitatorAction.VoteOpen(List.of("lane-pain"), 3, true)));
        anaWritesInPrivate();
        ben.send(new ClientMessage.Vote("secret", 1));
        var err = ben.await(ServerMessage.Error.class, e -> true);
        assertThat(err.code()).isEqualTo(ErrorCode.ELEMENT_NOT_FOUND);
        assertThat(err.message()).as("just as for a card that does not exist").isEqualTo("vote: no card 'secret'");
        ana.send(new ClientMessage.Vote("secret", 1));
        assertThat(ana.await(ServerMessage.Votes.class, v -> !v.mine().isEmpty()).mine()).containsEntry("secret", 1);
        for (var s : List.of(fac, ben, viewer)) neverSaw(s);
    }

    @Test
    void theRevealShowsEveryoneTheElementsAsTheyAreNow() {
        anaWritesInPrivate();
        fac.send(new ClientMessage.Facilitate(new FacilitatorAction.PrivateWriting(false)));
        var revealed = ben.await(ServerMessage.Applied.class, a -> !a.ops().isEmpty());
        assertThat(revealed.ops()).allSatisfy(op -> assertThat(op).isInstanceOf(Op.Create.class));
        var secret = revealed.ops().stream().filter(op -> op.id().equals("secret")).map(Op.Create.class::cast).findFirst().orElseThrow();
        assertThat(secret.props().get("text").textValue()).isEqualTo("私密想法 2");
        assertThat(secret.props().has("private")).isFalse();
        assertThat(revealed.ops()).extracting(Op::id).containsExactlyInAnyOrder("secret", "link");
        var toAna = ana.await(ServerMessage.Applied.class, a -> a.seq() == revealed.seq());
        assertThat(toAna.ops()).as("the author just sees the mark go").allSatisfy(op -> assertThat(op).isInstanceOf(Op.Update.class));
        boolean stillPrivate = room.read(d -> d.get("secret").props().has("private"));
        assertThat(stillPrivate).isFalse();
        var late = room.welcome(Role.VIEWER, "late", "late2", null);
        assertThat(late.snapshot().elements()).extracting(Element::id).contains("secret", "link");
    }

    @Test
    void aSelectionOfPrivateElementsReachesNobodyElse() {
        anaWritesInPrivate();
        var sel = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        sel.putArray("selection").add("secret").add("public").add("link");
        ana.send(new ClientMessage.Presence(sel));
        var toBen = ben.await(ServerMessage.Presence.class, p -> p.peers().stream().anyMatch(x -> x.has("selection")));
        assertThat(toBen.peers().getFirst().get("selection").toString()).isEqualTo("[\"public\"]");
        // nobody is sent their own presence; another's selection of Ana's private card reaches Ana with its id
        var benSel = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        benSel.putArray("selection").add("secret").add("public");
        ben.send(new ClientMessage.Presence(benSel));
        var toAna = ana.await(ServerMessage.Presence.class, p -> p.peers().stream().anyMatch(x -> x.has("selection")));
        assertThat(toAna.peers()).as("Ana gets Ben's selection, not her own").singleElement()
                .satisfies(x -> assertThat(x.get("id").textValue()).isEqualTo(ben.id()))
                .satisfies(x -> assertThat(x.get("selection").toString()).isEqualTo("[\"secret\",\"public\"]"));
        fac.await(ServerMessage.Presence.class, p -> p.peers().stream().anyMatch(x -> x.get("id").textValue().equals(ben.id())
                && x.get("selection").toString().equals("[\"public\"]")));
        var late = room.join(Role.VIEWER, "late", "late-p", null);
        late.await(ServerMessage.Presence.class, p -> true);
        for (var s : List.of(fac, ben, viewer, late)) neverSaw(s);
    }

    @Test
    void aVoteResultRanksAPrivateCardForItsAuthorOnly() {
        fac.send(new ClientMessage.Facilitate(new FacilitatorAction.VoteOpen(List.of("lane-pain"), 3, true)));
        anaWritesInPrivate();
        ana.send(new ClientMessage.Vote("secret", 1));
        ana.await(ServerMessage.Votes.class, v -> !v.mine().isEmpty());
        ben.send(new ClientMessage.Vote("public", 1));
        ben.await(ServerMessage.Votes.class, v -> !v.mine().isEmpty());
        fac.send(new ClientMessage.Facilitate(new FacilitatorAction.VoteClose()));
        assertThat(ana.await(ServerMessage.VoteResult.class, r -> true).ranked()).extracting(ServerMessage.Ranked::card)
                .containsExactlyInAnyOrder("secret", "public");
        for (var s : List.of(fac, ben, viewer)) {
            assertThat(s.await(ServerMessage.VoteResult.class, r -> true).ranked()).extracting(ServerMessage.Ranked::card)
                    .containsExactly("public");
            neverSaw(s);
        }
    }
}
