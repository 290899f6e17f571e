package dev.journeyboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.MessageCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every field of every client message, and of every op and facilitator action, with each kind of wrong value:
 * a valid message is taken, one field is replaced (or removed, where it is required) and the result must be
 * BAD_MESSAGE, never a default silently taken in its place ({@code "set": null} as "no props",
 * {@code "multiplePerCard": "yes"} as false).
 */
class MessageFieldTypesTest {
    /** JSON values of every kind; each row below says which of them a field must refuse. */
    private static final String NULL = "null", TRUE = "true", STRING = "\"x\"", NUMBER = "1", FRACTION = "1.5",
            NEGATIVE = "-1", HUGE = "9007199254740992", OBJECT = "{}", ARRAY = "[]", ARRAY_OF_NUMBERS = "[1]";

    private record Row(String valid, String path, boolean required, List<String> bad) {}

    private static Row field(String valid, String path, boolean required, String... bad) {
        return new Row(valid, path, required, List.of(bad));
    }

    private static final String HELLO = "{\"type\":\"hello\",\"v\":1,\"name\":\"李娜\",\"client\":\"tab-1\",\"lastSeq\":3,\"person\":\"pers-1\"}";
    private static final String CREATE = "{\"type\":\"ops\",\"cid\":1,\"baseSeq\":0,\"ops\":[{\"op\":\"create\",\"id\":\"c1\","
            + "\"type\":\"sticky\",\"parent\":null,\"index\":\"V\",\"props\":{\"text\":\"a\"}}]}";
    private static final String UPDATE = "{\"type\":\"ops\",\"cid\":1,\"ops\":[{\"op\":\"update\",\"id\":\"c1\",\"set\":{\"text\":\"a\"},\"unset\":[\"emotion\"]}]}";
    private static final String DELETE = "{\"type\":\"ops\",\"cid\":1,\"ops\":[{\"op\":\"delete\",\"id\":\"c1\"}]}";
    private static final String MOVE = "{\"type\":\"ops\",\"cid\":1,\"ops\":[{\"op\":\"move\",\"id\":\"c1\",\"parent\":\"f1\",\"index\":\"V\"}]}";
    private static final String BATCH = "{\"type\":\"ops\",\"cid\":1,\"ops\":[{\"op\":\"batch\",\"ops\":[{\"op\":\"delete\",\"id\":\"c1\"}]}]}";
    private static final String PRESENCE = "{\"type\":\"presence\",\"cursor\":{\"x\":1,\"y\":2},\"selection\":[\"c1\"],"
            + "\"viewport\":{\"x\":0,\"y\":0,\"w\":100,\"h\":100,\"zoom\":1}}";
    private static final String VOTE = "{\"type\":\"vote\",\"card\":\"c1\",\"delta\":1}";

    private static String facilitate(String rest) {
        return "{\"type\":\"facilitate\"," + rest + "}";
    }

    static Stream<Arguments> badFields() {
        var rows = List.of(
                field(HELLO, "type", true, NULL, NUMBER, OBJECT, ARRAY),
                field(HELLO, "v", true, NULL, STRING, FRACTION, TRUE, OBJECT, "99999999999"),
                field(HELLO, "name", true, NULL, NUMBER, ARRAY, OBJECT, "\"\"", "\"\\u0000\"", "\"\\u200b\\u200d\"",
                        "\" \\t \"", "\"\\u3164\"", "\"a\\u0007b\"", "\"\\u00ad\""),
                field(HELLO, "client", true, NULL, NUMBER, "\"a b\"", "\"\"", OBJECT),
                field(HELLO, "lastSeq", false, STRING, NEGATIVE, FRACTION, TRUE, HUGE, OBJECT),
                field(HELLO, "person", false, NUMBER, "\"a b\"", "\"\"", OBJECT, TRUE),
                field(CREATE, "cid", true, NULL, STRING, "0", NEGATIVE, FRACTION, HUGE, "1e3", TRUE),
                field(CREATE, "baseSeq", false, STRING, NEGATIVE, FRACTION, HUGE),
                field(CREATE, "ops", true, NULL, OBJECT, STRING, ARRAY, ARRAY_OF_NUMBERS),
                field(CREATE, "ops.0.op", true, NULL, NUMBER, OBJECT),
                field(CREATE, "ops.0.id", true, NULL, NUMBER, OBJECT, ARRAY),
                field(CREATE, "ops.0.type", true, NULL, NUMBER, OBJECT),
                field(CREATE, "ops.0.parent", false, NUMBER, OBJECT, TRUE),
                field(CREATE, "ops.0.index", true, NULL, NUMBER),
                field(CREATE, "ops.0.props", false, NULL, STRING, ARRAY, NUMBER),
                field(UPDATE, "ops.0.id", true, NULL, NUMBER),
                field(UPDATE, "ops.0.set", false, NULL, STRING, ARRAY, NUMBER, TRUE),
                field(UPDATE, "ops.0.unset", false, NULL, STRING, OBJECT, ARRAY_OF_NUMBERS, "[null]"),
                field(DELETE, "ops.0.id", true, NULL, NUMBER, OBJECT),
                field(MOVE, "ops.0.id", true, NULL, NUMBER),
                field(MOVE, "ops.0.parent", false, NUMBER, OBJECT),
                field(MOVE, "ops.0.index", true, NULL, NUMBER),
                field(BATCH, "ops.0.ops", true, NULL, OBJECT, STRING, ARRAY_OF_NUMBERS),
                field(PRESENCE, "cursor", false, STRING, NUMBER, ARRAY, "{\"x\":1}", "{\"x\":\"1\",\"y\":2}"),
                field(PRESENCE, "selection", false, STRING, OBJECT, ARRAY_OF_NUMBERS, "[\"a b\"]", "[null]"),
                field(PRESENCE, "viewport", false, STRING, ARRAY, "{\"x\":0}", "{\"x\":0,\"y\":0,\"w\":1,\"h\":1,\"zoom\":\"1\"}"),
                field(VOTE, "card", true, NULL, NUMBER, OBJECT),
                field(VOTE, "delta", true, NULL, STRING, "0", "2", "-2", FRACTION, "4294967297", TRUE),
                field(facilitate("\"action\":\"timer.start\",\"durationMs\":1000"), "action", true, NULL, NUMBER, OBJECT),
                field(facilitate("\"action\":\"timer.start\",\"durationMs\":1000"), "durationMs", true, NULL, STRING, "0",
                        NEGATIVE, FRACTION, "86400001", HUGE, "99999999999999999999"),
                field(facilitate("\"action\":\"timer.add\",\"ms\":1000"), "ms", true, NULL, STRING, "0", FRACTION, "86400001"),
                field(facilitate("\"action\":\"vote.open\",\"lanes\":[\"l1\"],\"votesPerPerson\":3,\"multiplePerCard\":true"),
                        "lanes", true, NULL, STRING, ARRAY, ARRAY_OF_NUMBERS, "[\"l1\",\"l1\"]", OBJECT),
                field(facilitate("\"action\":\"vote.open\",\"lanes\":[\"l1\"],\"votesPerPerson\":3,\"multiplePerCard\":true"),
                        "votesPerPerson", true, NULL, STRING, "0", "101", FRACTION),
                field(facilitate("\"action\":\"vote.open\",\"lanes\":[\"l1\"],\"votesPerPerson\":3,\"multiplePerCard\":true"),
                        "multiplePerCard", false, NULL, "\"yes\"", NUMBER, "\"true\"", OBJECT),
                field(facilitate("\"action\":\"follow\",\"on\":true"), "on", true, NULL, "\"true\"", NUMBER, "0", OBJECT),
                field(facilitate("\"action\":\"private\",\"on\":false"), "on", true, NULL, "\"false\"", NUMBER),
                field(facilitate("\"action\":\"lock.board\",\"locked\":true"), "locked", true, NULL, "\"yes\"", NUMBER),
                field(facilitate("\"action\":\"cursors.hide\",\"hidden\":true"), "hidden", true, NULL, "\"yes\"", NUMBER),
                field(facilitate("\"action\":\"participant.role\",\"participant\":\"p2\",\"role\":\"viewer\""), "participant",
                        true, NULL, NUMBER, OBJECT),
                field(facilitate("\"action\":\"participant.role\",\"participant\":\"p2\",\"role\":\"viewer\""), "role", true,
                        NULL, NUMBER, "\"owner\"", OBJECT),
                field(facilitate("\"action\":\"participant.remove\",\"participant\":\"p2\""), "participant", true, NULL, NUMBER));
        var out = new ArrayList<Arguments>();
        for (Row r : rows) {
            assertThat(MessageCodec.decodeClient(r.valid())).as("the valid form of " + r.path()).isNotNull();
            if (r.required()) out.add(Arguments.of(r.valid(), r.path(), null));
            for (String b : r.bad()) out.add(Arguments.of(r.valid(), r.path(), b));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{1} = {2} in {0}")
    @MethodSource("badFields")
    void anIllTypedOrMissingFieldIsBadMessage(String valid, String path, String badValue) {
        String json = replaced(valid, path, badValue);
        assertThatThrownBy(() -> MessageCodec.decodeClient(json)).as(json)
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_MESSAGE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"9007199254740991", "1"})
    void cidsUpToTwoToTheFiftyThreeMinusOneAreTaken(String cid) {
        var m = (ClientMessage.Ops) MessageCodec.decodeClient(CREATE.replace("\"cid\":1", "\"cid\":" + cid));
        assertThat(m.cid()).isEqualTo(Long.parseLong(cid));
    }

    @ParameterizedTest
    @ValueSource(strings = {"李", "a", "👩‍💼", " Bo ", "e\u0301", "\u200bAna"})
    void namesWithAVisibleCharacterAreTaken(String name) {
        var hello = (ClientMessage.Hello) MessageCodec.decodeClient(HELLO.replace("李娜", name));
        assertThat(hello.name()).isEqualTo(name.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u200b", "\u200b\u200c\u200d\u2060", "\u00a0\u3000", "\u0301", "\ufe0f", "\u2800", "\u0000"})
    void aNameThatShowsNothingIsRefusedSayingSo(String name) {
        String json = MessageCodec.json().createObjectNode().put("type", "hello").put("v", 1).put("name", name).put("client", "c").toString();
        assertThatThrownBy(() -> MessageCodec.decodeClient(json))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_MESSAGE);
                    assertThat(e.getMessage()).containsAnyOf("visible", "control", "1..64");
                });
    }

    /** {@code valid} with the field at {@code path} (dots, array positions as numbers) set to {@code value}, or removed when null. */
    private static String replaced(String valid, String path, String value) {
        JsonNode root = MessageCodec.parseObject(valid);
        String[] parts = path.split("\\.");
        JsonNode parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = parts[i].matches("\\d+") ? parent.get(Integer.parseInt(parts[i])) : parent.get(parts[i]);
        }
        ObjectNode obj = (ObjectNode) parent;
        String last = parts[parts.length - 1];
        if (value == null) obj.remove(last);
        else obj.set(last, MessageCodec.parseObject("{\"v\":" + value + "}").get("v"));
        return root.toString();
    }
}
