package dev.journeyboard.protocol.board;

import static dev.journeyboard.protocol.ErrorCode.INVALID_VALUE;
import static dev.journeyboard.protocol.ErrorCode.TOO_LARGE;
import static dev.journeyboard.protocol.board.ElementType.CARD;
import static dev.journeyboard.protocol.board.ElementType.CONNECTOR;
import static dev.journeyboard.protocol.board.ElementType.INK;
import static dev.journeyboard.protocol.board.ElementType.LANE;
import static dev.journeyboard.protocol.board.ElementType.SHAPE;
import static dev.journeyboard.protocol.board.ElementType.STAGE;
import static dev.journeyboard.protocol.board.ElementType.STICKY;
import static dev.journeyboard.protocol.board.ElementType.TEXT;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.ProtocolException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which properties each element type has and which values they take: the journey attributes and their
 * ranges (emotion -2..2, CSAT 1..5, NPS -100..100, CES 1..7, KANO classes...). Element references
 * ({@code stage}, {@code from}, {@code to}) are checked for shape here and for existence by {@link Document}.
 */
final class PropertyRules {
    static final Set<String> LANE_KINDS = Set.of("persona", "actions", "touchpoints", "channels", "thoughts",
            "emotions", "painpoints", "opportunities", "owners", "metrics", "backstage", "custom");
    static final Set<String> KANO = Set.of("must-be", "performance", "attractive", "indifferent", "reverse");
    static final Set<String> SHAPES = Set.of("rect", "ellipse");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private sealed interface Rule {}
    private record Str() implements Rule {}
    private record Enumerated(Set<String> values) implements Rule {}
    private record Int(long min, long max) implements Rule {}
    private record Num(double minExclusive, double max) implements Rule {}
    private record Bool() implements Rule {}
    private record Color() implements Rule {}
    private record Ref() implements Rule {}
    private record Labels() implements Rule {}
    private record Points() implements Rule {}

    private record Prop(Rule rule, Set<ElementType> types) {}

    private static final Set<ElementType> ALL = EnumSet.allOf(ElementType.class);
    private static final Map<String, Prop> PROPS = Map.ofEntries(
            Map.entry("title", new Prop(new Str(), EnumSet.of(STAGE, LANE))),
            Map.entry("labels", new Prop(new Labels(), EnumSet.of(STAGE, LANE))),
            Map.entry("kind", new Prop(new Enumerated(LANE_KINDS), EnumSet.of(LANE))),
            Map.entry("stage", new Prop(new Ref(), EnumSet.of(CARD))),
            Map.entry("text", new Prop(new Str(), EnumSet.of(CARD, STICKY, TEXT, SHAPE))),
            Map.entry("color", new Prop(new Color(), ALL)),
            Map.entry("emotion", new Prop(new Int(-2, 2), EnumSet.of(CARD))),
            Map.entry("mot", new Prop(new Bool(), EnumSet.of(CARD))),
            Map.entry("kano", new Prop(new Enumerated(KANO), EnumSet.of(CARD))),
            Map.entry("csat", new Prop(new Int(1, 5), EnumSet.of(CARD))),
            Map.entry("nps", new Prop(new Int(-100, 100), EnumSet.of(CARD))),
            Map.entry("ces", new Prop(new Int(1, 7), EnumSet.of(CARD))),
            Map.entry("owner", new Prop(new Str(), EnumSet.of(CARD))),
            Map.entry("votes", new Prop(new Int(0, Integer.MAX_VALUE), EnumSet.of(CARD, STICKY))),
            Map.entry("x", new Prop(new Num(Double.NEGATIVE_INFINITY, Double.MAX_VALUE), EnumSet.of(STICKY, TEXT, SHAPE, INK))),
            Map.entry("y", new Prop(new Num(Double.NEGATIVE_INFINITY, Double.MAX_VALUE), EnumSet.of(STICKY, TEXT, SHAPE, INK))),
            Map.entry("w", new Prop(new Num(0, Double.MAX_VALUE), EnumSet.of(STICKY, TEXT, SHAPE))),
            Map.entry("h", new Prop(new Num(0, Double.MAX_VALUE), EnumSet.of(STICKY, TEXT, SHAPE))),
            Map.entry("shape", new Prop(new Enumerated(SHAPES), EnumSet.of(SHAPE))),
            Map.entry("from", new Prop(new Ref(), EnumSet.of(CONNECTOR))),
            Map.entry("to", new Prop(new Ref(), EnumSet.of(CONNECTOR))),
            Map.entry("points", new Prop(new Points(), EnumSet.of(INK))),
            Map.entry("size", new Prop(new Num(0.999999, 200), EnumSet.of(TEXT, INK))),
            Map.entry("locked", new Prop(new Bool(), ALL)),
            Map.entry("private", new Prop(new Ref(), EnumSet.of(CARD, STICKY, TEXT, SHAPE, CONNECTOR, INK))));

    /** Properties only a facilitator sets: locks, and the private-writing mark (set by the room). */
    static final Set<String> FACILITATOR_ONLY = Set.of("locked", "private");

    /** Properties naming other elements: what makes an element a dependent of another. */
    static final Set<String> REFERENCES = Set.of("stage", "from", "to");

    private PropertyRules() {}

    /** Throws unless {@code name} is a property of {@code type}. */
    static void checkKnown(ElementType type, String name) {
        Prop p = PROPS.get(name);
        if (p == null || !p.types().contains(type)) {
            throw invalid("'" + name + "' is not a property of a " + type.wire());
        }
    }

    /** Throws unless {@code value} is a valid value of property {@code name} on a {@code type}. */
    static void check(ElementType type, String name, JsonNode value, Limits limits) {
        checkKnown(type, name);
        Rule rule = PROPS.get(name).rule();
        String where = type.wire() + "." + name;
        switch (rule) {
            case Str s -> checkText(where, value, limits);
            case Enumerated e -> {
                if (!value.isTextual() || !e.values().contains(value.textValue()))
                    throw invalid(where + " must be one of " + e.values());
            }
            case Int i -> {
                if (!value.isIntegralNumber() || !value.canConvertToLong()
                        || value.longValue() < i.min() || value.longValue() > i.max())
                    throw invalid(where + " must be an integer from " + i.min() + " to " + i.max());
            }
            case Num n -> {
                if (!value.isNumber() || !Double.isFinite(value.doubleValue())
                        || !(value.doubleValue() > n.minExclusive()) || value.doubleValue() > n.max())
                    throw invalid(where + " must be a finite number" + (n.minExclusive() > -1e300 ? " above " + n.minExclusive() : ""));
            }
            case Bool b -> {
                if (!value.isBoolean()) throw invalid(where + " must be true or false");
            }
            case Color c -> {
                if (!value.isTextual() || !COLOR.matcher(value.textValue()).matches())
                    throw invalid(where + " must be a colour #rrggbb");
            }
            case Ref r -> {
                if (!value.isTextual() || !ID.matcher(value.textValue()).matches())
                    throw invalid(where + " must be an element id");
            }
            case Labels l -> {
                if (!value.isObject()) throw invalid(where + " must be an object {zh, en}");
                var it = value.fields();
                while (it.hasNext()) {
                    var f = it.next();
                    if (!f.getKey().equals("zh") && !f.getKey().equals("en"))
                        throw invalid(where + " has only the languages zh and en");
                    checkText(where + "." + f.getKey(), f.getValue(), limits);
                }
            }
            case Points p -> {
                if (!value.isArray() || value.size() < 2 || value.size() > 2000 || value.size() % 2 != 0)
                    throw invalid(where + " must be an array of 2..2000 numbers of even length");
                for (JsonNode v : value) {
                    if (!v.isNumber() || !Double.isFinite(v.doubleValue()))
                        throw invalid(where + " must hold finite numbers");
                }
            }
        }
    }

    private static void checkText(String where, JsonNode value, Limits limits) {
        if (!value.isTextual()) throw invalid(where + " must be a string");
        String s = value.textValue();
        // cheap bound first: a string can't have more code points than chars
        if (s.length() > limits.maxTextLength() && s.codePointCount(0, s.length()) > limits.maxTextLength()) {
            throw new ProtocolException(TOO_LARGE, where + " is longer than " + limits.maxTextLength() + " characters");
        }
    }

    static ProtocolException invalid(String message) {
        return new ProtocolException(INVALID_VALUE, message);
    }
}
