package dev.journeyboard.protocol.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeyboard.protocol.board.Element;
import java.util.Collection;
import java.util.List;

/**
 * The JSON codec for every message, both directions: the server decodes {@link ClientMessage}s and
 * encodes {@link ServerMessage}s; Java clients (tests, load generator) do the opposite. The work is done by
 * {@link ClientMessageCodec}, {@link ServerMessageCodec} and the field readers of {@link JsonFields}.
 */
public final class MessageCodec {
    public static final int VERSION = 1;

    private MessageCodec() {}

    public static ObjectMapper json() {
        return JsonFields.JSON;
    }

    // ---------------------------------------------------------------- client -> server

    public static ClientMessage decodeClient(byte[] utf8) {
        return ClientMessageCodec.decode(JsonFields.parseObject(utf8));
    }

    public static ClientMessage decodeClient(String text) {
        return ClientMessageCodec.decode(JsonFields.parseObject(text));
    }

    public static byte[] encode(ClientMessage m) {
        return JsonFields.bytes(ClientMessageCodec.toJson(m));
    }

    // ---------------------------------------------------------------- server -> client

    public static byte[] encode(ServerMessage m) {
        return JsonFields.bytes(ServerMessageCodec.toJson(m));
    }

    /** For text frames: the same JSON as {@link #encode(ServerMessage)}, as a string. */
    public static String encodeText(ServerMessage m) {
        return JsonFields.text(ServerMessageCodec.toJson(m));
    }

    /** A {@code batch} frame from messages encoded already (each once, for every socket). */
    public static byte[] encodeBatch(List<byte[]> encoded) {
        return ServerMessageCodec.batch(encoded);
    }

    /** A JSON array of elements, for {@link #encodeWelcome} to splice into many welcomes. */
    public static String encodeElements(Collection<Element> elements) {
        return ServerMessageCodec.elementsText(elements);
    }

    /**
     * A welcome as text; with {@code elementsJson} (from {@link #encodeElements}) its snapshot's elements are
     * that pre-encoded array instead of {@code w.snapshot().elements()}: a board joined by many is encoded once.
     */
    public static String encodeWelcome(ServerMessage.Welcome w, String elementsJson) {
        return ServerMessageCodec.welcomeText(w, elementsJson);
    }

    public static ServerMessage decodeServer(byte[] utf8) {
        return ServerMessageCodec.decode(JsonFields.parseObject(utf8));
    }

    public static ServerMessage decodeServer(String text) {
        return ServerMessageCodec.decode(JsonFields.parseObject(text));
    }

    /** Decodes an {@code applied} message: also the op-log record format of the stores. */
    public static ServerMessage.Applied applied(JsonNode n) {
        return ServerMessageCodec.applied(n);
    }

    // ---------------------------------------------------------------- plumbing

    public static byte[] bytes(JsonNode node) {
        return JsonFields.bytes(node);
    }

    public static JsonNode parseObject(byte[] utf8) {
        return JsonFields.parseObject(utf8);
    }

    public static JsonNode parseObject(String text) {
        return JsonFields.parseObject(text);
    }
}
