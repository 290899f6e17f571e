package dev.journeyboard.server.room;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.msg;
import static dev.journeyboard.server.testing.Ops.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.Actor;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.Limits;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.FacilitatorAction;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.testing.InMemorySocket;
import dev.journeyboard.server.testing.RoomHarness;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sync core over in-memory sockets: one refusal path, the durable read, members that are gone. */
class RoomTest {
    @RegisterExtension
    final RoomHarness room = new RoomHarness();
    final InMemorySocket fac = room.join(Role.FACILITATOR, "主持人", "fac");
    final InMemorySocket ed = room.join(Role.EDITOR, "Editor", "ed");

    @Test
    void aRefusedEditIsRejectedWithItsCidAnythingElseGetsAnErrorAndBothAreCounted() {
        ed.send(msg(7, text("nope", "x")));
        var rejected = ed.await(ServerMessage.Rejected.class, r -> true);
        assertThat(rejected.cid()).isEqualTo(7);
        assertThat(rejected.code()).isEqualTo(ErrorCode.ELEMENT_NOT_FOUND);
        ed.send(new ClientMessage.Facilitate(new FacilitatorAction.LockBoard(true)));
        assertThat(ed.await(ServerMessage.Error.class, e -> true).code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(room.rejected(ErrorCode.ELEMENT_NOT_FOUND)).isEqualTo(1);
        assertThat(room.rejected(ErrorCode.FORBIDDEN)).isEqualTo(1);
    }

    @Test
    void theBoardLockComesFromTheSessionAndIsCheckedByTheDocument() {
        fac.send(new ClientMessage.Facilitate(new FacilitatorAction.LockBoard(true)));
        ed.await(ServerMessage.Session.class, s -> s.boardLocked());
        ed.send(msg(1, card("c1", "pain", "use", "while locked")));
        var r = ed.await(ServerMessage.Rejected.class, x -> true);
        assertThat(r.code()).isEqualTo(ErrorCode.LOCKED);
        assertThat(r.message()).contains("locked the board");
        fac.send(msg(1, card("c2", "pain", "use", "the facilitator still edits")));
        ed.await(ServerMessage.Applied.class, a -> a.cid() == 1 && a.client().equals("fac"));
        fac.send(new ClientMessage.Facilitate(new FacilitatorAction.LockBoard(false)));
        ed.await(ServerMessage.Session.class, s -> !s.boardLocked());
        ed.send(msg(2, card("c1", "pain", "use", "unlocked")));
        assertThat(ed.await(ServerMessage.Applied.class, a -> a.cid() == 2).ops()).hasSize(1);
    }

    @Test
    void readSeesTheDurableDocumentAsACopy() {
        ed.send(msg(1, card("c1", "pain", "use", "saved")));
        ed.await(ServerMessage.Applied.class, a -> a.cid() == 1);
        String text = room.read(d -> d.get("c1").props().get("text").textValue());
        assertThat(text).isEqualTo("saved");
        room.read(d -> d.apply(List.of(new Op.Delete("c1")), Actor.SERVER, Limits.DEFAULT));
        Element kept = room.read(d -> d.get("c1"));
        assertThat(kept).as("a reader's changes stay in its copy").isNotNull();
        var w = room.welcome(Role.VIEWER, "check", "check", null);
        assertThat(w.snapshot().elements()).anyMatch(e -> e.id().equals("c1"));
    }

    @Test
    void someoneRemovedIsClosedNotHeardAndKeptOut() {
        fac.send(new ClientMessage.Facilitate(new FacilitatorAction.Remove(ed.id())));
        var err = ed.await(ServerMessage.Error.class, e -> true);
        assertThat(err.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(fac.await(ServerMessage.Left.class, l -> true).id()).isEqualTo(ed.id());
        assertThat(ed.closeStatus()).isEqualTo(CloseReason.REMOVED.status());
        ed.send(msg(1, card("c1", "pain", "use", "sent after the removal")));
        fac.send(msg(1, card("c2", "pain", "use", "after")));
        fac.await(ServerMessage.Applied.class, a -> a.cid() == 1);
        Element late = room.read(d -> d.get("c1"));
        assertThat(late).as("a removed member's late message is not heard").isNull();
        assertThatThrownBy(() -> room.join(Role.EDITOR, "Editor", "ed")).as("the tab can't come back")
                .hasMessageContaining("removed you");
    }

    /** Issue 11: a client that applied more than the server has (the server lost ops) is told, never silently reset. */
    @Test
    void aClientAheadOfTheServerIsToldTheBoardWentBack() {
        ed.send(msg(1, card("c1", "pain", "use", "one")));
        long seq = ed.await(ServerMessage.Applied.class, a -> a.cid() == 1).seq();
        var w = room.welcome(Role.EDITOR, "Editor", "ed-2", seq + 40);
        assertThat(w.behind()).isEqualTo(new ServerMessage.Behind(seq + 40, seq));
        assertThat(w.snapshot()).as("the board as the server has it").isNotNull();
        assertThat(w.missed()).isNull();
        var normal = room.welcome(Role.EDITOR, "Editor", "ed-3", seq);
        assertThat(normal.behind()).isNull();
    }
}
