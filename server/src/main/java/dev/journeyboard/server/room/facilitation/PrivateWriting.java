package dev.journeyboard.server.room.facilitation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.room.Member;
import dev.journeyboard.server.room.Privacy;
import dev.journeyboard.server.room.RoomActions;
import java.util.ArrayList;
import java.util.List;

/**
 * Private writing: while it is on, what anyone creates is marked {@code private: <their client>} in the same
 * edit, and the room shows such elements to their author only ({@link Privacy}). Turning it off reveals every
 * private element at once, in one edit. Room context only.
 */
final class PrivateWriting {
    private final RoomActions room;
    private boolean on;

    PrivateWriting(RoomActions room) {
        this.room = room;
    }

    boolean on() {
        return on;
    }

    /** Takes back the saved setting: the private elements themselves are in the document. */
    void restore(boolean on) {
        this.on = on;
    }

    void turn(Member facilitator, boolean on) {
        this.on = on;
        if (!on) reveal(facilitator);
    }

    /**
     * The marks for what an accepted edit created (stages, lanes and departments stay public, and so do comments:
     * they are only ever made on public items), while private writing is on.
     */
    List<Op> marks(Member author, List<Op> ops) {
        if (!on) return List.of();
        var marks = new ArrayList<Op>();
        for (var op : Privacy.flatten(ops)) {
            if (op instanceof Op.Create c && !c.type().isStructure() && !c.type().isAnnotation() && room.element(c.id()) != null) {
                marks.add(new Op.Update(c.id(), JsonNodeFactory.instance.objectNode().put("private", author.client()), List.of()));
            }
        }
        return marks;
    }

    /**
     * Everyone's private elements become public, in one edit. Others receive it as creates, one per element in
     * the order of these ops ({@link Privacy#views}), so the ops go in dependency order: a shape before what is
     * inside it, both ends before a connector, whoever wrote them.
     */
    private void reveal(Member facilitator) {
        var hidden = new ArrayList<Element>();
        for (Element e : room.elements()) if (Privacy.owner(e) != null) hidden.add(e);
        var ops = new ArrayList<Op>();
        for (Element e : Privacy.inDependencyOrder(hidden)) {
            ops.add(new Op.Update(e.id(), JsonNodeFactory.instance.objectNode(), List.of("private")));
        }
        if (!ops.isEmpty()) room.edit(facilitator, ops, null);
    }
}
