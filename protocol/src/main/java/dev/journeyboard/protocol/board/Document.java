package dev.journeyboard.protocol.board;

import static dev.journeyboard.protocol.ErrorCode.CYCLE;
import static dev.journeyboard.protocol.ErrorCode.ELEMENT_EXISTS;
import static dev.journeyboard.protocol.ErrorCode.ELEMENT_NOT_FOUND;
import static dev.journeyboard.protocol.ErrorCode.FORBIDDEN;
import static dev.journeyboard.protocol.ErrorCode.LOCKED;
import static dev.journeyboard.protocol.ErrorCode.TOO_LARGE;
import static dev.journeyboard.protocol.board.PropertyRules.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.op.Op;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A board's elements and the one place where op semantics and every invariant are enforced: the server,
 * the load generator and tests all apply ops through here. Not thread-safe: a document belongs to one room
 * (or one client) and is touched from one thread.
 */
public final class Document {
    private final Map<String, Element> elements = new HashMap<>();
    /** referenced id -> ids of the elements that reference it (as parent, stage, from or to) */
    private final Map<String, Set<String>> dependents = new HashMap<>();

    public Document() {}

    /** A document holding {@code elements} as they are (a snapshot that was valid when it was taken). */
    public static Document of(Collection<Element> elements) {
        var doc = new Document();
        for (Element e : elements) doc.put(e.id(), e);
        return doc;
    }

    public Element get(String id) {
        return elements.get(id);
    }

    public int size() {
        return elements.size();
    }

    public Collection<Element> elements() {
        return Collections.unmodifiableCollection(elements.values());
    }

    public Document copy() {
        return of(elements.values());
    }

    /** What one successful {@link #apply} changed: enough to take it back. */
    public static final class Change {
        private final List<String> ids = new ArrayList<>();
        private final List<Element> previous = new ArrayList<>();

        private void record(String id, Element before) {
            ids.add(id);
            previous.add(before);
        }
    }

    /**
     * Applies {@code ops} in order, all or nothing. Checks, in this order: may the actor's role edit at all
     * (FORBIDDEN), is the board locked to them (LOCKED, before any op is looked at), the message's weight
     * (TOO_LARGE), then each op, element, lane and stage locks included.
     *
     * @throws ProtocolException with the rejection code; the document is then unchanged
     */
    public Change apply(List<Op> ops, Actor actor, Limits limits) {
        Role role = actor.role();
        if (!role.mayEdit()) throw new ProtocolException(FORBIDDEN, "a " + role.wire() + " may not edit this board");
        if (actor.boardLocked() && role != Role.FACILITATOR) {
            throw new ProtocolException(LOCKED, "the facilitator has locked the board; your edit was not applied");
        }
        int weight = 0;
        for (Op op : ops) weight += op.weight();
        if (weight > limits.maxOpsPerMessage()) {
            throw new ProtocolException(TOO_LARGE, weight + " ops in one message; the limit is " + limits.maxOpsPerMessage());
        }
        var change = new Change();
        try {
            for (Op op : ops) applyOne(op, role, limits, change);
        } catch (RuntimeException e) {
            revert(change);
            throw e;
        }
        return change;
    }

    /**
     * Takes back a change; several changes must be reverted newest first. Also works on a {@link #copy()}
     * of the document the change was made to (how a room computes its last durable state).
     */
    public void revert(Change change) {
        for (int i = change.ids.size() - 1; i >= 0; i--) put(change.ids.get(i), change.previous.get(i));
    }

    private void applyOne(Op op, Role role, Limits limits, Change change) {
        switch (op) {
            case Op.Create c -> create(c, role, limits, change);
            case Op.Update u -> update(u, role, limits, change);
            case Op.Delete d -> delete(d, role, change);
            case Op.Move m -> move(m, role, change);
            case Op.Batch b -> {
                for (Op inner : b.ops()) applyOne(inner, role, limits, change);
            }
        }
    }

    private void create(Op.Create c, Role role, Limits limits, Change change) {
        if (!PropertyRules.ID.matcher(c.id()).matches()) throw invalid("create: bad element id '" + c.id() + "'");
        if (elements.containsKey(c.id())) throw new ProtocolException(ELEMENT_EXISTS, "create: element '" + c.id() + "' exists");
        checkStructureRole(c.type(), role, "create");
        checkIndex(c.index(), "create");
        if (elements.size() >= limits.maxElements()) {
            throw new ProtocolException(TOO_LARGE, "the board holds its limit of " + limits.maxElements() + " elements");
        }
        var it = c.props().fields();
        while (it.hasNext()) {
            var f = it.next();
            checkProp(c.type(), f.getKey(), f.getValue(), limits, "create", role);
        }
        checkRequiredProps(c.type(), c.props(), "create");
        checkParent(c.type(), c.parent(), "create");
        if (role != Role.FACILITATOR) {
            checkNotLocked(c.parent(), "create");
            checkNotLocked(c.props().path("stage").textValue(), "create");
        }
        Element e = new Element(c.id(), c.type(), c.parent(), c.index(), c.props().deepCopy());
        change.record(e.id(), null);
        put(e.id(), e);
    }

    private void update(Op.Update u, Role role, Limits limits, Change change) {
        Element e = existing(u.id(), "update");
        checkStructureRole(e.type(), role, "update");
        checkUnlocked(e, role, "update");
        if (role != Role.FACILITATOR && u.set().has("stage")) checkNotLocked(u.set().get("stage").textValue(), "update");
        for (String name : u.unset()) checkFacilitatorOnly(name, role, "update");
        ObjectNode props = e.props().deepCopy();
        var it = u.set().fields();
        while (it.hasNext()) {
            var f = it.next();
            if (u.unset().contains(f.getKey())) throw invalid("update: '" + f.getKey() + "' is both set and unset");
            checkProp(e.type(), f.getKey(), f.getValue(), limits, "update", role);
            props.set(f.getKey(), f.getValue().deepCopy());
        }
        for (String name : u.unset()) {
            PropertyRules.checkKnown(e.type(), name);
            props.remove(name);
        }
        checkRequiredProps(e.type(), props, "update");
        change.record(e.id(), e);
        put(e.id(), new Element(e.id(), e.type(), e.parent(), e.index(), props));
    }

    private void delete(Op.Delete d, Role role, Change change) {
        Element root = existing(d.id(), "delete");
        checkStructureRole(root.type(), role, "delete");
        checkUnlocked(root, role, "delete");
        // everything that depends on the element goes with it: children, a stage's cards, attached connectors
        var doomed = new LinkedHashSet<String>();
        var queue = new ArrayDeque<String>();
        queue.add(root.id());
        while (!queue.isEmpty()) {
            String id = queue.poll();
            if (!doomed.add(id)) continue;
            queue.addAll(dependents.getOrDefault(id, Set.of()));
        }
        for (String id : doomed) {
            change.record(id, elements.get(id));
            put(id, null);
        }
    }

    private void move(Op.Move m, Role role, Change change) {
        Element e = existing(m.id(), "move");
        checkStructureRole(e.type(), role, "move");
        checkUnlocked(e, role, "move");
        if (role != Role.FACILITATOR && m.reparent()) checkNotLocked(m.parent(), "move");
        checkIndex(m.index(), "move");
        String parent = m.reparent() ? m.parent() : e.parent();
        if (m.reparent()) {
            for (String p = parent; p != null; p = elements.containsKey(p) ? elements.get(p).parent() : null) {
                if (p.equals(e.id())) throw new ProtocolException(CYCLE, "move: '" + e.id() + "' would be inside itself");
            }
            checkParent(e.type(), parent, "move");
        }
        change.record(e.id(), e);
        put(e.id(), new Element(e.id(), e.type(), parent, m.index(), e.props()));
    }

    private Element existing(String id, String opName) {
        Element e = elements.get(id);
        if (e == null) throw new ProtocolException(ELEMENT_NOT_FOUND, opName + ": no element '" + id + "'");
        return e;
    }

    private static void checkStructureRole(ElementType type, Role role, String opName) {
        if (type.isStructure() && !role.mayChangeStructure()) {
            throw new ProtocolException(FORBIDDEN, opName + ": only a facilitator may change " + type.wire() + "s");
        }
    }

    private static void checkFacilitatorOnly(String prop, Role role, String opName) {
        if (role != Role.FACILITATOR && PropertyRules.FACILITATOR_ONLY.contains(prop)) {
            throw new ProtocolException(FORBIDDEN, opName + ": only a facilitator may change '" + prop + "'");
        }
    }

    /** Locked: the element itself, or the lane or stage it sits in. Facilitators are not bound by locks. */
    private void checkUnlocked(Element e, Role role, String opName) {
        if (role == Role.FACILITATOR) return;
        checkNotLocked(e.id(), opName);
        checkNotLocked(e.parent(), opName);
        checkNotLocked(e.stage(), opName);
    }

    private void checkNotLocked(String id, String opName) {
        Element e = id == null ? null : elements.get(id);
        if (e != null && e.props().path("locked").asBoolean(false)) {
            throw new ProtocolException(LOCKED, opName + ": '" + id + "' is locked by the facilitator");
        }
    }

    private static void checkIndex(String index, String opName) {
        if (!FractionalIndex.isValid(index)) throw invalid(opName + ": bad fractional index '" + index + "'");
    }

    private void checkProp(ElementType type, String name, JsonNode value, Limits limits, String opName, Role role) {
        PropertyRules.check(type, name, value, limits);
        checkFacilitatorOnly(name, role, opName);
        if (PropertyRules.REFERENCES.contains(name)) {
            Element target = elements.get(value.textValue());
            if (target == null) {
                throw new ProtocolException(ELEMENT_NOT_FOUND, opName + ": " + name + " '" + value.textValue() + "' does not exist");
            }
            boolean fits = name.equals("stage") ? target.type() == ElementType.STAGE : target.type() != ElementType.CONNECTOR;
            if (!fits) throw invalid(opName + ": " + name + " cannot be a " + target.type().wire());
        }
    }

    private static void checkRequiredProps(ElementType type, ObjectNode props, String opName) {
        switch (type) {
            case CARD -> {
                if (!props.has("stage")) throw invalid(opName + ": a card needs a stage");
            }
            case CONNECTOR -> {
                if (!props.has("from") || !props.has("to")) throw invalid(opName + ": a connector needs from and to");
            }
            case LANE -> {
                if (!props.has("kind")) throw invalid(opName + ": a lane needs a kind");
            }
            default -> {}
        }
    }

    /** Where an element of each type may live in the tree. */
    private void checkParent(ElementType type, String parentId, String opName) {
        if (parentId == null) {
            if (type == ElementType.CARD) throw invalid(opName + ": a card belongs in a lane");
            return;
        }
        Element parent = elements.get(parentId);
        if (parent == null) throw new ProtocolException(ELEMENT_NOT_FOUND, opName + ": no parent '" + parentId + "'");
        boolean fits = switch (type) {
            case STAGE, LANE -> false;
            case CARD -> parent.type() == ElementType.LANE;
            case STICKY, TEXT, SHAPE, CONNECTOR, INK -> parent.type() == ElementType.SHAPE;
        };
        if (!fits) throw invalid(opName + ": a " + type.wire() + " cannot be inside a " + parent.type().wire());
    }

    /** The one mutation point: keeps the dependents index in step with the element map. */
    private void put(String id, Element next) {
        Element prev = next == null ? elements.remove(id) : elements.put(id, next);
        if (prev != null) {
            for (String ref : references(prev)) {
                Set<String> deps = dependents.get(ref);
                if (deps != null && deps.remove(id) && deps.isEmpty()) dependents.remove(ref);
            }
        }
        if (next != null) {
            for (String ref : references(next)) dependents.computeIfAbsent(ref, k -> new HashSet<>()).add(id);
        }
    }

    private static List<String> references(Element e) {
        var refs = new ArrayList<String>(3);
        if (e.parent() != null) refs.add(e.parent());
        for (String name : PropertyRules.REFERENCES) {
            String ref = e.text(name);
            if (ref != null) refs.add(ref);
        }
        return refs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Document d && d.elements.equals(elements);
    }

    @Override
    public int hashCode() {
        return elements.hashCode();
    }

    @Override
    public String toString() {
        return "Document" + elements.values();
    }
}
