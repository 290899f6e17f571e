package dev.journeyboard.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.server.board.BoardMeta;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded file store, plus what only it has: a log file a crash can tear. */
class EmbeddedStoreTest extends BoardStoreContract {
    @TempDir
    Path dataDir;

    @Override
    BoardStore newStore(int resumeTail) {
        return new EmbeddedStore(vertx, dataDir);
    }

    private Path opsLog(BoardMeta m) {
        return dataDir.resolve("boards").resolve(m.id()).resolve("ops.log");
    }

    @Test
    void aTruncatedLastRecordIsDroppedAndTheEarlierOnesLoad() throws IOException {
        BoardMeta m = created();
        await(store.append(m.id(), ops(1, 2)));
        await(store.append(m.id(), ops(3, 3)));
        await(store.release(m.id()));
        Path log = opsLog(m);
        long full = Files.size(log);
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(full - 5); // the crash hit during the write of record 3
        }
        StoredBoard b = await(store.load(m.id()));
        assertThat(b.log()).isEqualTo(ops(1, 2));
        long repaired = Files.size(log);
        assertThat(repaired).as("the torn tail is cut off").isLessThan(full - 5);

        await(store.append(m.id(), ops(3, 4))); // the room goes on from seq 2
        assertThat(await(store.load(m.id())).log()).isEqualTo(ops(1, 4));
    }

    @Test
    void garbageAfterTheLastRecordIsDropped() throws IOException {
        BoardMeta m = created();
        await(store.append(m.id(), ops(1, 3)));
        await(store.release(m.id()));
        Path log = opsLog(m);
        long intact = Files.size(log);
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            // a plausible header (length 40, wrong checksum) followed by half a body
            ch.write(ByteBuffer.allocate(64).putInt(40).putInt(0xdeadbeef).put("{\"type\":\"applied\",\"se".getBytes()).flip());
        }
        assertThat(await(store.load(m.id())).log()).isEqualTo(ops(1, 3));
        assertThat(Files.size(log)).isEqualTo(intact);
    }
}
