package dev.journeyboard.server.store;

import static dev.journeyboard.server.testing.VertxContract.await;
import static dev.journeyboard.server.testing.VertxContract.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.history.HistorySettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history contract on the embedded store, plus its durability order: a snapshot lets go of no op before the
 * history holds it durably, a failed history write fails the snapshot and leaves the log as it was, and a crash
 * between the history and the snapshot leaves neither a gap nor an op twice.
 */
class EmbeddedHistoryTest extends BoardHistoryContract {
    @TempDir
    Path dataDir;
    /**
     * When above 0, the write that many writes from now fails as a full disk does. A snapshot that is due a segment
     * and a checkpoint writes, in order: the history's segment, its checkpoint, tail.log, snapshot.json.
     */
    private final AtomicInteger failIn = new AtomicInteger();

    private final DiskIo io = new DiskIo() {
        @Override
        public int write(FileChannel ch, ByteBuffer src, long position) throws IOException {
            if (failIn.get() > 0 && failIn.decrementAndGet() == 0) throw new IOException("No space left on device");
            return ch.write(src, position);
        }
    };

    @Override
    BoardStore newStore(int resumeTail, HistorySettings history) {
        return new EmbeddedStore(vertx, dataDir, resumeTail, io, EmbeddedStore.SEGMENT_BYTES, 1, history);
    }

    private Path historyDir(BoardMeta m) {
        return dataDir.resolve("boards").resolve(m.id()).resolve(EmbeddedHistory.DIR);
    }

    private List<String> historyFiles(BoardMeta m) throws IOException {
        return EmbeddedHistory.names(EmbeddedHistory.list(historyDir(m).getParent()));
    }

    @Test
    void historyFilesAreCheckpointsAndSegmentsBesideTheSnapshot() throws IOException {
        open(every(CHECKPOINT_EVERY));
        BoardMeta m = edited(28);
        assertThat(historyFiles(m)).containsExactly(
                EmbeddedHistory.checkpointName(0), EmbeddedHistory.checkpointName(14), EmbeddedHistory.checkpointName(28),
                EmbeddedHistory.segmentName(1, 7), EmbeddedHistory.segmentName(8, 14), EmbeddedHistory.segmentName(15, 21),
                EmbeddedHistory.segmentName(22, 28));
        try (var s = Files.list(historyDir(m))) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList()).isEmpty();
        }
    }

    @Test
    void aFailedHistoryWriteFailsTheSnapshotAndTheLogKeepsEveryOp() throws IOException {
        open(every(CHECKPOINT_EVERY));
        BoardMeta m = edited(13);
        failIn.set(1); // the history's segment
        assertThat(failure(store.snapshot(m.id(), new Snapshot(13, new ArrayList<>(expected.get(13).elements()), Map.of()))))
                .isInstanceOf(StoreUnavailableException.class);
        // nothing was let go of: the snapshot is the old one, the log still has 8..13
        StoredBoard b = await(store.load(m.id()));
        assertThat(b.snapshot().seq()).isEqualTo(7);
        assertThat(b.log().getLast().seq()).isEqualTo(13);
        assertThat(historyFiles(m)).doesNotContain(EmbeddedHistory.segmentName(8, 13));
        open(every(CHECKPOINT_EVERY)); // the probe would bring it up; a restart does too
        await(store.snapshot(m.id(), new Snapshot(13, new ArrayList<>(expected.get(13).elements()), Map.of())));
        for (long s = 0; s <= 13; s++) assertThat(at(m, s)).as("seq " + s).isEqualTo(expected.get((int) s));
    }

    @Test
    void aCrashBetweenTheHistoryAndTheSnapshotLeavesNoGapAndNoOpTwice() throws IOException {
        open(every(CHECKPOINT_EVERY));
        BoardMeta m = edited(13);
        failIn.set(3); // tail.log: the history is written, the snapshot is not, as if the server died there
        assertThat(failure(store.snapshot(m.id(), new Snapshot(13, new ArrayList<>(expected.get(13).elements()), Map.of()))))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(historyFiles(m)).contains(EmbeddedHistory.segmentName(8, 13));
        open(every(CHECKPOINT_EVERY));
        assertThat(await(store.load(m.id())).snapshot().seq()).isEqualTo(7);
        var more = new ArrayList<dev.journeyboard.protocol.message.ServerMessage.Applied>();
        var doc = expected.get(13).copy();
        for (long k = 14; k <= 16; k++) {
            var a = applied(k);
            doc.apply(a.ops(), dev.journeyboard.protocol.board.Actor.SERVER, dev.journeyboard.protocol.board.Limits.UNLIMITED);
            expected.add(doc.copy());
            more.add(a);
        }
        await(store.append(m.id(), more));
        await(store.snapshot(m.id(), new Snapshot(16, new ArrayList<>(doc.elements()), Map.of())));
        assertThat(historyFiles(m)).contains(EmbeddedHistory.segmentName(8, 13), EmbeddedHistory.segmentName(14, 16));
        for (long s = 0; s <= 16; s++) assertThat(at(m, s)).as("seq " + s).isEqualTo(expected.get((int) s));
    }

    @Test
    void aDamagedSegmentIsAnErrorNotAnEmptyHistory() throws IOException {
        open(every(CHECKPOINT_EVERY));
        BoardMeta m = edited(14);
        Path seg = historyDir(m).resolve(EmbeddedHistory.segmentName(1, 7));
        byte[] b = Files.readAllBytes(seg);
        b[20] ^= 0x5a;
        Files.write(seg, b);
        assertThat(failure(history().read(m.id(), 3, 3))).isInstanceOf(IOException.class).hasMessageContaining("damaged");
        assertThat(at(m, 14)).as("points after the damage still open").isEqualTo(expected.get(14));
    }

    @Test
    void aDeletedBoardsHistoryFolderIsGone() {
        open(every(CHECKPOINT_EVERY));
        BoardMeta m = edited(20);
        assertThat(Files.isDirectory(historyDir(m))).isTrue();
        await(history().deleteHistory(m.id()));
        assertThat(Files.exists(historyDir(m))).isFalse();
    }
}
