package dev.journeyboard.server.history;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.board.Tokens;
import dev.journeyboard.server.room.Member;
import dev.journeyboard.server.room.RoomActions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Named versions of a board: a facilitator's {@code version.save} becomes a {@code version} element the server
 * creates (name, the seq of the document it names, when, who), so versions are saved, synced and deleted with the
 * board like any element, and a restore (which leaves annotations alone) never removes one.
 */
public final class Versions {
    private Versions() {}

    /** One named version as the versions list shows it. */
    public record Version(String id, String name, long seq, long at, String author) {}

    /** Names the board as it is now, on the facilitator's behalf. */
    public static void save(RoomActions room, Member by, String name) {
        ObjectNode props = JsonNodeFactory.instance.objectNode().put("name", name).put("seq", room.seq())
                .put("at", System.currentTimeMillis()).put("author", by.participant().name());
        // versions are ordered by seq, not by index: one index for all, ties by (random) id
        room.edit(by, List.of(new Op.Create("v" + Tokens.newBoardId(), ElementType.VERSION, null, "V", props)), null);
    }

    /** The versions among a document's elements, oldest first. */
    public static List<Version> of(Collection<Element> elements) {
        var out = new ArrayList<Version>();
        for (Element e : elements) {
            if (e.type() != ElementType.VERSION) continue;
            var p = e.props();
            out.add(new Version(e.id(), p.path("name").asText(""), p.path("seq").asLong(0), p.path("at").asLong(0),
                    p.path("author").textValue()));
        }
        out.sort(Comparator.comparingLong(Version::seq).thenComparing(Version::id));
        return out;
    }
}
