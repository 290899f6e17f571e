package dev.journeyboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.server.testing.RawWebSocket;
import dev.journeyboard.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text frames are UTF-8 (RFC 6455): one whose bytes are not is refused and the socket closed with 1007, never
 * decoded with U+FFFD in place of the bad bytes and stored. Sent from a raw socket, as no WebSocket library
 * would send such a frame.
 */
class Utf8FrameTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of());
    static final Duration WAIT = Duration.ofSeconds(20);

    TestServer.Board board;

    @BeforeEach
    void board() {
        board = server.createBoard("UTF-8", "blank");
    }

    private RawWebSocket joined() throws Exception {
        var raw = RawWebSocket.connect(server.port(), board.id(), board.editor());
        raw.sendText("{\"type\":\"hello\",\"v\":1,\"name\":\"raw\",\"client\":\"raw-tab\"}");
        raw.awaitMessageContaining("\"type\":\"welcome\"", WAIT);
        return raw;
    }

    private static byte[] createSticky(String id, byte[] textBytes) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(("{\"type\":\"ops\",\"cid\":1,\"ops\":[{\"op\":\"create\",\"id\":\"" + id
                + "\",\"type\":\"sticky\",\"parent\":null,\"index\":\"V\",\"props\":{\"text\":\"").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(textBytes);
        out.writeBytes("\"}}]}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A lone continuation byte, an overlong '/', an encoded surrogate, a byte never used, a sequence cut short, above U+10FFFF. */
    @ParameterizedTest(name = "bytes {0}")
    @ValueSource(strings = {"80", "c0af", "eda080", "ff", "e4b8", "f4908080"})
    void aTextFrameThatIsNotUtf8IsRefusedAndTheSocketClosedWith1007(String hex) throws Exception {
        try (var raw = joined()) {
            raw.send(RawWebSocket.TEXT, createSticky("s1", HexFormat.of().parseHex("41" + hex + "42")), true);
            var close = raw.awaitClose(WAIT);
            assertThat(close).as("a close frame").isNotNull();
            assertThat(close.closeStatus()).isEqualTo(1007);
        }
        assertThat(boardNow().get("s1")).as("nothing was stored").isNull();
    }

    @Test
    void aCharacterSplitAcrossContinuationFramesIsFine() throws Exception {
        byte[] whole = createSticky("s2", "李娜".getBytes(StandardCharsets.UTF_8));
        int cut = new String(whole, StandardCharsets.UTF_8).indexOf('李') + 1; // inside 李's three bytes
        try (var raw = joined()) {
            raw.send(RawWebSocket.TEXT, java.util.Arrays.copyOfRange(whole, 0, cut), false);
            raw.send(0, java.util.Arrays.copyOfRange(whole, cut, whole.length), true);
            raw.awaitMessageContaining("\"type\":\"applied\"", WAIT);
        }
        assertThat(boardNow().get("s2").props().get("text").textValue()).isEqualTo("李娜");
    }

    @Test
    void invalidBytesInAContinuationFrameAreRefusedToo() throws Exception {
        byte[] whole = createSticky("s3", HexFormat.of().parseHex("e4b8"));
        try (var raw = joined()) {
            raw.send(RawWebSocket.TEXT, java.util.Arrays.copyOfRange(whole, 0, 20), false);
            raw.send(0, java.util.Arrays.copyOfRange(whole, 20, whole.length), true);
            assertThat(raw.awaitClose(WAIT).closeStatus()).isEqualTo(1007);
        }
        assertThat(boardNow().get("s3")).isNull();
    }

    private Document boardNow() {
        try (var check = server.connect(board.id(), board.viewer())) {
            return Document.of(check.hello("check", "check", null).snapshot().elements());
        }
    }
}
