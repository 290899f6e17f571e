package dev.journeyboard.server.handoff;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Reads a board's elements as a journey ({@link JourneyModel}). Works on a copy of the element list: elements are
 * immutable once in a document (an update replaces the element), so the room hands over its elements and this runs
 * on a worker thread.
 *
 * <p>Private elements (private writing still on) are left out: a hand-off is for everyone holding a link.
 */
public final class JourneyReader {
    private static final Comparator<Element> ORDER = Comparator.comparing(Element::index).thenComparing(Element::id);

    private JourneyReader() {}

    public static JourneyModel read(String title, Lang lang, Collection<Element> elements) {
        var stageEls = new ArrayList<Element>();
        var laneEls = new ArrayList<Element>();
        var deptEls = new ArrayList<Element>();
        var cardEls = new ArrayList<Element>();
        for (Element e : elements) {
            if (e.props().hasNonNull("private")) continue;
            if (e.type() == ElementType.STAGE) stageEls.add(e);
            else if (e.type() == ElementType.LANE) laneEls.add(e);
            else if (e.type() == ElementType.CARD) cardEls.add(e);
            // departments arrive with the CX model (issue 14): matched by wire name so this compiles before and after
            else if (e.type().wire().equals("department")) deptEls.add(e);
        }
        stageEls.sort(ORDER);
        laneEls.sort(ORDER);
        deptEls.sort(ORDER);
        cardEls.sort(ORDER);

        var stages = new ArrayList<JourneyModel.Stage>();
        Map<String, JourneyModel.Stage> stageById = new HashMap<>();
        for (Element e : stageEls) {
            var s = new JourneyModel.Stage(e.id(), label(e.props(), lang, Words.STAGE_N.in(lang) + " " + (stages.size() + 1)),
                    color(e.props()), stages.size() + 1);
            stages.add(s);
            stageById.put(s.id(), s);
        }
        var lanes = new ArrayList<JourneyModel.Lane>();
        Map<String, JourneyModel.Lane> laneById = new HashMap<>();
        for (Element e : laneEls) {
            String kind = e.props().path("kind").isTextual() ? e.props().get("kind").textValue() : "custom";
            var l = new JourneyModel.Lane(e.id(), label(e.props(), lang, Words.LANE_N.in(lang) + " " + (lanes.size() + 1)), kind,
                    color(e.props()), lanes.size() + 1);
            lanes.add(l);
            laneById.put(l.id(), l);
        }
        var departments = new ArrayList<JourneyModel.Department>();
        for (Element e : deptEls) {
            departments.add(new JourneyModel.Department(e.id(), label(e.props(), lang, e.id()), color(e.props())));
        }

        Map<String, List<JourneyCard>> cells = new HashMap<>();
        Map<String, JourneyCard> cards = new LinkedHashMap<>();
        for (Element e : cardEls) {
            if (!laneById.containsKey(e.parent()) || !stageById.containsKey(e.stage())) continue;
            JourneyCard c = JourneyCard.of(e);
            cells.computeIfAbsent(JourneyModel.cellKey(c.lane(), c.stage()), k -> new ArrayList<>()).add(c);
        }
        // grid order, stage by stage: what ties in the plan and the metrics table fall back on
        var gridOrder = new ArrayList<JourneyCard>();
        for (var s : stages) for (var l : lanes) gridOrder.addAll(cells.getOrDefault(JourneyModel.cellKey(l.id(), s.id()), List.of()));
        for (JourneyCard c : gridOrder) cards.put(c.id(), c);
        cells.replaceAll((k, v) -> List.copyOf(v));

        var metrics = new ArrayList<JourneyModel.MetricReading>();
        for (JourneyCard c : gridOrder) {
            for (Metric m : c.metrics()) metrics.add(new JourneyModel.MetricReading(c, stageById.get(c.stage()), laneById.get(c.lane()), m));
        }

        var ctx = new Context(stages, lanes, cells, cards, departments);
        Map<String, List<JourneyCard>> addressedBy = new HashMap<>();
        for (JourneyCard c : gridOrder) {
            for (String target : c.addresses()) {
                if (cards.containsKey(target) && !target.equals(c.id())) addressedBy.computeIfAbsent(target, k -> new ArrayList<>()).add(c);
            }
        }
        var actions = new ArrayList<ActionItem>();
        Map<String, Integer> position = new HashMap<>();
        for (JourneyCard c : gridOrder) {
            JourneyModel.Lane lane = laneById.get(c.lane());
            ActionItem.Kind kind = switch (lane.kind()) {
                case "painpoints" -> ActionItem.Kind.PAIN_POINT;
                case "opportunities" -> ActionItem.Kind.OPPORTUNITY;
                default -> ActionItem.Kind.OTHER;
            };
            if (kind == ActionItem.Kind.OTHER && c.top() == null) continue;
            position.put(c.id(), position.size());
            actions.add(ctx.item(c, stageById.get(c.stage()), lane, kind, addressedBy.getOrDefault(c.id(), List.of())));
        }
        actions.sort(Comparator.<ActionItem>comparingInt(a -> a.card().top() == null ? Integer.MAX_VALUE : a.card().top())
                .thenComparing(Comparator.comparingDouble((ActionItem a) -> a.score()).reversed())
                .thenComparingInt(a -> position.get(a.card().id())));

        return new JourneyModel(title, lang, List.copyOf(stages), List.copyOf(lanes), Map.copyOf(cells),
                java.util.Collections.unmodifiableMap(cards), List.copyOf(departments), List.copyOf(actions), List.copyOf(metrics),
                Threads.read(elements));
    }

    /** What scoring an item needs to look up across the grid. */
    private record Context(List<JourneyModel.Stage> stages, List<JourneyModel.Lane> lanes, Map<String, List<JourneyCard>> cells,
                           Map<String, JourneyCard> cards, List<JourneyModel.Department> departments) {

        ActionItem item(JourneyCard c, JourneyModel.Stage stage, JourneyModel.Lane lane, ActionItem.Kind kind, List<JourneyCard> addressedBy) {
            String owner = null;
            String ownerKey = null;
            JourneyModel.Department dept = null;
            if (c.dept() != null) for (var d : departments) if (d.id().equals(c.dept())) dept = d;
            if (dept != null) {
                owner = dept.label();
                ownerKey = dept.id();
            } else if (c.owner() != null) {
                owner = c.owner().strip();
                ownerKey = "owner:" + owner;
            }
            var tp = touchpoint(c);
            double gap = tp == null ? 0 : tp.gap();
            var addresses = new ArrayList<JourneyCard>();
            for (String id : c.addresses()) {
                JourneyCard a = cards.get(id);
                if (a != null && a != c) addresses.add(a);
            }
            return new ActionItem(c, stage, lane, kind, owner, ownerKey, tp == null ? null : tp.card(), gap,
                    ActionItem.priorityScore(c.votes(), c.impact(), c.effort(), gap), Quadrant.of(c.impact(), c.effort()),
                    List.copyOf(addresses), List.copyOf(addressedBy));
        }

        private record Gap(JourneyCard card, double gap) {}

        /**
         * The touchpoint whose metric gap the item is scored on: its success measure's touchpoint (that metric, or
         * the largest gap of its metrics), else the touchpoint card of the same stage with the largest gap to target.
         */
        private Gap touchpoint(JourneyCard c) {
            var m = c.measure();
            Metric.Kind kind = m == null ? null : m.metric();
            if (m != null && m.touchpoint() != null && cards.containsKey(m.touchpoint())) {
                JourneyCard tp = cards.get(m.touchpoint());
                return new Gap(tp, gapOf(tp, kind));
            }
            Gap best = null;
            for (var l : lanes) {
                if (!l.kind().equals("touchpoints")) continue;
                for (JourneyCard tp : cells.getOrDefault(JourneyModel.cellKey(l.id(), c.stage()), List.of())) {
                    boolean hasTarget = tp.metrics().stream().anyMatch(x -> x.hasTarget() && (kind == null || x.kind() == kind));
                    if (!hasTarget) continue;
                    double g = gapOf(tp, kind);
                    if (best == null || g > best.gap()) best = new Gap(tp, g);
                }
            }
            return best;
        }

        private static double gapOf(JourneyCard tp, Metric.Kind kind) {
            double g = 0;
            for (Metric x : tp.metrics()) if (kind == null || x.kind() == kind) g = Math.max(g, x.gap());
            return g;
        }
    }

    /** A stage's or lane's name: the user's title, else the template label in {@code lang} (else the other one). */
    static String label(JsonNode props, Lang lang, String fallback) {
        JsonNode title = props.get("title");
        if (title != null && title.isTextual() && !title.textValue().isBlank()) return title.textValue();
        JsonNode labels = props.get("labels");
        if (labels != null && labels.isObject()) {
            for (String l : lang == Lang.ZH ? new String[] {"zh", "en"} : new String[] {"en", "zh"}) {
                JsonNode v = labels.get(l);
                if (v != null && v.isTextual() && !v.textValue().isBlank()) return v.textValue();
            }
        }
        return fallback;
    }

    private static String color(JsonNode props) {
        JsonNode c = props.get("color");
        return c != null && c.isTextual() && c.textValue().matches("#[0-9a-fA-F]{6}") ? c.textValue() : null;
    }
}
