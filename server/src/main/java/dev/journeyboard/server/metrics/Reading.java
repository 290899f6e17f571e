package dev.journeyboard.server.metrics;

import static dev.journeyboard.protocol.ErrorCode.BAD_MESSAGE;
import static dev.journeyboard.protocol.ErrorCode.INVALID_VALUE;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.server.handoff.Metric;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One reading a survey tool pushes: {@code {"touchpoint","metric","value","n"?,"at"?,"target"?}}. Parsing checks
 * everything that can be checked without the board (the card is the room's to find), and names the reading by
 * its place in the request ({@code readings[2].value}).
 *
 * @param touchpoint an {@code ext} key or a card id
 * @param n          responses behind the value, or null (then the card's count is left as it is)
 * @param at         the reading's day, {@code YYYY-MM-DD}; today (UTC) when the request leaves it out
 * @param target     a new target for the metric, or null
 */
public record Reading(int index, String touchpoint, Metric.Kind metric, double value, Long n, String at, Double target) {
    static final List<String> FIELDS = List.of("touchpoint", "metric", "value", "n", "at", "target");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final DateTimeFormatter STRICT = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final long MAX_N = Integer.MAX_VALUE;

    /** @throws ProtocolException BAD_MESSAGE (a missing or ill-typed field), INVALID_VALUE (a value out of its range) */
    static Reading parse(int index, JsonNode r, LocalDate today) {
        String where = "readings[" + index + "]";
        if (r == null || !r.isObject()) throw new ProtocolException(BAD_MESSAGE, where + " must be an object {touchpoint, metric, value, n, at, target}");
        var names = r.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!FIELDS.contains(f)) {
                throw new ProtocolException(BAD_MESSAGE, where + " has an unknown field '" + f + "'; a reading has " + String.join(", ", FIELDS));
            }
        }
        JsonNode tp = r.get("touchpoint");
        if (tp == null || !tp.isTextual() || tp.textValue().isBlank()) {
            throw new ProtocolException(BAD_MESSAGE, where + ".touchpoint must be a card's ext key or id");
        }
        JsonNode m = r.get("metric");
        if (m == null || !m.isTextual()) throw new ProtocolException(BAD_MESSAGE, where + ".metric must be csat, nps or ces");
        Metric.Kind kind = Metric.Kind.of(m.textValue());
        if (kind == null) throw new ProtocolException(INVALID_VALUE, where + ".metric must be csat, nps or ces, not '" + m.textValue() + "'");
        double value = number(r.get("value"), where + ".value", kind, true);
        Long n = null;
        JsonNode nn = r.get("n");
        if (nn != null && !nn.isNull()) {
            if (!nn.isNumber()) throw new ProtocolException(BAD_MESSAGE, where + ".n must be a whole number of responses");
            double d = nn.doubleValue();
            if (d != Math.rint(d) || d < 0 || d > MAX_N) {
                throw new ProtocolException(INVALID_VALUE, where + ".n must be a whole number from 0 to " + MAX_N);
            }
            n = (long) d;
        }
        String at = today.toString();
        JsonNode a = r.get("at");
        if (a != null && !a.isNull()) {
            if (!a.isTextual()) throw new ProtocolException(BAD_MESSAGE, where + ".at must be a date YYYY-MM-DD");
            at = a.textValue();
            if (!isDate(at)) throw new ProtocolException(INVALID_VALUE, where + ".at must be a real date YYYY-MM-DD, not '" + at + "'");
        }
        Double target = null;
        JsonNode t = r.get("target");
        if (t != null && !t.isNull()) target = number(t, where + ".target", kind, false);
        return new Reading(index, tp.textValue().strip(), kind, value, n, at, target);
    }

    static LocalDate todayUtc() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    static boolean isDate(String s) {
        if (!DATE.matcher(s).matches()) return false;
        try {
            LocalDate.parse(s, STRICT);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static double number(JsonNode v, String where, Metric.Kind kind, boolean required) {
        String range = kind.prop() + " must be a number from " + Metric.Kind.format(kind.min) + " to " + Metric.Kind.format(kind.max);
        if (v == null || v.isNull()) {
            if (required) throw new ProtocolException(BAD_MESSAGE, where + " is missing: " + range);
            throw new ProtocolException(BAD_MESSAGE, where + ": " + range);
        }
        if (!v.isNumber()) throw new ProtocolException(BAD_MESSAGE, where + ": " + range + ", not " + v);
        double d = v.doubleValue();
        if (!Double.isFinite(d) || d < kind.min || d > kind.max) throw new ProtocolException(INVALID_VALUE, where + ": " + range + ", not " + v);
        return d;
    }
}
