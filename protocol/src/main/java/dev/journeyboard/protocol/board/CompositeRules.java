package dev.journeyboard.protocol.board;

import static dev.journeyboard.protocol.board.PropertyRules.checkDate;
import static dev.journeyboard.protocol.board.PropertyRules.checkId;
import static dev.journeyboard.protocol.board.PropertyRules.checkNumber;
import static dev.journeyboard.protocol.board.PropertyRules.checkOneOf;
import static dev.journeyboard.protocol.board.PropertyRules.checkText;
import static dev.journeyboard.protocol.board.PropertyRules.checkWhole;
import static dev.journeyboard.protocol.board.PropertyRules.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.board.PropertyTable.Range;
import java.util.HashSet;
import java.util.List;

/**
 * Shapes of the composite CX values: metric history, feedback summaries, success measures, emotion-round results,
 * keyword and id lists. Checked in a fixed order (unknown fields, missing fields, then each field in the order
 * of the documentation) so that both implementations report the same first fault.
 */
final class CompositeRules {
    static final int MAX_HISTORY = 60;
    static final int MAX_KEYWORDS = 20;
    static final int MAX_KEYWORD_LENGTH = 40;
    static final int MAX_QUOTES = 3;
    static final int MAX_ROUNDS = 20;
    private static final Range RATING = new Range(0, 10);
    private static final Range EMOTION = new Range(-2, 2);
    private static final Range SPREAD = new Range(0, 2);
    /** Milliseconds since 1970 up to 2^53 - 1, what a browser's number holds exactly. */
    private static final long MAX_TIME = 9_007_199_254_740_991L;

    private CompositeRules() {}

    /** An object with only {@code allowed} fields and every {@code required} one. */
    static void fields(String where, JsonNode value, List<String> allowed, List<String> required, String shape) {
        if (value == null || !value.isObject()) throw invalid(where + " must be an object " + shape);
        var names = value.fieldNames();
        while (names.hasNext()) {
            if (!allowed.contains(names.next())) throw invalid(where + " has only the fields " + and(allowed));
        }
        for (String r : required) {
            if (!value.has(r)) throw invalid(where + " needs " + and(required));
        }
    }

    /** {@code a, b and c} */
    static String and(List<String> words) {
        if (words.size() == 1) return words.getFirst();
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.getLast();
    }

    static void keywords(String where, JsonNode value) {
        if (!value.isArray() || value.size() > MAX_KEYWORDS) throw invalid(where + " must be an array of at most " + MAX_KEYWORDS + " keywords");
        for (int i = 0; i < value.size(); i++) {
            JsonNode k = value.get(i);
            int n = k.isTextual() ? k.textValue().codePointCount(0, k.textValue().length()) : 0;
            if (n < 1 || n > MAX_KEYWORD_LENGTH) {
                throw invalid(where + "[" + i + "] must be a string of 1 to " + MAX_KEYWORD_LENGTH + " characters");
            }
        }
    }

    static void idList(String where, JsonNode value, int max) {
        if (!value.isArray() || value.size() > max) throw invalid(where + " must be an array of at most " + max + " element ids");
        var seen = new HashSet<String>();
        for (int i = 0; i < value.size(); i++) {
            checkId(where + "[" + i + "]", value.get(i));
            if (!seen.add(value.get(i).textValue())) throw invalid(where + " names '" + value.get(i).textValue() + "' twice");
        }
    }

    /** Readings oldest first: strictly increasing dates, values in the metric's range. */
    static void history(String where, JsonNode value, Range range) {
        if (!value.isArray() || value.size() > MAX_HISTORY) {
            throw invalid(where + " must be an array of at most " + MAX_HISTORY + " readings {at, value}");
        }
        String previous = null;
        for (int i = 0; i < value.size(); i++) {
            String w = where + "[" + i + "]";
            JsonNode r = value.get(i);
            fields(w, r, List.of("at", "value"), List.of("at", "value"), "{at, value}");
            checkDate(w + ".at", r.get("at"));
            String at = r.get("at").textValue();
            if (previous != null && at.compareTo(previous) <= 0) throw invalid(w + ".at must be after " + previous);
            previous = at;
            checkNumber(w + ".value", r.get("value"), range);
        }
    }

    /** The server's summary of a card's imported feedback. */
    static void feedback(String where, JsonNode value, Limits limits) {
        fields(where, value, List.of("count", "rating", "quotes"), List.of("count"), "{count, rating, quotes}");
        checkWhole(where + ".count", value.get("count"), 0, PropertyTable.MAX_INT);
        if (value.has("rating")) checkNumber(where + ".rating", value.get("rating"), RATING);
        if (!value.has("quotes")) return;
        JsonNode quotes = value.get("quotes");
        if (!quotes.isArray() || quotes.size() > MAX_QUOTES) throw invalid(where + ".quotes must be an array of at most " + MAX_QUOTES + " quotes");
        for (int i = 0; i < quotes.size(); i++) {
            String w = where + ".quotes[" + i + "]";
            JsonNode q = quotes.get(i);
            fields(w, q, List.of("text", "date", "rating", "channel"), List.of("text"), "{text, date, rating, channel}");
            checkText(w + ".text", q.get("text"), limits);
            if (q.has("date")) checkDate(w + ".date", q.get("date"));
            if (q.has("rating")) checkNumber(w + ".rating", q.get("rating"), RATING);
            if (q.has("channel")) checkText(w + ".channel", q.get("channel"), limits);
        }
        if (value.get("count").doubleValue() < quotes.size()) throw invalid(where + ".count must be at least the number of quotes");
    }

    /** Which touchpoint metric an action should move, from what to what. */
    static void measure(String where, JsonNode value) {
        fields(where, value, List.of("touchpoint", "metric", "from", "to"), List.of("touchpoint", "metric"), "{touchpoint, metric, from, to}");
        checkId(where + ".touchpoint", value.get("touchpoint"));
        checkOneOf(where + ".metric", value.get("metric"), PropertyTable.METRIC_NAMES);
        Range range = PropertyTable.METRICS.get(value.get("metric").textValue());
        if (value.has("from")) checkNumber(where + ".from", value.get("from"), range);
        if (value.has("to")) checkNumber(where + ".to", value.get("to"), range);
    }

    /** Closed emotion rounds, in round order: the scores' mean, spread and count. */
    static void emotionRounds(String where, JsonNode value, Limits limits) {
        if (!value.isArray() || value.size() > MAX_ROUNDS) throw invalid(where + " must be an array of at most " + MAX_ROUNDS + " rounds");
        long previous = 0;
        for (int i = 0; i < value.size(); i++) {
            String w = where + "[" + i + "]";
            JsonNode r = value.get(i);
            fields(w, r, List.of("round", "label", "at", "mean", "sd", "min", "max", "n"),
                    List.of("round", "at", "mean", "sd", "min", "max", "n"), "{round, label, at, mean, sd, min, max, n}");
            checkWhole(w + ".round", r.get("round"), 1, PropertyTable.MAX_INT);
            long round = (long) r.get("round").doubleValue();
            if (i > 0 && round <= previous) throw invalid(w + ".round must be above " + previous);
            previous = round;
            if (r.has("label")) checkText(w + ".label", r.get("label"), limits);
            checkWhole(w + ".at", r.get("at"), 0, MAX_TIME);
            checkNumber(w + ".mean", r.get("mean"), EMOTION);
            checkNumber(w + ".sd", r.get("sd"), SPREAD);
            checkWhole(w + ".min", r.get("min"), EMOTION.min(), EMOTION.max());
            checkWhole(w + ".max", r.get("max"), EMOTION.min(), EMOTION.max());
            checkWhole(w + ".n", r.get("n"), 1, PropertyTable.MAX_INT);
            double mean = r.get("mean").doubleValue();
            if (r.get("min").doubleValue() > mean || mean > r.get("max").doubleValue()) {
                throw invalid(w + " must have min <= mean <= max");
            }
        }
    }
}
