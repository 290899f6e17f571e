package dev.journeyboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.board.Actor;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.Limits;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.testing.RawWebSocket;
import dev.journeyboard.server.testing.TestServer;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11: a socket that stops reading must not make the server hold every broadcast. One raw client says hello
 * and then never reads again (a tiny receive buffer, so the server's writes back up at once) while an editor
 * writes large texts. The server's memory (heap after GC plus direct buffers) stays bounded, the slow socket is
 * closed with 4408 "too slow", the editor is unaffected, and the slow client, resuming, converges.
 */
class SlowReaderTest {
    static final int MESSAGES = 120;
    static final int TEXT = 150_000; // ~18 MB of broadcasts in all, far above the bound

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("JB_MAX_QUEUED_BYTES", "262144", "JB_MAX_TEXT_LENGTH", "200000",
            "JB_OPS_PER_SECOND", "1000", "JB_RESUME_TAIL", "20"));

    @Test
    void aSocketThatStopsReadingIsClosedAndItsQueueReleased() throws Exception {
        var board = server.createBoard("慢读者", "blank");
        try (var editor = RawWebSocket.connect(server.port(), board.id(), board.editor());
             var slow = RawWebSocket.connect(server.port(), board.id(), board.viewer(), 4096)) {
            editor.sendText("{\"type\":\"hello\",\"v\":1,\"name\":\"editor\",\"client\":\"editor\"}");
            editor.awaitMessageContaining("\"welcome\"", Duration.ofSeconds(20));
            editor.sendText("{\"type\":\"ops\",\"cid\":1,\"ops\":[{\"op\":\"create\",\"id\":\"s1\",\"type\":\"sticky\",\"parent\":null,\"index\":\"V\",\"props\":{}}]}");
            editor.awaitMessageContaining("\"cid\":1", Duration.ofSeconds(20));
            slow.sendText("{\"type\":\"hello\",\"v\":1,\"name\":\"slow\",\"client\":\"slow\"}");
            var welcome = (ServerMessage.Welcome) MessageCodec.decodeServer(slow.awaitMessageContaining("\"welcome\"", Duration.ofSeconds(20)).payload());
            long before = serverMemory();
            String big = "慢".repeat(TEXT / 3) + "x".repeat(TEXT - TEXT / 3);
            for (int cid = 2; cid <= MESSAGES + 1; cid++) {
                editor.sendText("{\"type\":\"ops\",\"cid\":" + cid + ",\"ops\":[{\"op\":\"update\",\"id\":\"s1\",\"set\":{\"text\":\"" + cid + big + "\"}}]}");
                editor.awaitMessageContaining("\"cid\":" + cid + ",", Duration.ofSeconds(30)); // the editor is served all along
            }
            long grown = serverMemory() - before;
            assertThat(grown).as("server memory grew by %d bytes while %d MB were broadcast", grown, MESSAGES * TEXT / 1_000_000)
                    .isLessThan(8L << 20);
            assertThat(server.get("/metrics").body()).contains("jb_sockets_too_slow_total 1.0");
            var close = slow.awaitClose(Duration.ofSeconds(60));
            if (close != null) assertThat(close.closeStatus()).as("the close frame, when it gets through").isEqualTo(4408);
        }
        // the slow client comes back and resumes from where it was: it converges
        Document truth;
        try (var check = server.connect(board.id(), board.viewer())) {
            truth = Document.of(check.hello("check", "check", null).snapshot().elements());
        }
        try (var back = server.connect(board.id(), board.viewer())) {
            var w = back.hello("slow", "slow", null);
            assertThat(Document.of(w.snapshot().elements())).isEqualTo(truth);
        }
    }

    /** Live heap after a GC plus the JVM's direct buffers (where Netty queues what a socket has not taken). */
    private static long serverMemory() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        long direct = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) direct += pool.getMemoryUsed();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() + direct;
    }
}
