package dev.journeyboard.server.voc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A board's feedback log in memory: every item, which card each is filed under now (import, then tags), and what a
 * card's {@code feedback} summary says. Built by replaying the log's records; touched only inside the board's
 * feedback chain (one operation at a time), on a worker or the caller's context, never on the room's.
 */
final class FeedbackIndex {
    /** A quote on a card is cut here: the card shows a line or two; the panel lists the whole text. */
    static final int QUOTE_LENGTH = 280;
    static final int QUOTES = 3;
    /** Newest first: by day, then by place in the log. */
    static final Comparator<Entry> LATEST = Comparator.comparing((Entry e) -> e.item.day()).thenComparingInt(e -> e.item.ordinal()).reversed();

    static final class Entry {
        final FeedbackItem item;
        String card;
        String match;

        Entry(FeedbackItem item, String card, String match) {
            this.item = item;
            this.card = card;
            this.match = match;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Entry> byId = new HashMap<>();
    private final Map<String, List<Entry>> byCard = new HashMap<>();

    int size() {
        return entries.size();
    }

    Entry get(String id) {
        return byId.get(id);
    }

    /** Applies one log record (an item, or a tag moving items onto a card or off every card). */
    void apply(JsonNode r) {
        switch (r.path("t").asText()) {
            case "item" -> add(FeedbackItem.fromRecord(r), r.path("card").textValue(), r.path("match").textValue());
            case "tag" -> {
                var ids = new ArrayList<String>();
                r.path("items").forEach(i -> ids.add(i.textValue()));
                tag(ids, r.path("card").textValue());
            }
            default -> throw new IllegalStateException("unknown feedback record " + r);
        }
    }

    void add(FeedbackItem item, String card, String match) {
        var e = new Entry(item, card, match);
        entries.add(e);
        byId.put(item.id(), e);
        if (card != null) byCard.computeIfAbsent(card, k -> new ArrayList<>()).add(e);
    }

    /** Files the items under {@code card} (null: under no card). */
    void tag(Collection<String> ids, String card) {
        for (String id : ids) {
            Entry e = byId.get(id);
            if (e == null) continue;
            if (e.card != null) {
                List<Entry> old = byCard.get(e.card);
                if (old != null) {
                    old.remove(e);
                    if (old.isEmpty()) byCard.remove(e.card);
                }
            }
            e.card = card;
            e.match = card == null ? null : "tag";
            if (card != null) byCard.computeIfAbsent(card, k -> new ArrayList<>()).add(e);
        }
    }

    List<Entry> forCard(String card) {
        var out = new ArrayList<>(byCard.getOrDefault(card, List.of()));
        out.sort(LATEST);
        return out;
    }

    /** Items under no card, or under one that no longer exists. */
    List<Entry> unmatched(Set<String> liveCards) {
        var out = new ArrayList<Entry>();
        for (Entry e : entries) if (e.card == null || !liveCards.contains(e.card)) out.add(e);
        out.sort(LATEST);
        return out;
    }

    int unmatchedCount(Set<String> liveCards) {
        int n = 0;
        for (Entry e : entries) if (e.card == null || !liveCards.contains(e.card)) n++;
        return n;
    }

    /**
     * The card's {@code feedback} prop: {@code {count, rating (mean of the rated, 2 decimals), quotes (the 3 latest)}},
     * or null when no feedback is filed under it.
     */
    ObjectNode summary(String card) {
        List<Entry> list = byCard.get(card);
        if (list == null || list.isEmpty()) return null;
        double sum = 0;
        int rated = 0;
        for (Entry e : list) {
            if (e.item.rating() != null) {
                sum += e.item.rating();
                rated++;
            }
        }
        ObjectNode s = JsonNodeFactory.instance.objectNode().put("count", list.size());
        if (rated > 0) s.set("rating", FeedbackItem.number(Math.round(sum / rated * 100) / 100.0));
        ArrayNode quotes = s.putArray("quotes");
        var latest = new ArrayList<>(list);
        latest.sort(LATEST);
        for (Entry e : latest.subList(0, Math.min(QUOTES, latest.size()))) {
            ObjectNode q = quotes.addObject().put("text", cut(e.item.text()));
            if (e.item.date() != null) q.put("date", e.item.date());
            if (e.item.rating() != null) q.set("rating", FeedbackItem.number(e.item.rating()));
            if (e.item.channel() != null) q.put("channel", e.item.channel());
        }
        return s;
    }

    /** An item as the list endpoint shows it. */
    static ObjectNode json(Entry e) {
        FeedbackItem i = e.item;
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("id", i.id()).put("text", i.text());
        if (i.channel() != null) o.put("channel", i.channel());
        if (i.date() != null) o.put("date", i.date());
        if (i.rating() != null) o.set("rating", FeedbackItem.number(i.rating()));
        if (i.touchpoint() != null) o.put("touchpoint", i.touchpoint());
        if (e.card != null) o.put("card", e.card).put("match", e.match);
        return o.put("row", i.row()).put("importedAt", i.at());
    }

    private static String cut(String text) {
        if (text.codePointCount(0, text.length()) <= QUOTE_LENGTH) return text;
        return text.substring(0, text.offsetByCodePoints(0, QUOTE_LENGTH - 1)) + "…";
    }
}
