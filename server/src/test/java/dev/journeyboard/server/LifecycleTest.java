package dev.journeyboard.server;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.msg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.testing.Ops;
import dev.journeyboard.server.testing.TestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rooms unload when idle and reload from the store; dead and mute connections are dropped. */
class LifecycleTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("JB_ROOM_IDLE", "300ms", "JB_PING_INTERVAL", "200ms", "JB_IDLE_TIMEOUT", "900ms"));

    private int roomsLoaded() {
        return TestServer.json(server.get("/health").body()).get("rooms").intValue();
    }

    @Test
    void anIdleRoomSnapshotsUnloadsAndReloadsTheSameBoard() throws Exception {
        var board = server.createBoard("reload", "journey");
        try (var a = server.connect(board.id(), board.editor())) {
            a.hello("a", "a", null);
            a.send(msg(1, card("c1", "pain", "use", "一")));
            a.send(msg(2, card("c2", "opp", "use", "二")));
            a.send(msg(3, Ops.text("c1", "一 edited")));
            a.await(ServerMessage.Applied.class, x -> x.cid() == 3);
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (roomsLoaded() > 0 && System.currentTimeMillis() < deadline) Thread.sleep(50);
        assertThat(roomsLoaded()).as("the empty room was unloaded").isZero();
        var snapshot = TestServer.json(java.nio.file.Files.readString(
                server.dataDir().resolve("boards").resolve(board.id()).resolve("snapshot.json")));
        assertThat(snapshot.get("seq").longValue()).as("it snapshotted before unloading").isEqualTo(3);
        try (var b = server.connect(board.id(), board.viewer())) {
            var w = b.hello("b", "b", 1L);
            assertThat(w.seq()).isEqualTo(3);
            // the ops just before the snapshot are still there for a resume
            assertThat(w.missed()).extracting(ServerMessage.Applied::seq).containsExactly(2L, 3L);
        }
        try (var c = server.connect(board.id(), board.viewer())) {
            var w = c.hello("c", "c", null);
            assertThat(w.snapshot().elements()).anySatisfy(e -> assertThat(e.props().path("text").asText()).isEqualTo("一 edited"));
        }
    }

    @Test
    void aConnectionThatStopsAnsweringPingsIsDropped() throws Exception {
        var board = server.createBoard("ping", "blank");
        try (var watcher = server.connect(board.id(), board.viewer()); Socket mute = new Socket("127.0.0.1", server.port())) {
            watcher.hello("watcher", "w", null);
            handshake(mute, board.id(), board.editor());
            sendText(mute.getOutputStream(), "{\"type\":\"hello\",\"v\":1,\"name\":\"mute\",\"client\":\"m\"}");
            var joined = watcher.await(ServerMessage.Joined.class, x -> true);
            // from here on the mute client reads nothing and answers no ping
            var left = watcher.await(ServerMessage.Left.class, x -> true, Duration.ofSeconds(5));
            assertThat(left.id()).isEqualTo(joined.participant().id());
        }
    }

    @Test
    void aConnectionThatNeverSaysHelloIsClosed() {
        var board = server.createBoard("hello", "blank");
        try (var silent = server.connect(board.id(), board.viewer())) {
            assertThat(silent.awaitClosed(Duration.ofSeconds(5))).isTrue();
            assertThat(silent.frames()).anyMatch(f -> f.contains("no hello"));
        }
    }

    private static void handshake(Socket s, String boardId, String token) throws Exception {
        OutputStream out = s.getOutputStream();
        out.write(("GET /ws/boards/" + boardId + "?token=" + token + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new AssertionError("closed during handshake: " + head);
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
    }

    /** One masked text frame, as a browser sends it. */
    private static void sendText(OutputStream out, String text) throws Exception {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        var frame = new java.io.ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) frame.write(payload[i] ^ mask[i % 4]);
        out.write(frame.toByteArray());
        out.flush();
    }
}
