package dev.journeyboard.server.store;

import static dev.journeyboard.server.testing.VertxContract.await;
import static dev.journeyboard.server.testing.VertxContract.failure;
import static dev.journeyboard.server.store.BoardStoreContract.initial;
import static dev.journeyboard.server.store.BoardStoreContract.meta;
import static dev.journeyboard.server.store.BoardStoreContract.op;
import static dev.journeyboard.server.store.BoardStoreContract.ops;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.message.ServerMessage.Applied;
import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.testing.SmallDisk;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The embedded store on a real file system that fills up (a 2 MiB tmpfs; root only, else skipped loudly). */
class FullDiskStoreTest {

    @Test
    void aFullDiskRefusesWritesLosesNothingAcknowledgedAndRecoversByItself() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (SmallDisk disk = SmallDisk.mount(2, "FullDiskStoreTest")) {
            Path data = disk.path().resolve("data");
            var store = new EmbeddedStore(vertx, data, 5);
            BoardMeta m = meta("满了");
            await(store.create(m, initial()));
            await(store.append(m.id(), ops(1, 3)));

            disk.fill();
            // rounds written over the zeros the log's segment holds ahead of them (Wal.ZERO_AHEAD) still fit on the
            // full disk; the first round past them is refused. 200 rounds of 24 KB are more than the whole disk
            String big = "满".repeat(4000); // 12 KB
            var acknowledged = new ArrayList<>(ops(1, 3));
            List<Applied> batch = null;
            Throwable e = null;
            for (long seq = 4; e == null && seq < 400; seq += 2) {
                batch = List.of(op(seq, big), op(seq + 1, big));
                e = store.append(m.id(), batch).toCompletionStage().toCompletableFuture().handle((v, x) -> x).get(15, TimeUnit.SECONDS);
                if (e == null) acknowledged.addAll(batch);
            }
            assertThat(e).as("a round past the fill is refused").isNotNull();
            assertThat(e).isInstanceOf(StoreUnavailableException.class).hasMessageContaining("space");
            assertThat(failure(store.ping())).hasMessageContaining("space");
            assertThat(failure(store.snapshot(m.id(), new Snapshot(3, initial().elements(), java.util.Map.of()))))
                    .isInstanceOf(StoreUnavailableException.class);

            disk.free();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (store.ping().toCompletionStage().toCompletableFuture().handle((v, x) -> x == null).join() == Boolean.FALSE) {
                if (System.nanoTime() > deadline) throw new AssertionError("the store did not come back after space returned");
                Thread.sleep(20);
            }
            await(store.append(m.id(), batch));
            long next = batch.getLast().seq() + 1;
            await(store.append(m.id(), ops(next, next)));
            await(store.close());

            var reopened = new EmbeddedStore(vertx, data, 5);
            var expected = new ArrayList<>(acknowledged);
            expected.addAll(batch);
            expected.addAll(ops(next, next));
            assertThat(await(reopened.load(m.id())).log()).as("every acknowledged op, in order, nothing else").isEqualTo(expected);
            await(reopened.close());
        } finally {
            await(vertx.close());
        }
    }
}
