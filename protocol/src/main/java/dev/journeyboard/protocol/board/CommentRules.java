package dev.journeyboard.protocol.board;

import static dev.journeyboard.protocol.ErrorCode.FORBIDDEN;
import static dev.journeyboard.protocol.ErrorCode.TOO_LARGE;
import static dev.journeyboard.protocol.board.PropertyRules.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.op.Op;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The rules of the board's annotations, for {@link Document}: comments (threads on cards and free items, with
 * replies) and named versions. Neither is an edit of the map: a commenter (and a viewer, where the facilitator
 * allows it) may write comments; element, lane and stage locks and department scopes do not apply to them, the
 * board lock does. Who may do what:
 *
 * <ul>
 *   <li>a comment is created by anyone who may comment, with its author's own client id as {@code by};
 *   <li>its {@code text} and {@code mentions} are changed by its author only; {@code author}, {@code by},
 *       {@code at} and {@code replyTo} never change;
 *   <li>a thread (a comment without {@code replyTo}) is resolved and reopened by anyone who may comment;
 *   <li>a comment is deleted by its author or a facilitator (deleting a thread deletes its replies, deleting
 *       the item deletes its threads);
 *   <li>versions are created by the server only (the facilitate action {@code version.save}); facilitators
 *       rename and delete them.
 * </ul>
 */
final class CommentRules {
    /** Code points in a comment's text; longer is TOO_LARGE whatever {@code JB_MAX_TEXT_LENGTH} says. */
    static final int MAX_TEXT = 2000;
    static final int MAX_AUTHOR = 64;
    static final int MAX_MENTIONS = 20;
    private static final Set<String> FIXED_COMMENT = Set.of("author", "by", "at", "replyTo");
    private static final Set<String> AUTHOR_ONLY = Set.of("text", "mentions");
    private static final Set<String> FIXED_VERSION = Set.of("seq", "at", "author");
    /** Nothing but ASCII white space: what both implementations call empty. */
    private static final java.util.regex.Pattern BLANK = java.util.regex.Pattern.compile("[ \\t\\n\\x0B\\f\\r]*");

    private final Function<String, Element> elements;

    /** @param elements every element by id, private ones included */
    CommentRules(Function<String, Element> elements) {
        this.elements = elements;
    }

    /**
     * The first check of a message: may the actor's role edit at all? Facilitators and editors may; commenters
     * (and viewers the facilitator lets comment) may send comment ops only. Runs before the board lock.
     */
    void checkRole(List<Op> ops, Actor actor) {
        Role role = actor.role();
        if (actor.server() || role.mayEdit()) return;
        if (!onlyComments(ops)) throw new ProtocolException(FORBIDDEN, "a " + role.wire() + " may not edit this board");
        if (!actor.mayComment()) throw noComments(role);
    }

    private boolean onlyComments(List<Op> ops) {
        for (Op op : ops) {
            switch (op) {
                case Op.Batch b -> {
                    if (!onlyComments(b.ops())) return false;
                }
                case Op.Create c -> {
                    if (c.type() != ElementType.COMMENT) return false;
                }
                default -> {
                    // an id that does not exist is judged by the op itself (ELEMENT_NOT_FOUND)
                    Element e = elements.apply(op.id());
                    if (e != null && e.type() != ElementType.COMMENT) return false;
                }
            }
        }
        return true;
    }

    private static ProtocolException noComments(Role role) {
        return new ProtocolException(FORBIDDEN, "a " + role.wire() + " may not comment on this board");
    }

    /** Before anything else of a create: whether the actor may create an element of this type at all. */
    static void checkMayCreate(ElementType type, Actor actor) {
        if (actor.server()) return;
        if (type == ElementType.VERSION) {
            throw new ProtocolException(FORBIDDEN, "create: versions are named with the facilitate action version.save");
        }
        if (type == ElementType.COMMENT && !actor.mayComment()) throw noComments(actor.role());
        if (type != ElementType.COMMENT && !actor.role().mayEdit()) {
            throw new ProtocolException(FORBIDDEN, "a " + actor.role().wire() + " may not edit this board");
        }
    }

    /** A new comment, its properties checked one by one already: its author, its text, its thread, its item. */
    void created(Op.Create c, Element parent, Actor actor) {
        if (c.type() != ElementType.COMMENT) return;
        if (!actor.server() && !actor.client().equals(c.props().path("by").textValue())) {
            throw new ProtocolException(FORBIDDEN, "create: a comment's 'by' must be its author's own client id");
        }
        checkText(c.props().get("text"));
        checkAuthor(c.props().get("author"));
        if (parent != null && parent.props().hasNonNull("private")) {
            throw invalid("create: a private item can be commented on once it is revealed");
        }
        JsonNode replyTo = c.props().get("replyTo");
        if (replyTo != null) {
            Element root = elements.apply(replyTo.textValue());
            if (root.type() != ElementType.COMMENT) throw invalid("create: replyTo '" + root.id() + "' is not a comment");
            if (root.props().has("replyTo") || !root.parent().equals(c.parent())) {
                throw invalid("create: replyTo '" + root.id() + "' is not a thread on the same item");
            }
            if (c.props().has("resolved")) throw invalid("create: a reply cannot be resolved; resolve its thread");
        }
    }

    /** An update of a comment or a version, before its properties are checked. */
    void checkUpdate(Element e, Op.Update u, Actor actor) {
        if (actor.server()) return;
        if (e.type() == ElementType.VERSION) {
            if (!actor.isFacilitator()) throw new ProtocolException(FORBIDDEN, "update: only a facilitator may change versions");
            for (String p : touched(u)) {
                if (FIXED_VERSION.contains(p)) throw new ProtocolException(FORBIDDEN, "update: a version's '" + p + "' is fixed when it is named");
            }
            return;
        }
        if (!actor.mayComment()) throw noComments(actor.role());
        boolean author = actor.client().equals(e.props().path("by").textValue());
        for (String p : touched(u)) {
            if (FIXED_COMMENT.contains(p)) throw new ProtocolException(FORBIDDEN, "update: a comment's '" + p + "' is fixed when it is written");
            if (AUTHOR_ONLY.contains(p) && !author) {
                throw new ProtocolException(FORBIDDEN, "update: only its author may change a comment's " + p);
            }
            if (p.equals("resolved") && e.props().has("replyTo")) throw invalid("update: a reply cannot be resolved; resolve its thread");
        }
        if (u.set().has("text")) checkText(u.set().get("text"));
    }

    void checkDelete(Element e, Actor actor) {
        if (actor.server()) return;
        if (e.type() == ElementType.VERSION) {
            if (!actor.isFacilitator()) throw new ProtocolException(FORBIDDEN, "delete: only a facilitator may change versions");
            return;
        }
        if (!actor.mayComment()) throw noComments(actor.role());
        if (!actor.isFacilitator() && !actor.client().equals(e.props().path("by").textValue())) {
            throw new ProtocolException(FORBIDDEN, "delete: only its author or a facilitator may delete a comment");
        }
    }

    static void checkMove(Element e) {
        throw invalid("move: a " + e.type().wire() + " stays where it was made");
    }

    private static Iterable<String> touched(Op.Update u) {
        var out = new java.util.ArrayList<String>(u.unset());
        u.set().fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static void checkText(JsonNode text) {
        String s = text == null ? null : text.textValue();
        if (s == null) return; // required-property check names it
        if (BLANK.matcher(s).matches()) throw invalid("comment.text must not be empty");
        if (s.length() > MAX_TEXT && s.codePointCount(0, s.length()) > MAX_TEXT) {
            throw new ProtocolException(TOO_LARGE, "comment.text is longer than " + MAX_TEXT + " characters");
        }
    }

    private static void checkAuthor(JsonNode author) {
        String s = author == null ? null : author.textValue();
        if (s == null) return;
        int n = s.codePointCount(0, s.length());
        if (BLANK.matcher(s).matches() || n > MAX_AUTHOR) throw invalid("comment.author must be a name of 1 to " + MAX_AUTHOR + " characters");
    }
}
