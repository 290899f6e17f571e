package dev.journeyboard.server.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.board.Element;
import java.util.ArrayList;
import java.util.List;

/**
 * A card's journey attributes, read from its element. Reading is lenient: a property of the wrong shape is taken
 * as absent, because the document's rules (not the exporter) decide what is valid, and a hand-off must not fail
 * on a board that an older or newer server wrote.
 *
 * @param lane      id of the lane the card sits in
 * @param stage     id of its stage
 * @param metrics   CSAT, NPS, CES readings that have a value, in that order
 * @param owner     the free-text owner ({@code owner}), or null
 * @param dept      id of the owner department element ({@code dept}), or null
 * @param top       rank among the TOP key points, or null
 * @param addresses ids of the pain points an opportunity addresses
 */
public record JourneyCard(String id, String lane, String stage, String text, String color, Integer emotion, boolean mot,
                          String kano, List<Metric> metrics, String owner, int votes, Integer impact, Integer effort,
                          Integer top, List<String> addresses, String dept, String status, String due, Measure measure,
                          String persona) {

    /** A success measure: which touchpoint metric should move, from what to what. */
    public record Measure(String touchpoint, Metric.Kind metric, Double from, Double to) {}

    static JourneyCard of(Element e) {
        JsonNode p = e.props();
        var metrics = new ArrayList<Metric>(3);
        for (Metric.Kind k : Metric.Kind.values()) {
            Double v = number(p.get(k.prop()));
            if (v != null) metrics.add(new Metric(k, v, integer(p.get(k.prop() + "N")), number(p.get(k.prop() + "Target"))));
        }
        var addresses = new ArrayList<String>();
        if (p.path("addresses").isArray()) for (JsonNode a : p.get("addresses")) if (a.isTextual()) addresses.add(a.textValue());
        Measure measure = null;
        JsonNode m = p.get("measure");
        if (m != null && m.isObject()) {
            measure = new Measure(text(m.get("touchpoint")), Metric.Kind.of(text(m.get("metric"))), number(m.get("from")), number(m.get("to")));
        }
        Integer votes = integer(p.get("votes"));
        Integer top = integer(p.get("top"));
        return new JourneyCard(e.id(), e.parent(), e.stage(), text(p.get("text")), color(p.get("color")), integer(p.get("emotion")),
                p.path("mot").asBoolean(false) && p.get("mot").isBoolean(), text(p.get("kano")), List.copyOf(metrics),
                blankToNull(text(p.get("owner"))), votes == null ? 0 : Math.max(0, votes), rating(p.get("impact")),
                rating(p.get("effort")), top != null && top >= 1 ? top : null, List.copyOf(addresses), text(p.get("dept")),
                text(p.get("status")), text(p.get("due")), measure, text(p.get("persona")));
    }

    public Metric metric(Metric.Kind kind) {
        for (Metric m : metrics) if (m.kind() == kind) return m;
        return null;
    }

    /** The card's text, never null. */
    public String textOrEmpty() {
        return text == null ? "" : text;
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() ? n.textValue() : null;
    }

    /** Only #rrggbb: the colour goes into SVG attributes and PDF operators. */
    private static String color(JsonNode n) {
        String c = text(n);
        return c != null && c.matches("#[0-9a-fA-F]{6}") ? c : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Double number(JsonNode n) {
        return n != null && n.isNumber() && Double.isFinite(n.doubleValue()) ? n.doubleValue() : null;
    }

    private static Integer integer(JsonNode n) {
        return n != null && n.isIntegralNumber() && n.canConvertToInt() ? n.intValue() : null;
    }

    /** impact and effort: integers 1..5; anything else counts as not rated. */
    private static Integer rating(JsonNode n) {
        Integer v = integer(n);
        return v != null && v >= 1 && v <= 5 ? v : null;
    }
}
