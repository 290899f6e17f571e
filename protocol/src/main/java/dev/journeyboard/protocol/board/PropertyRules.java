package dev.journeyboard.protocol.board;

import static dev.journeyboard.protocol.ErrorCode.INVALID_VALUE;
import static dev.journeyboard.protocol.ErrorCode.TOO_LARGE;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.PropertyTable.Range;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The value rules of properties: the journey attributes and their ranges (emotion -2..2, CSAT 1..5, NPS
 * -100..100, CES 1..7, KANO classes...), shapes of the composite CX values ({@link CompositeRules}). Element
 * references are checked here for shape only; whether they exist is {@link Document}'s. Every message names the
 * property as {@code type.prop} (and the path inside it) and what it must be; the web client's
 * {@code model/values.ts} words them the same.
 */
final class PropertyRules {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern EXT = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Pattern DATE = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})");

    sealed interface Rule {}
    record Str() implements Rule {}
    record Enumerated(List<String> values) implements Rule {}
    /** A whole number in a range (written as an integer; 3.0 counts as 3). */
    record Int(long min, long max) implements Rule {}
    /** Any number, decimals allowed, in a range. */
    record Num(Range range) implements Rule {}
    record Finite() implements Rule {}
    record Positive() implements Rule {}
    record Bool() implements Rule {}
    record Color() implements Rule {}
    /** An element id; which element it must be is {@link Document}'s check. */
    record Ref() implements Rule {}
    record Labels() implements Rule {}
    record Points() implements Rule {}
    record Date() implements Rule {}
    record Ext() implements Rule {}
    record ImageId() implements Rule {}
    record Keywords() implements Rule {}
    record IdList(int max) implements Rule {}
    record History(Range range) implements Rule {}
    record Feedback() implements Rule {}
    record Measure() implements Rule {}
    record EmotionRounds() implements Rule {}

    private PropertyRules() {}

    /** Throws unless {@code value} is valid by {@code rule}; {@code where} is how messages name it ({@code card.csat}). */
    static void check(Rule rule, String where, JsonNode value, Limits limits) {
        switch (rule) {
            case Str s -> checkText(where, value, limits);
            case Enumerated e -> checkOneOf(where, value, e.values());
            case Int i -> checkWhole(where, value, i.min(), i.max());
            case Num n -> checkNumber(where, value, n.range());
            case Finite f -> {
                if (!isFinite(value)) throw invalid(where + " must be a finite number");
            }
            case Positive p -> {
                if (!isFinite(value) || !(value.doubleValue() > 0)) throw invalid(where + " must be a number above 0");
            }
            case Bool b -> {
                if (!value.isBoolean()) throw invalid(where + " must be true or false");
            }
            case Color c -> {
                if (!value.isTextual() || !COLOR.matcher(value.textValue()).matches()) throw invalid(where + " must be a colour #rrggbb");
            }
            case Ref r -> checkId(where, value);
            case Labels l -> {
                CompositeRules.fields(where, value, List.of("zh", "en"), List.of("zh", "en"), "{zh, en}");
                checkText(where + ".zh", value.get("zh"), limits);
                checkText(where + ".en", value.get("en"), limits);
            }
            case Points p -> {
                if (!value.isArray() || value.size() < 2 || value.size() > 2000 || value.size() % 2 != 0)
                    throw invalid(where + " must be an array of 2..2000 numbers of even length");
                for (JsonNode v : value) {
                    if (!isFinite(v)) throw invalid(where + " must hold finite numbers");
                }
            }
            case Date d -> checkDate(where, value);
            case Ext x -> {
                if (!value.isTextual() || !EXT.matcher(value.textValue()).matches())
                    throw invalid(where + " must be 1 to 64 of the characters A-Z a-z 0-9 _ . : -");
            }
            case ImageId m -> {
                if (!value.isTextual() || !ID.matcher(value.textValue()).matches())
                    throw invalid(where + " must be an image id (1 to 64 of A-Z a-z 0-9 _ -)");
            }
            case Keywords k -> CompositeRules.keywords(where, value);
            case IdList l -> CompositeRules.idList(where, value, l.max());
            case History h -> CompositeRules.history(where, value, h.range());
            case Feedback f -> CompositeRules.feedback(where, value, limits);
            case Measure m -> CompositeRules.measure(where, value);
            case EmotionRounds r -> CompositeRules.emotionRounds(where, value, limits);
        }
    }

    static void checkText(String where, JsonNode value, Limits limits) {
        if (value == null || !value.isTextual()) throw invalid(where + " must be a string");
        String s = value.textValue();
        // cheap bound first: a string can't have more code points than chars
        if (s.length() > limits.maxTextLength() && s.codePointCount(0, s.length()) > limits.maxTextLength()) {
            throw new ProtocolException(TOO_LARGE, where + " is longer than " + limits.maxTextLength() + " characters");
        }
    }

    static void checkOneOf(String where, JsonNode value, List<String> values) {
        if (value == null || !value.isTextual() || !values.contains(value.textValue()))
            throw invalid(where + " must be one of " + String.join(", ", values));
    }

    static void checkId(String where, JsonNode value) {
        if (value == null || !value.isTextual() || !ID.matcher(value.textValue()).matches()) throw invalid(where + " must be an element id");
    }

    static void checkWhole(String where, JsonNode value, long min, long max) {
        if (!isWhole(value, min, max)) throw invalid(where + " must be an integer from " + min + " to " + max);
    }

    static void checkNumber(String where, JsonNode value, Range range) {
        if (!isFinite(value) || !range.holds(value.doubleValue())) throw invalid(where + " must be a number " + range);
    }

    static void checkDate(String where, JsonNode value) {
        if (value == null || !value.isTextual() || !isDate(value.textValue())) throw invalid(where + " must be a calendar date YYYY-MM-DD");
    }

    static boolean isFinite(JsonNode v) {
        return v != null && v.isNumber() && Double.isFinite(v.doubleValue());
    }

    /** A whole number from min to max, however it is written ({@code 3} or {@code 3.0}, as JSON does not tell them apart). */
    static boolean isWhole(JsonNode v, long min, long max) {
        if (v == null || !v.isNumber()) return false;
        if (v.isIntegralNumber()) return v.canConvertToLong() && v.longValue() >= min && v.longValue() <= max;
        double d = v.doubleValue();
        return Double.isFinite(d) && d == Math.rint(d) && d >= min && d <= max;
    }

    /** {@code YYYY-MM-DD} naming a day of the (proleptic Gregorian) calendar, year 1 to 9999. */
    static boolean isDate(String s) {
        var m = DATE.matcher(s);
        if (!m.matches()) return false;
        int y = Integer.parseInt(m.group(1)), mo = Integer.parseInt(m.group(2)), d = Integer.parseInt(m.group(3));
        if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
        boolean leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
        int days = switch (mo) {
            case 2 -> leap ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
        return d <= days;
    }

    static ProtocolException invalid(String message) {
        return new ProtocolException(INVALID_VALUE, message);
    }
}
