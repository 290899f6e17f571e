package dev.journeyboard.server.voc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * One imported piece of customer feedback, as its log record holds it. Which card it belongs to can change later
 * (tagging), so that lives in the index, not here.
 *
 * @param ordinal    its place in the board's log, from 1; the id is {@code f<ordinal>}
 * @param date       {@code YYYY-MM-DD} from the file, or null
 * @param rating     0..10 from the file, or null
 * @param touchpoint the file's touchpoint cell as written, or null
 * @param row        the row of the file it came from
 * @param at         when it was imported (ms since 1970)
 */
record FeedbackItem(int ordinal, String text, String channel, String date, Double rating, String touchpoint, int row, long at) {

    String id() {
        return "f" + ordinal;
    }

    /** The date it sorts by: its own, else the day it was imported. */
    String day() {
        return date != null ? date : Instant.ofEpochMilli(at).atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** The log record: the item and the card it was filed under at import ({@code match}: touchpoint or keywords). */
    ObjectNode record(String card, String match) {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("t", "item").put("id", id()).put("text", text);
        if (channel != null) o.put("channel", channel);
        if (date != null) o.put("date", date);
        if (rating != null) o.set("rating", number(rating));
        if (touchpoint != null) o.put("touchpoint", touchpoint);
        if (card != null) o.put("card", card).put("match", match);
        return o.put("row", row).put("at", at);
    }

    /** 4 rather than 4.0 on the wire. */
    static JsonNode number(double v) {
        return v == Math.rint(v) ? JsonNodeFactory.instance.numberNode((long) v) : JsonNodeFactory.instance.numberNode(v);
    }

    static FeedbackItem fromRecord(JsonNode r) {
        String id = r.path("id").textValue();
        return new FeedbackItem(Integer.parseInt(id.substring(1)), r.path("text").textValue(), r.path("channel").textValue(),
                r.path("date").textValue(), r.path("rating").isNumber() ? r.get("rating").doubleValue() : null,
                r.path("touchpoint").textValue(), r.path("row").intValue(), r.path("at").longValue());
    }
}
