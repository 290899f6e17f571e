package dev.journeyboard.server.handoff;

import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The board's comment threads as the hand-off shows them: per card or free item, its open threads (a comment
 * without {@code replyTo} that is not {@code resolved}) with their replies, oldest first. Resolved threads are
 * left out: the hand-off is what still needs an answer.
 *
 * @param open item id -> its open threads, items in the order of their first open thread
 */
public record Threads(Map<String, List<Thread>> open, Map<String, Element> items) {
    public static final Threads NONE = new Threads(Map.of(), Map.of());

    /** One comment: who wrote it, when (ms since 1970) and what. */
    public record Comment(String author, long at, String text) {}

    public record Thread(Comment first, List<Comment> replies) {}

    public int openOn(String itemId) {
        return open.getOrDefault(itemId, List.of()).size();
    }

    public static Threads read(Collection<Element> elements) {
        var byId = new HashMap<String, Element>();
        for (Element e : elements) byId.put(e.id(), e);
        var roots = new ArrayList<Element>();
        var replies = new HashMap<String, List<Element>>();
        for (Element e : elements) {
            if (e.type() != ElementType.COMMENT) continue;
            String replyTo = e.props().path("replyTo").textValue();
            if (replyTo == null) {
                if (!e.props().path("resolved").asBoolean(false)) roots.add(e);
            } else {
                replies.computeIfAbsent(replyTo, k -> new ArrayList<>()).add(e);
            }
        }
        Comparator<Element> byTime = Comparator.comparingLong((Element e) -> e.props().path("at").asLong(0)).thenComparing(Element::id);
        roots.sort(byTime);
        Map<String, List<Thread>> open = new LinkedHashMap<>();
        Map<String, Element> items = new HashMap<>();
        for (Element root : roots) {
            Element item = byId.get(root.parent());
            if (item == null || item.props().hasNonNull("private")) continue;
            var rs = new ArrayList<>(replies.getOrDefault(root.id(), List.of()));
            rs.sort(byTime);
            open.computeIfAbsent(item.id(), k -> new ArrayList<>()).add(new Thread(comment(root), rs.stream().map(Threads::comment).toList()));
            items.put(item.id(), item);
        }
        open.replaceAll((k, v) -> List.copyOf(v));
        return new Threads(java.util.Collections.unmodifiableMap(open), Map.copyOf(items));
    }

    private static Comment comment(Element e) {
        return new Comment(e.props().path("author").asText(""), e.props().path("at").asLong(0), e.props().path("text").asText(""));
    }
}
