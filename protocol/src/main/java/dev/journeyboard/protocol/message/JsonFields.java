package dev.journeyboard.protocol.message;

import static dev.journeyboard.protocol.ErrorCode.BAD_MESSAGE;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.journeyboard.protocol.ProtocolException;
import java.io.IOException;

/**
 * The JSON plumbing both message codecs share: one configured mapper, parsing into an object, and readers
 * for the fields every message uses, each failing with BAD_MESSAGE and a message naming the field.
 */
final class JsonFields {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // emoji as 4-byte UTF-8, not as escaped surrogate pairs
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8.mappedFeature());
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonFields() {}

    static JsonNode parseObject(byte[] utf8) {
        try {
            return requireObject(JSON.readTree(utf8));
        } catch (IOException e) {
            throw bad("not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    static JsonNode parseObject(String text) {
        try {
            return requireObject(JSON.readTree(text));
        } catch (IOException e) {
            throw bad("not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    static JsonNode requireObject(JsonNode n) {
        if (n == null || !n.isObject()) throw bad("a message must be a JSON object");
        return n;
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a JSON tree", e); // a tree always encodes
        }
    }

    static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a JSON tree", e);
        }
    }

    static String type(JsonNode n) {
        JsonNode t = n.get("type");
        if (t == null || !t.isTextual()) throw bad("a message needs a string 'type'");
        return t.textValue();
    }

    /**
     * The largest integer every client can hold exactly: a JavaScript number is a double, so a cid or seq above
     * 2^53 - 1 would be rounded in a browser (and two different cids would look the same).
     */
    static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    static Long optionalSeq(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0 || v.longValue() > MAX_SAFE_INTEGER) {
            throw bad(where + ": '" + field + "' must be a seq from 0 to " + MAX_SAFE_INTEGER);
        }
        return v.longValue();
    }

    static long positiveLong(JsonNode n, String field, long max) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() <= 0 || v.longValue() > max) {
            throw bad("'" + field + "' must be an integer from 1 to " + max);
        }
        return v.longValue();
    }

    static boolean bool(JsonNode n, String field) {
        if (!n.path(field).isBoolean()) throw bad("'" + field + "' must be true or false");
        return n.get(field).booleanValue();
    }

    /** A boolean that may be left out (then {@code absent}); present, it must be true or false, never "yes" or null. */
    static boolean optionalBool(JsonNode n, String field, boolean absent) {
        if (!n.has(field)) return absent;
        return bool(n, field);
    }

    static String requiredText(JsonNode n, String field) {
        if (!n.path(field).isTextual()) throw bad("'" + field + "' must be a string");
        return n.get(field).textValue();
    }

    static boolean finite(JsonNode v) {
        return v != null && v.isNumber() && Double.isFinite(v.doubleValue());
    }

    static ProtocolException bad(String message) {
        return new ProtocolException(BAD_MESSAGE, message);
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
