package dev.journeyboard.server.handoff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A board read as a customer journey, everything a hand-off document shows: the grid (stages and lanes in index
 * order, the cards of each cell), the departments, the action items with their priority, and the metrics. Built
 * by {@link JourneyReader}; immutable, so it is rendered on any thread.
 *
 * @param cells   cards per cell, keyed {@link #cellKey(String, String)}, in index order
 * @param cards   every card of the grid by id
 * @param actions the action plan: TOP rank first, then score (highest first), then grid order
 * @param metrics every metric reading of the grid, in grid order
 * @param threads the open comment threads, per card or item
 */
public record JourneyModel(String title, Lang lang, List<Stage> stages, List<Lane> lanes, Map<String, List<JourneyCard>> cells,
                           Map<String, JourneyCard> cards, List<Department> departments, List<ActionItem> actions,
                           List<MetricReading> metrics, Threads threads) {

    /** A model without comments. */
    public JourneyModel(String title, Lang lang, List<Stage> stages, List<Lane> lanes, Map<String, List<JourneyCard>> cells,
                        Map<String, JourneyCard> cards, List<Department> departments, List<ActionItem> actions,
                        List<MetricReading> metrics) {
        this(title, lang, stages, lanes, cells, cards, departments, actions, metrics, Threads.NONE);
    }

    /** @param label the user's title, else the template label in the document's language */
    public record Stage(String id, String label, String color, int number) {}

    /** @param kind the lane kind ({@code painpoints}, {@code emotions}, ...; {@code custom} when absent) */
    public record Lane(String id, String label, String kind, String color, int number) {}

    public record Department(String id, String label, String color) {}

    public record MetricReading(JourneyCard card, Stage stage, Lane lane, Metric metric) {}

    /** One owner's part of the plan; {@code key} and {@code label} are null for items nobody owns. */
    public record OwnerGroup(String key, String label, List<ActionItem> items) {}

    public static String cellKey(String laneId, String stageId) {
        return laneId + "|" + stageId;
    }

    public List<JourneyCard> cell(String laneId, String stageId) {
        return cells.getOrDefault(cellKey(laneId, stageId), List.of());
    }

    public JourneyCard card(String id) {
        return id == null ? null : cards.get(id);
    }

    /** The TOP key points, by rank. */
    public List<ActionItem> keyPoints() {
        var out = new ArrayList<ActionItem>();
        for (ActionItem a : actions) if (a.card().top() != null) out.add(a);
        out.sort((a, b) -> Integer.compare(a.card().top(), b.card().top()));
        return out;
    }

    /** The plan by owner: departments in board order, then free-text owners by first appearance, then the unowned. */
    public List<OwnerGroup> byOwner() {
        Map<String, OwnerGroup> groups = new LinkedHashMap<>();
        for (Department d : departments) groups.put(d.id(), new OwnerGroup(d.id(), d.label(), new ArrayList<>()));
        var unowned = new ArrayList<ActionItem>();
        for (ActionItem a : actions) {
            if (a.ownerKey() == null) {
                unowned.add(a);
                continue;
            }
            groups.computeIfAbsent(a.ownerKey(), k -> new OwnerGroup(k, a.owner(), new ArrayList<>())).items().add(a);
        }
        var out = new ArrayList<OwnerGroup>();
        for (OwnerGroup g : groups.values()) if (!g.items().isEmpty()) out.add(g);
        if (!unowned.isEmpty()) out.add(new OwnerGroup(null, null, unowned));
        return out;
    }

    /** Items of one quadrant, in plan order; {@code null} gives the ones not rated. */
    public List<ActionItem> inQuadrant(Quadrant q) {
        var out = new ArrayList<ActionItem>();
        for (ActionItem a : actions) if (a.quadrant() == q) out.add(a);
        return out;
    }

    /** Readings below their target (above it, for CES), in grid order. */
    public List<MetricReading> missedTargets() {
        var out = new ArrayList<MetricReading>();
        for (MetricReading r : metrics) if (r.metric().missesTarget()) out.add(r);
        return out;
    }

    public Stage stage(String id) {
        for (Stage s : stages) if (s.id().equals(id)) return s;
        return null;
    }

    public Lane lane(String id) {
        for (Lane l : lanes) if (l.id().equals(id)) return l;
        return null;
    }

    public Department department(String id) {
        for (Department d : departments) if (d.id().equals(id)) return d;
        return null;
    }
}
