package dev.journeyboard.server.net;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.server.room.Boards;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;

/**
 * {@code GET /api/boards/{id}/departments}: the board's list of departments (and the token's role), for any valid
 * token. A browser asks it
 * before it connects, so that the join dialog can offer them and the {@code hello} can name the chosen one. Read
 * through {@link Boards}, as of the board's last durable edit: from its room when this node serves the board, from
 * the store when another node does (so a non-serving node never takes or contests the board's lease for a read).
 */
final class DepartmentApi {
    private static final Comparator<Element> ORDER = Comparator.comparing(Element::index).thenComparing(Element::id);

    private final BoardAccess access;

    DepartmentApi(BoardAccess access) {
        this.access = access;
    }

    void handle(RoutingContext ctx) {
        access.authorise(ctx, (meta, role) -> {
            access.boards().read(meta.id(), DepartmentApi::list).onComplete(done -> {
                if (done.succeeded()) {
                    // the role too: a viewer's join dialog does not ask (a department lets nobody edit who can't)
                    Answers.json(ctx, 200, done.result().put("role", role.wire()));
                } else if (!Answers.boardUnreadable(ctx, done.cause())) {
                    Answers.error(ctx, 503, ErrorCode.BOARD_UNAVAILABLE, String.valueOf(done.cause().getMessage()));
                }
            });
        });
    }

    /** {@code {"departments":[{"id","labels"?,"title"?,"color"?}]}} in board order (departments are never private). */
    private static ObjectNode list(Document doc) {
        var depts = new ArrayList<Element>();
        for (Element e : doc.elements()) if (e.type() == ElementType.DEPARTMENT) depts.add(e);
        depts.sort(ORDER);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode arr = out.putArray("departments");
        for (Element d : depts) {
            ObjectNode o = arr.addObject().put("id", d.id());
            for (String f : new String[] {"labels", "title", "color"}) if (d.props().has(f)) o.set(f, d.props().get(f).deepCopy());
        }
        return out;
    }
}
