package dev.journeyboard.protocol.board;

import static dev.journeyboard.protocol.board.ElementType.CARD;
import static dev.journeyboard.protocol.board.ElementType.COMMENT;
import static dev.journeyboard.protocol.board.ElementType.CONNECTOR;
import static dev.journeyboard.protocol.board.ElementType.DEPARTMENT;
import static dev.journeyboard.protocol.board.ElementType.INK;
import static dev.journeyboard.protocol.board.ElementType.LANE;
import static dev.journeyboard.protocol.board.ElementType.SHAPE;
import static dev.journeyboard.protocol.board.ElementType.STAGE;
import static dev.journeyboard.protocol.board.ElementType.STICKY;
import static dev.journeyboard.protocol.board.ElementType.TEXT;
import static dev.journeyboard.protocol.board.ElementType.VERSION;

import dev.journeyboard.protocol.board.PropertyRules.Rule;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which properties each element type has, which value rule each follows ({@link PropertyRules}), and who may
 * write them. PROTOCOL.md's property table is this table; the web client's {@code model/props.ts} mirrors it.
 */
final class PropertyTable {
    static final List<String> LANE_KINDS = List.of("persona", "actions", "touchpoints", "channels", "thoughts",
            "emotions", "painpoints", "opportunities", "owners", "metrics", "backstage", "custom");
    static final List<String> KANO = List.of("must-be", "performance", "attractive", "indifferent", "reverse");
    static final List<String> SHAPES = List.of("rect", "ellipse");
    static final List<String> STATUSES = List.of("idea", "planned", "in-progress", "done", "verified");

    /** A closed range of whole numbers, as the messages print it. */
    record Range(long min, long max) {
        boolean holds(double v) {
            return v >= min && v <= max;
        }

        @Override
        public String toString() {
            return "from " + min + " to " + max;
        }
    }

    /** The three survey metrics and the range of their values (and targets, history, measures). */
    static final Map<String, Range> METRICS = Map.of("csat", new Range(1, 5), "nps", new Range(-100, 100), "ces", new Range(1, 7));
    static final List<String> METRIC_NAMES = List.of("csat", "nps", "ces");
    static final long MAX_INT = Integer.MAX_VALUE;
    /** 2^53 - 1: times (ms since 1970) and seqs up to what a browser's number holds exactly. */
    static final long MAX_TIME = 9_007_199_254_740_991L;

    private record Prop(Rule rule, Set<ElementType> types) {}

    /** Every type of the map (annotations, comments and versions, have their own few properties). */
    private static final Set<ElementType> ALL = EnumSet.complementOf(EnumSet.of(COMMENT, VERSION));
    private static final Set<ElementType> DRAWN = EnumSet.complementOf(EnumSet.of(DEPARTMENT, COMMENT, VERSION));
    private static final Set<ElementType> PRIVATE_TYPES = EnumSet.of(CARD, STICKY, TEXT, SHAPE, CONNECTOR, INK);
    private static final Map<String, Prop> PROPS = new HashMap<>();

    private static void prop(String name, Rule rule, Set<ElementType> types) {
        PROPS.put(name, new Prop(rule, types));
    }

    static {
        var cards = EnumSet.of(CARD);
        prop("title", new PropertyRules.Str(), EnumSet.of(STAGE, LANE, DEPARTMENT));
        prop("labels", new PropertyRules.Labels(), EnumSet.of(STAGE, LANE, DEPARTMENT));
        prop("kind", new PropertyRules.Enumerated(LANE_KINDS), EnumSet.of(LANE));
        prop("scope", new PropertyRules.IdList(50), EnumSet.of(STAGE, LANE));
        prop("stage", new PropertyRules.Ref(), cards);
        prop("text", new PropertyRules.Str(), EnumSet.of(CARD, STICKY, TEXT, SHAPE, COMMENT));
        prop("color", new PropertyRules.Color(), ALL);
        prop("emotion", new PropertyRules.Int(-2, 2), cards);
        prop("mot", new PropertyRules.Bool(), cards);
        prop("kano", new PropertyRules.Enumerated(KANO), cards);
        for (var m : METRICS.entrySet()) {
            prop(m.getKey(), new PropertyRules.Num(m.getValue()), cards);
            prop(m.getKey() + "N", new PropertyRules.Int(0, MAX_INT), cards);
            prop(m.getKey() + "Target", new PropertyRules.Num(m.getValue()), cards);
            prop(m.getKey() + "History", new PropertyRules.History(m.getValue()), cards);
        }
        prop("owner", new PropertyRules.Str(), cards);
        prop("votes", new PropertyRules.Int(0, MAX_INT), EnumSet.of(CARD, STICKY));
        prop("ext", new PropertyRules.Ext(), cards);
        prop("keywords", new PropertyRules.Keywords(), cards);
        prop("feedback", new PropertyRules.Feedback(), cards);
        prop("impact", new PropertyRules.Int(1, 5), cards);
        prop("effort", new PropertyRules.Int(1, 5), cards);
        prop("top", new PropertyRules.Int(1, MAX_INT), cards);
        prop("addresses", new PropertyRules.IdList(50), cards);
        prop("dept", new PropertyRules.Ref(), cards);
        prop("status", new PropertyRules.Enumerated(STATUSES), cards);
        prop("due", new PropertyRules.Date(), cards);
        prop("measure", new PropertyRules.Measure(), cards);
        prop("persona", new PropertyRules.Ref(), cards);
        for (String persona : List.of("quote", "goals", "frustrations")) prop(persona, new PropertyRules.Str(), cards);
        prop("name", new PropertyRules.Str(), EnumSet.of(CARD, VERSION));
        prop("image", new PropertyRules.ImageId(), cards);
        prop("emotionRounds", new PropertyRules.EmotionRounds(), EnumSet.of(CARD, STAGE));
        prop("x", new PropertyRules.Finite(), EnumSet.of(STICKY, TEXT, SHAPE, INK));
        prop("y", new PropertyRules.Finite(), EnumSet.of(STICKY, TEXT, SHAPE, INK));
        prop("w", new PropertyRules.Positive(), EnumSet.of(STICKY, TEXT, SHAPE));
        prop("h", new PropertyRules.Positive(), EnumSet.of(STICKY, TEXT, SHAPE));
        prop("shape", new PropertyRules.Enumerated(SHAPES), EnumSet.of(SHAPE));
        prop("from", new PropertyRules.Ref(), EnumSet.of(CONNECTOR));
        prop("to", new PropertyRules.Ref(), EnumSet.of(CONNECTOR));
        prop("points", new PropertyRules.Points(), EnumSet.of(INK));
        prop("size", new PropertyRules.Num(new Range(1, 200)), EnumSet.of(TEXT, INK));
        prop("locked", new PropertyRules.Bool(), DRAWN);
        prop("private", new PropertyRules.Ref(), PRIVATE_TYPES);
        // comments (CommentRules) and named versions
        prop("author", new PropertyRules.Str(), EnumSet.of(COMMENT, VERSION));
        prop("by", new PropertyRules.Ref(), EnumSet.of(COMMENT));
        prop("at", new PropertyRules.Int(0, MAX_TIME), EnumSet.of(COMMENT, VERSION));
        prop("resolved", new PropertyRules.Bool(), EnumSet.of(COMMENT));
        prop("replyTo", new PropertyRules.Ref(), EnumSet.of(COMMENT));
        prop("mentions", new PropertyRules.IdList(CommentRules.MAX_MENTIONS), EnumSet.of(COMMENT));
        prop("seq", new PropertyRules.Int(0, MAX_TIME), EnumSet.of(VERSION));
    }

    /**
     * Written only by the server's own edits ({@link Actor#server()}); any client op naming one, in a create's
     * props, an update's set or its unset, is FORBIDDEN for every role. The value says why, for the message.
     */
    static final Map<String, String> SERVER_ONLY = Map.of(
            "private", "is written by the server while private writing is on",
            "votes", "is written by the server at the close of a vote",
            "feedback", "is written by the server from imported feedback",
            "emotionRounds", "is written by the server at the close of an emotion round");

    /** Set and unset by facilitators only: locks, the TOP-N ranking, department scopes. */
    static final Set<String> FACILITATOR_ONLY = Set.of("locked", "top", "scope");

    /** Properties naming other elements that the element depends on: deleting the target deletes it (a thread's replies go with it). */
    static final List<String> DEPENDENCIES = List.of("stage", "from", "to", "replyTo");

    private PropertyTable() {}

    /** The value rule of {@code name} on a {@code type}; throws INVALID_VALUE if the type has no such property. */
    static Rule rule(ElementType type, String name) {
        Prop p = PROPS.get(name);
        if (p == null || !p.types().contains(type)) {
            throw PropertyRules.invalid("'" + name + "' is not a property of a " + type.wire());
        }
        return p.rule();
    }
}
