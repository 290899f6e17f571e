package dev.journeyboard.protocol.board;

import static dev.journeyboard.protocol.ErrorCode.FORBIDDEN;
import static dev.journeyboard.protocol.ErrorCode.LOCKED;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.function.Function;

/**
 * Who may write what, for {@link Document}: structure elements and facilitator-only properties (FORBIDDEN),
 * server-only properties (FORBIDDEN for every client), element, lane and stage locks (LOCKED) and department
 * scopes of lanes and stages (FORBIDDEN). Facilitators are bound by no lock or scope; the server by nothing.
 */
final class EditRules {
    private final Function<String, Element> elements;

    /** @param elements every element by id, private ones included (locks and scopes are never private) */
    EditRules(Function<String, Element> elements) {
        this.elements = elements;
    }

    static void checkStructureRole(ElementType type, Actor actor, String opName) {
        if (type.isStructure() && !actor.isFacilitator()) {
            throw new ProtocolException(FORBIDDEN, opName + ": only a facilitator may change " + type.wire() + "s");
        }
    }

    /** Setting or unsetting {@code prop}: server-only properties are the server's, facilitator-only ones facilitators'. */
    static void checkMayWrite(String prop, Actor actor, String opName) {
        String why = PropertyTable.SERVER_ONLY.get(prop);
        if (why != null && !actor.server()) throw new ProtocolException(FORBIDDEN, opName + ": '" + prop + "' " + why);
        if (!actor.isFacilitator() && PropertyTable.FACILITATOR_ONLY.contains(prop)) {
            throw new ProtocolException(FORBIDDEN, opName + ": only a facilitator may change '" + prop + "'");
        }
    }

    /** Locked: the element itself, or the lane or stage it sits in. */
    void checkUnlocked(Element e, Actor actor, String opName) {
        if (actor.isFacilitator()) return;
        checkNotLocked(e.id(), actor, opName);
        checkNotLocked(e.parent(), actor, opName);
        checkNotLocked(e.stage(), actor, opName);
    }

    /** A place an element goes to (a lane, a stage, a frame) must not be locked either. */
    void checkNotLocked(String id, Actor actor, String opName) {
        if (actor.isFacilitator()) return;
        Element e = id == null ? null : elements.apply(id);
        if (e != null && e.props().path("locked").asBoolean(false)) {
            throw new ProtocolException(LOCKED, opName + ": '" + id + "' is locked by the facilitator");
        }
    }

    /**
     * A card's lane or stage that has a {@code scope} admits only the departments it lists: a non-facilitator
     * whose department is not among them may not create, change, move or delete cards there.
     */
    void checkInScope(String laneOrStage, Actor actor, String opName) {
        if (actor.isFacilitator() || laneOrStage == null) return;
        Element where = elements.apply(laneOrStage);
        JsonNode scope = where == null ? null : where.props().get("scope");
        if (scope == null || !scope.isArray()) return;
        for (JsonNode d : scope) {
            if (d.textValue() != null && d.textValue().equals(actor.department())) return;
        }
        var names = new ArrayList<String>();
        for (JsonNode d : scope) {
            Element dept = d.textValue() == null ? null : elements.apply(d.textValue());
            if (dept != null && dept.type() == ElementType.DEPARTMENT) names.add(name(dept));
        }
        throw new ProtocolException(FORBIDDEN, opName + ": the " + where.type().wire() + " '" + name(where) + "' is open to "
                + (names.isEmpty() ? "facilitators" : String.join(", ", names)) + " only");
    }

    /** How messages name a stage, lane or department: its title, else its Chinese label, else its English one, else its id. */
    static String name(Element e) {
        String title = e.text("title");
        if (title != null && !title.isEmpty()) return title;
        JsonNode labels = e.props().path("labels");
        for (String lang : new String[] {"zh", "en"}) {
            String label = labels.path(lang).textValue();
            if (label != null && !label.isEmpty()) return label;
        }
        return e.id();
    }
}
