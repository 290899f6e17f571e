package dev.journeyboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.testing.CardStorm;
import dev.journeyboard.server.testing.CrashRun;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link CrashTest} in early-broadcast mode: a watcher is shown edits before they are durable, senders are
 * acknowledged only once they are. SIGKILL mid-stream, restart: every op acknowledged to its sender is there,
 * and the watcher, whose lastSeq may be ahead of the board or name seqs that now hold other edits, resumes with
 * a snapshot of the board as saved (never a {@code missed} list on top of what it saw).
 */
class EarlyBroadcastCrashTest {
    @Test
    void killNineLosesNoAcknowledgedOpAndWatchersResync() throws Exception {
        try (var run = new CrashRun("--ops-per-second", "10000", "--early-broadcast")) {
            var board = run.board();
            // each editor's own applied messages: its acks
            var acknowledged = new ConcurrentHashMap<Long, ServerMessage.Applied>();
            var watcher = run.connect(board.viewer());
            watcher.hello("watcher", "watcher", null);
            var storm = run.storm(3, a -> acknowledged.put(a.seq(), a));
            var watched = new AtomicLong();
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline && acknowledged.size() < 300) {
                for (ServerMessage m : watcher.drain()) if (m instanceof ServerMessage.Applied a) watched.set(a.seq());
                Thread.sleep(5);
            }
            run.kill9();
            storm.stop();
            for (ServerMessage m : watcher.drain()) if (m instanceof ServerMessage.Applied a) watched.set(a.seq());
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(300);

            run.restart();
            var check = run.connect(board.viewer());
            var w = check.hello("check", "check", null);
            CardStorm.assertBoardHoldsEvery(w, acknowledged.values());
            long loaded = w.seq();
            if (watched.get() > loaded) {
                // others edit after the restart, past what the watcher was shown: its lastSeq now names other edits
                var late = run.connect(board.editor());
                late.hello("late", "late", null);
                for (long cid = 1; cid <= watched.get() - loaded + 1; cid++) {
                    var p = JsonNodeFactory.instance.objectNode().put("stage", "stage-use").put("text", "after #" + cid);
                    late.send(new ClientMessage.Ops(cid, null, List.of(new Op.Create("late-" + cid, ElementType.CARD, "lane-pain", "V", p))));
                    long c = cid;
                    late.await(ServerMessage.Applied.class, x -> x.cid() == c && x.client().equals("late"));
                }
                late.close();
            } else {
                System.err.println("EarlyBroadcastCrashTest: the watcher was shown no more than was saved (" + watched.get() + " <= " + loaded
                        + "); the resume into taken-back seqs was not exercised this run");
            }
            var now = Document.of(run.connect(board.viewer()).hello("now", "now", null).snapshot().elements());
            var back = run.connect(board.viewer());
            var rw = back.hello("watcher", "watcher", watched.get());
            if (watched.get() > loaded) {
                assertThat(rw.missed()).as("a resume into seqs a crash may have taken back gets a snapshot").isNull();
                assertThat(Document.of(rw.snapshot().elements()).elements()).containsExactlyInAnyOrderElementsOf(now.elements());
            }
            back.close();
            check.close();
        }
    }
}
