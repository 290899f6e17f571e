package dev.journeyboard.server.room;

import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.op.Op;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each participant sees: an element whose {@code private} property names a client (set while private
 * writing is on) is seen by that client only. These functions cut other people's private elements out of what
 * a participant is sent, so the server never hands them out in a broadcast, a snapshot or a resume.
 */
public final class Privacy {
    private Privacy() {}

    public static String owner(Element e) {
        return e == null ? null : e.props().path("private").textValue();
    }

    /** Whether {@code client} may see {@code e} itself (what hangs on hidden elements aside). */
    public static boolean seenBy(Element e, String client) {
        String o = owner(e);
        return o == null || o.equals(client);
    }

    /** Owners of the elements {@code ops} touch, before they apply: id -> owner client, "" for public. */
    public static Map<String, String> ownersBefore(Document doc, List<Op> ops) {
        var out = new HashMap<String, String>();
        for (var op : flatten(ops)) {
            Element e = doc.get(op.id());
            if (e != null) {
                String o = owner(e);
                out.put(e.id(), o == null ? "" : o);
            }
        }
        return out;
    }

    /** The elements {@code client} may see: others' private elements and what hangs on them are left out. */
    public static List<Element> visibleTo(Collection<Element> elements, String client) {
        Map<String, Element> byId = new HashMap<>();
        for (Element e : elements) byId.put(e.id(), e);
        Set<String> hidden = new HashSet<>();
        for (Element e : elements) {
            String o = owner(e);
            if (o != null && !o.equals(client)) hidden.add(e.id());
        }
        if (hidden.isEmpty()) return new ArrayList<>(elements);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Element e : elements) {
                if (hidden.contains(e.id())) continue;
                for (String ref : dependencies(e)) {
                    if (ref != null && hidden.contains(ref)) {
                        hidden.add(e.id());
                        grew = true;
                        break;
                    }
                }
            }
        }
        var out = new ArrayList<Element>(elements.size() - hidden.size());
        for (Element e : elements) if (!hidden.contains(e.id())) out.add(e);
        return out;
    }

    /**
     * {@code elements} ordered so that each comes after what it depends on among them (its parent, its stage, a
     * connector's ends): the order a reveal must create them in, for a client applies each create against what it
     * has. Nested shapes, a sticky moved into a shape made after it, a connector re-attached to a newer card all
     * come out right. Dependencies outside {@code elements} are left to the caller (they are public already).
     */
    public static List<Element> inDependencyOrder(Collection<Element> elements) {
        Map<String, Element> byId = new java.util.LinkedHashMap<>();
        for (Element e : elements) byId.put(e.id(), e);
        var out = new ArrayList<Element>(byId.size());
        Set<String> done = new HashSet<>();
        for (Element e : byId.values()) visit(e, byId, done, new HashSet<>(), out);
        return out;
    }

    private static void visit(Element e, Map<String, Element> byId, Set<String> done, Set<String> onPath, List<Element> out) {
        if (done.contains(e.id()) || !onPath.add(e.id())) return; // done, or a cycle (not made by valid ops): stop there
        for (String ref : dependencies(e)) {
            Element dep = ref == null ? null : byId.get(ref);
            if (dep != null) visit(dep, byId, done, onPath, out);
        }
        done.add(e.id());
        out.add(e);
    }

    /** What an element can't exist without: its parent, its stage, a connector's ends (the hard references). */
    static String[] dependencies(Element e) {
        return new String[] {e.parent(), e.stage(), e.props().path("from").textValue(), e.props().path("to").textValue()};
    }

    static boolean anyPrivate(Collection<Element> elements) {
        for (Element e : elements) if (owner(e) != null) return true;
        return false;
    }

    /** The ops of one message as seen before flattening batches (batches apply in order, so this is exact). */
    public static List<Op> flatten(List<Op> ops) {
        var out = new ArrayList<Op>();
        for (Op op : ops) {
            if (op instanceof Op.Batch b) out.addAll(flatten(b.ops()));
            else out.add(op);
        }
        return out;
    }

    /**
     * What one message looks like to each viewer when it touches private elements.
     *
     * @param before owners (or absence) of the touched elements before the message: id -> owner, "" for public;
     *               ids missing from the map did not exist
     * @param after  the document after the message
     * @return per involved owner client the ops it sees, plus the entry {@code null} for everyone else;
     *         or null when nothing private is involved (everyone sees the message as it is)
     */
    public static Map<String, List<Op>> views(List<Op> ops, Map<String, String> before, Document after) {
        List<Op> flat = flatten(ops);
        Set<String> owners = new LinkedHashSet<>();
        for (Op op : flat) {
            String b = before.get(op.id());
            if (b != null && !b.isEmpty()) owners.add(b);
            String a = owner(after.get(op.id()));
            if (a != null) owners.add(a);
        }
        if (owners.isEmpty()) return null;
        Map<String, List<Op>> views = new HashMap<>();
        views.put(null, view(flat, before, after, null));
        for (String o : owners) views.put(o, view(flat, before, after, o));
        return views;
    }

    private static List<Op> view(List<Op> flat, Map<String, String> before, Document after, String viewer) {
        var out = new ArrayList<Op>();
        Set<String> revealed = new HashSet<>();
        for (Op op : flat) {
            String id = op.id();
            boolean existedBefore = before.containsKey(id);
            String ownerBefore = before.get(id);
            boolean visibleBefore = existedBefore && (ownerBefore.isEmpty() || ownerBefore.equals(viewer));
            Element now = after.get(id);
            String ownerAfter = owner(now);
            boolean visibleAfter = now != null && (ownerAfter == null || ownerAfter.equals(viewer));
            if (now == null) {
                if (visibleBefore && !(op instanceof Op.Create)) out.add(op); // a delete (or an op before it) of something they saw
            } else if (visibleBefore || (!existedBefore && visibleAfter)) {
                out.add(op);
            } else if (visibleAfter && revealed.add(id)) {
                // revealed now: to this viewer it is a new element in its current state
                out.add(new Op.Create(now.id(), now.type(), now.parent(), now.index(), now.props()));
            }
        }
        return out;
    }
}
