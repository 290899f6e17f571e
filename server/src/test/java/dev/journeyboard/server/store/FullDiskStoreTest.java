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
            String big = "满".repeat(4000); // 12 KB: more than the free room left in the log's last page
            List<Applied> batch = new ArrayList<>(List.of(op(4, big), op(5, big)));
            Throwable e = failure(store.append(m.id(), batch));
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
            await(store.append(m.id(), ops(6, 6)));
            await(store.close());

            var reopened = new EmbeddedStore(vertx, data, 5);
            var expected = new ArrayList<>(ops(1, 3));
            expected.addAll(batch);
            expected.addAll(ops(6, 6));
            assertThat(await(reopened.load(m.id())).log()).as("every acknowledged op, in order, nothing else").isEqualTo(expected);
            await(reopened.close());
        } finally {
            await(vertx.close());
        }
    }
}
