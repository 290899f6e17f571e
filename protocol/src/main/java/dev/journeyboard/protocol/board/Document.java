package dev.journeyboard.protocol.board;

import static dev.journeyboard.protocol.ErrorCode.CYCLE;
import static dev.journeyboard.protocol.ErrorCode.ELEMENT_EXISTS;
import static dev.journeyboard.protocol.ErrorCode.ELEMENT_NOT_FOUND;
import static dev.journeyboard.protocol.ErrorCode.FORBIDDEN;
import static dev.journeyboard.protocol.ErrorCode.LOCKED;
import static dev.journeyboard.protocol.ErrorCode.TOO_LARGE;
import static dev.journeyboard.protocol.board.EditRules.checkMayWrite;
import static dev.journeyboard.protocol.board.EditRules.checkStructureRole;
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
import java.util.Objects;
import java.util.Set;

/**
 * A board's elements and the one place where op semantics and every invariant are enforced: the server,
 * the load generator and tests all apply ops through here. Not thread-safe: a document belongs to one room
 * (or one client) and is touched from one thread.
 */
public final class Document {
    private final Map<String, Element> elements = new HashMap<>();
    /** referenced id -> ids of the elements that depend on it (as parent, stage, from or to) */
    private final Map<String, Set<String>> dependents = new HashMap<>();
    /** ext key -> id of the card carrying it: {@code ext} is unique among a board's cards */
    private final Map<String, String> cardsByExt = new HashMap<>();
    private final EditRules rules = new EditRules(elements::get);
    private final References references = new References(this::visible, elements::get);
    private final CommentRules comments = new CommentRules(elements::get);

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

    /** The card whose {@code ext} is {@code ext} (how integrations address cards), or null. */
    public Element cardByExt(String ext) {
        String id = cardsByExt.get(ext);
        return id == null ? null : elements.get(id);
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
     * (FORBIDDEN; commenters, and viewers the facilitator lets comment, may send comment ops only), is the board
     * locked to them (LOCKED, before any op is looked at), the message's weight (TOO_LARGE), then each op:
     * visibility, role, locks, scopes, properties, references.
     *
     * @throws ProtocolException with the rejection code; the document is then unchanged
     */
    public Change apply(List<Op> ops, Actor actor, Limits limits) {
        comments.checkRole(ops, actor);
        if (actor.boardLocked() && !actor.isFacilitator()) {
            throw new ProtocolException(LOCKED, "the facilitator has locked the board; your edit was not applied");
        }
        int weight = 0;
        for (Op op : ops) weight += op.weight();
        if (weight > limits.maxOpsPerMessage()) {
            throw new ProtocolException(TOO_LARGE, weight + " ops in one message; the limit is " + limits.maxOpsPerMessage());
        }
        var change = new Change();
        try {
            for (Op op : ops) applyOne(op, actor, limits, change);
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

    /** The element as the actor sees it: another client's private element is, to them, an id that does not exist. */
    Element visible(String id, Actor actor) {
        Element e = id == null ? null : elements.get(id);
        return actor.sees(e) ? e : null;
    }

    private void applyOne(Op op, Actor actor, Limits limits, Change change) {
        switch (op) {
            case Op.Create c -> create(c, actor, limits, change);
            case Op.Update u -> update(u, actor, limits, change);
            case Op.Delete d -> delete(d, actor, change);
            case Op.Move m -> move(m, actor, change);
            case Op.Batch b -> {
                for (Op inner : b.ops()) applyOne(inner, actor, limits, change);
            }
        }
    }

    private void create(Op.Create c, Actor actor, Limits limits, Change change) {
        if (!PropertyRules.ID.matcher(c.id()).matches()) throw invalid("create: bad element id '" + c.id() + "'");
        // a private element's id is taken too; ids are random, so this tells nothing about it
        if (elements.containsKey(c.id())) throw new ProtocolException(ELEMENT_EXISTS, "create: element '" + c.id() + "' exists");
        CommentRules.checkMayCreate(c.type(), actor);
        checkStructureRole(c.type(), actor, "create");
        checkIndex(c.index(), "create");
        if (elements.size() >= limits.maxElements()) {
            throw new ProtocolException(TOO_LARGE, "the board holds its limit of " + limits.maxElements() + " elements");
        }
        var it = c.props().fields();
        while (it.hasNext()) {
            var f = it.next();
            checkProp(c.id(), c.type(), f.getKey(), f.getValue(), limits, "create", actor);
        }
        checkRequiredProps(c.type(), c.props(), "create");
        checkParent(c.type(), c.parent(), "create", actor);
        if (c.type().isAnnotation()) {
            // a comment is not an edit of its item: no lock or scope of the item applies
            comments.created(c, c.parent() == null ? null : elements.get(c.parent()), actor);
            Element e = new Element(c.id(), c.type(), c.parent(), c.index(), c.props().deepCopy());
            change.record(e.id(), null);
            put(e.id(), e);
            return;
        }
        rules.checkNotLocked(c.parent(), actor, "create");
        if (c.type() == ElementType.CARD) {
            String stage = c.props().path("stage").textValue();
            rules.checkNotLocked(stage, actor, "create");
            rules.checkInScope(c.parent(), actor, "create");
            rules.checkInScope(stage, actor, "create");
        }
        Element e = new Element(c.id(), c.type(), c.parent(), c.index(), c.props().deepCopy());
        change.record(e.id(), null);
        put(e.id(), e);
    }

    private void update(Op.Update u, Actor actor, Limits limits, Change change) {
        Element e = existing(u.id(), "update", actor);
        checkMapRole(e, actor, "update");
        checkStructureRole(e.type(), actor, "update");
        if (e.type().isAnnotation()) comments.checkUpdate(e, u, actor);
        else rules.checkUnlocked(e, actor, "update");
        String newStage = e.type() == ElementType.CARD && u.set().has("stage") ? u.set().get("stage").textValue() : null;
        rules.checkNotLocked(newStage, actor, "update");
        checkCardInScope(e, actor, "update");
        rules.checkInScope(newStage, actor, "update");
        for (String name : u.unset()) checkMayWrite(name, actor, "update");
        // a compact copy of the top level (what is set is deep-copied below; what stays is shared, as a move shares
        // all of it), so that put() need not copy it once more
        ObjectNode props = ElementProps.compact(e.props());
        var it = u.set().fields();
        while (it.hasNext()) {
            var f = it.next();
            if (u.unset().contains(f.getKey())) throw invalid("update: '" + f.getKey() + "' is both set and unset");
            checkProp(e.id(), e.type(), f.getKey(), f.getValue(), limits, "update", actor);
            props.set(f.getKey(), f.getValue().deepCopy());
        }
        for (String name : u.unset()) {
            PropertyTable.rule(e.type(), name);
            props.remove(name);
        }
        checkRequiredProps(e.type(), props, "update");
        change.record(e.id(), e);
        put(e.id(), new Element(e.id(), e.type(), e.parent(), e.index(), props));
    }

    private void delete(Op.Delete d, Actor actor, Change change) {
        Element root = existing(d.id(), "delete", actor);
        checkMapRole(root, actor, "delete");
        checkStructureRole(root.type(), actor, "delete");
        if (root.type().isAnnotation()) {
            comments.checkDelete(root, actor);
        } else {
            rules.checkUnlocked(root, actor, "delete");
            checkCardInScope(root, actor, "delete");
        }
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

    private void move(Op.Move m, Actor actor, Change change) {
        Element e = existing(m.id(), "move", actor);
        checkMapRole(e, actor, "move");
        if (e.type().isAnnotation()) CommentRules.checkMove(e);
        checkStructureRole(e.type(), actor, "move");
        rules.checkUnlocked(e, actor, "move");
        if (m.reparent()) rules.checkNotLocked(m.parent(), actor, "move");
        checkCardInScope(e, actor, "move");
        if (m.reparent() && e.type() == ElementType.CARD) rules.checkInScope(m.parent(), actor, "move");
        checkIndex(m.index(), "move");
        String parent = m.reparent() ? m.parent() : e.parent();
        if (m.reparent()) {
            for (String p = parent; p != null; p = elements.containsKey(p) ? elements.get(p).parent() : null) {
                if (p.equals(e.id())) throw new ProtocolException(CYCLE, "move: '" + e.id() + "' would be inside itself");
            }
            checkParent(e.type(), parent, "move", actor);
        }
        change.record(e.id(), e);
        put(e.id(), new Element(e.id(), e.type(), parent, m.index(), e.props()));
    }

    private Element existing(String id, String opName, Actor actor) {
        Element e = visible(id, actor);
        if (e == null) throw new ProtocolException(ELEMENT_NOT_FOUND, opName + ": no element '" + id + "'");
        return e;
    }

    /** Only facilitators and editors touch the map; commenters (and commenting viewers) only comments. */
    private static void checkMapRole(Element e, Actor actor, String opName) {
        if (!e.type().isAnnotation() && !actor.server() && !actor.role().mayEdit()) {
            throw new ProtocolException(FORBIDDEN, "a " + actor.role().wire() + " may not edit this board");
        }
    }

    /** A card may be edited only where both its lane's and its stage's scopes admit the actor. */
    private void checkCardInScope(Element e, Actor actor, String opName) {
        if (e.type() != ElementType.CARD) return;
        rules.checkInScope(e.parent(), actor, opName);
        rules.checkInScope(e.stage(), actor, opName);
    }

    private static void checkIndex(String index, String opName) {
        if (!FractionalIndex.isValid(index)) throw invalid(opName + ": bad fractional index '" + index + "'");
    }

    /** One property being set: known for the type, the actor's to write, a valid value, what it names exists. */
    private void checkProp(String self, ElementType type, String name, JsonNode value, Limits limits, String opName, Actor actor) {
        PropertyRules.Rule rule = PropertyTable.rule(type, name);
        checkMayWrite(name, actor, opName);
        PropertyRules.check(rule, type.wire() + "." + name, value, limits);
        references.check(opName, self, name, value, actor);
        if (name.equals("ext")) {
            String owner = cardsByExt.get(value.textValue());
            if (owner != null && !owner.equals(self)) {
                throw invalid(opName + ": ext '" + value.textValue() + "' is already used by "
                        + (visible(owner, actor) != null ? "card '" + owner + "'" : "another card"));
            }
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
            case DEPARTMENT -> {
                if (!props.has("labels") && !props.has("title")) throw invalid(opName + ": a department needs labels or a title");
            }
            case COMMENT -> {
                if (!props.has("text") || !props.has("author") || !props.has("by") || !props.has("at")) {
                    throw invalid(opName + ": a comment needs text, author, by and at");
                }
            }
            case VERSION -> {
                if (!props.has("name") || !props.has("seq") || !props.has("at")) throw invalid(opName + ": a version needs name, seq and at");
            }
            default -> {}
        }
    }

    /** Where an element of each type may live in the tree. */
    private void checkParent(ElementType type, String parentId, String opName, Actor actor) {
        if (parentId == null) {
            if (type == ElementType.CARD) throw invalid(opName + ": a card belongs in a lane");
            if (type == ElementType.COMMENT) throw invalid(opName + ": a comment belongs on a card or an item");
            return;
        }
        Element parent = visible(parentId, actor);
        if (parent == null) throw new ProtocolException(ELEMENT_NOT_FOUND, opName + ": no parent '" + parentId + "'");
        boolean fits = switch (type) {
            case STAGE, LANE, DEPARTMENT, VERSION -> false;
            case COMMENT -> parent.type() == ElementType.CARD || parent.type().isFreeItem();
            case CARD -> parent.type() == ElementType.LANE;
            case STICKY, TEXT, SHAPE, CONNECTOR, INK -> parent.type() == ElementType.SHAPE;
        };
        if (!fits) throw invalid(opName + ": a " + type.wire() + " cannot be inside a " + parent.type().wire());
    }

    /** The one mutation point: keeps the dependents and ext indexes in step with the element map, and the props compact. */
    private void put(String id, Element next) {
        if (next != null) next = ElementProps.compacted(next);
        Element prev = next == null ? elements.remove(id) : elements.put(id, next);
        List<String> prevRefs = prev == null ? List.of() : dependencies(prev);
        List<String> nextRefs = next == null ? List.of() : dependencies(next);
        String prevExt = prev == null ? null : ext(prev);
        String nextExt = next == null ? null : ext(next);
        // most edits (a card's text, its score) change neither: its index entries stay as they are
        if (prev != null && next != null && prevRefs.equals(nextRefs) && Objects.equals(prevExt, nextExt)) return;
        for (String ref : prevRefs) {
            Set<String> deps = dependents.get(ref);
            if (deps != null && deps.remove(id) && deps.isEmpty()) dependents.remove(ref);
        }
        if (prevExt != null) cardsByExt.remove(prevExt, id);
        for (String ref : nextRefs) dependents.computeIfAbsent(ref, k -> new HashSet<>()).add(id);
        if (nextExt != null) cardsByExt.put(nextExt, id);
    }

    private static String ext(Element e) {
        return e.type() == ElementType.CARD ? e.text("ext") : null;
    }

    private static List<String> dependencies(Element e) {
        var refs = new ArrayList<String>(3);
        if (e.parent() != null) refs.add(e.parent());
        for (String name : PropertyTable.DEPENDENCIES) {
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
