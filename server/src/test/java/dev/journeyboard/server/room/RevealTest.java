package dev.journeyboard.server.room;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.msg;
import static dev.journeyboard.server.testing.Ops.props;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.board.Actor;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.board.Limits;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.FacilitatorAction;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.testing.InMemorySocket;
import dev.journeyboard.server.testing.WorkshopRoom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reveal at the end of private writing applies for everyone: the creates each other participant receives come
 * in dependency order (a shape before what is inside it, both ends before a connector), so a client applying the
 * frames in order, as the spec says, ends with the server's board. Elements are made in an order that defeats any
 * accidental ordering: children before the shapes they are later moved into, connectors re-attached to newer cards.
 */
class RevealTest extends WorkshopRoom {
    private static Op shape(String id) {
        return new Op.Create(id, ElementType.SHAPE, null, "V", props().put("shape", "rect"));
    }

    private static Op sticky(String id) {
        return new Op.Create(id, ElementType.STICKY, null, "V", props().put("text", id));
    }

    private static Op connector(String id, String from, String to) {
        return new Op.Create(id, ElementType.CONNECTOR, null, "V", props().put("from", from).put("to", to));
    }

    private static Op moveInto(String id, String parent) {
        return new Op.Move(id, true, parent, "V");
    }

    private void send(InMemorySocket who, long cid, Op... ops) {
        who.send(msg(cid, ops));
        var answer = who.await(ServerMessage.class, m -> m instanceof ServerMessage.Applied a && a.cid() == cid
                && a.client().equals(who.member().client()) || m instanceof ServerMessage.Rejected r && r.cid() == cid);
        assertThat(answer).as("cid " + cid).isInstanceOf(ServerMessage.Applied.class);
    }

    @Test
    void everyoneElseCanApplyTheRevealInOrder() {
        send(fac, 1, card("public", "pain", "use", "everyone sees this"), sticky("pub-sticky"));
        fac.send(new ClientMessage.Facilitate(new FacilitatorAction.PrivateWriting(true)));
        viewer.await(ServerMessage.Session.class, s -> s.privateWriting());
        // Ana: a sticky, then the shape it goes into, then the shape that holds that shape (nested, made inside out)
        send(ana, 1, sticky("a-s9"), shape("a-f5"), shape("a-f1"), sticky("a-s0"));
        send(ana, 2, moveInto("a-s9", "a-f5"), moveInto("a-f5", "a-f1"), moveInto("a-s0", "a-f5"));
        // connectors: private to public, private to private, then re-attached to a card made after them
        send(ana, 3, connector("a-k2", "a-s9", "public"), connector("a-k3", "a-s0", "a-s9"), card("a-c7", "pain", "use", "Ana 1"));
        send(ana, 4, card("a-c8", "pain", "purchase", "Ana 2"), new Op.Update("a-k2", props().put("to", "a-c8"), List.of()),
                new Op.Update("a-k3", props().put("from", "a-c7"), List.of()));
        // Ben at the same time: his own nesting and a connector to a public item
        send(ben, 1, sticky("b-s1"), shape("b-f2"), connector("b-k1", "b-s1", "pub-sticky"));
        send(ben, 2, moveInto("b-s1", "b-f2"), shape("b-f0"));
        send(ben, 3, moveInto("b-f2", "b-f0"), connector("b-k4", "b-f0", "b-s1"));
        long beforeReveal = viewer.await(ServerMessage.Applied.class, a -> a.client().equals("ben") && a.cid() == 3).seq();
        var resumer = room.join(Role.VIEWER, "resumer", "resumer", null);
        var first = resumer.await(ServerMessage.Welcome.class, w -> true);
        resumer.disconnect();

        fac.send(new ClientMessage.Facilitate(new FacilitatorAction.PrivateWriting(false)));
        var reveal = viewer.await(ServerMessage.Applied.class, a -> !a.ops().isEmpty() && a.client().equals(Actor.SERVER.client()));
        assertThat(reveal.ops()).extracting(Op::id).containsExactlyInAnyOrder("a-s9", "a-f5", "a-f1", "a-s0", "a-k2", "a-k3",
                "a-c7", "a-c8", "b-s1", "b-f2", "b-k1", "b-f0", "b-k4");
        fac.await(ServerMessage.Applied.class, a -> a.seq() == reveal.seq());

        Document server = room.read(d -> d);
        for (var who : List.of(fac, viewer)) {
            assertThat(replay(who)).as("what " + who.member().participant().name() + " applied, in order").isEqualTo(server);
        }
        var late = room.welcome(Role.EDITOR, "late", "late", null);
        assertThat(Document.of(late.snapshot().elements())).as("a late joiner").isEqualTo(server);
        assertThat(first.seq()).isEqualTo(beforeReveal);
        var w = room.join(Role.VIEWER, "resumer", "resumer", first.seq()).await(ServerMessage.Welcome.class, x -> true);
        Document resumed;
        if (w.snapshot() != null) {
            resumed = Document.of(w.snapshot().elements());
        } else {
            resumed = Document.of(first.snapshot().elements());
            for (var a : w.missed()) resumed.apply(a.ops(), Actor.SERVER, Limits.UNLIMITED);
        }
        assertThat(resumed).as("a resumer").isEqualTo(server);
    }

    /** A client's board: its welcome's snapshot, then every applied in the order received (throws if one does not apply). */
    private static Document replay(InMemorySocket who) {
        Document doc = null;
        var all = new ArrayList<ServerMessage>();
        for (String frame : who.frames()) {
            var m = MessageCodec.decodeServer(frame);
            if (m instanceof ServerMessage.Batch b) all.addAll(b.messages());
            else all.add(m);
        }
        for (var m : all) {
            if (m instanceof ServerMessage.Welcome w) doc = Document.of(w.snapshot().elements());
            else if (m instanceof ServerMessage.Applied a) doc.apply(a.ops(), Actor.SERVER, Limits.UNLIMITED);
        }
        return doc;
    }
}
