package dev.journeyboard.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A room's writes reach each socket on the socket's own loop, after the room's task, in the order the room made them. */
class LoopWritesTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    /** A socket on {@code loop} that notes each write and the thread it ran on. */
    private static final class LoopSocket implements RoomSocket {
        final Context loop;
        final List<String> writes = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        volatile boolean open = true;

        LoopSocket(Context loop) {
            this.loop = loop;
        }

        private void note(String what) {
            writes.add(what);
            threads.add(Thread.currentThread().getName());
        }

        @Override public void sendText(String json) { note(json); }
        @Override public void sendShared(Buffer encoded) { note(encoded.toString(StandardCharsets.UTF_8)); }
        @Override public void close(short status, String reason) { note("close " + status); open = false; }
        @Override public boolean isOpen() { return open; }
        @Override public boolean writeQueueFull() { return false; }
        @Override public Context writeContext() { return loop; }
    }

    /** A context of its own (a new thread asking gets a new one, on the next event loop). */
    private Context newContext() throws InterruptedException {
        var made = new Context[1];
        Thread t = new Thread(() -> made[0] = vertx.getOrCreateContext());
        t.start();
        t.join();
        return made[0];
    }

    private static String threadOf(Context c) throws Exception {
        var name = new CompletableFuture<String>();
        c.runOnContext(v -> name.complete(Thread.currentThread().getName()));
        return name.get(5, TimeUnit.SECONDS);
    }

    @Test
    void writesWaitForTheRoomsTaskThenRunOnTheSocketsLoopInOrder() throws Exception {
        Context room = newContext();
        String roomThread = threadOf(room);
        Context other = newContext();
        for (int i = 0; i < 8 && threadOf(other).equals(roomThread); i++) other = newContext();
        String otherThread = threadOf(other);
        assertThat(otherThread).isNotEqualTo(roomThread);

        var far = new ArrayList<LoopSocket>();
        for (int i = 0; i < 5; i++) far.add(new LoopSocket(other));
        var near = new LoopSocket(room);
        var seenInTask = new CompletableFuture<List<Integer>>();
        room.runOnContext(v -> {
            var writes = new LoopWrites(room);
            for (int n = 1; n <= 3; n++) {
                Buffer frame = Buffer.buffer("frame " + n);
                for (LoopSocket s : far) writes.to(s, () -> s.sendShared(frame));
                writes.to(near, () -> near.sendShared(frame));
            }
            for (LoopSocket s : far) writes.to(s, () -> s.close((short) 4404, "gone"));
            // nothing reached the far sockets during the room's task: their writes go out after it, together
            seenInTask.complete(far.stream().map(s -> s.writes.size()).toList());
        });
        assertThat(seenInTask.get(5, TimeUnit.SECONDS)).containsOnly(0);
        for (LoopSocket s : far) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (s.writes.size() < 4 && System.nanoTime() < deadline) Thread.sleep(5);
            assertThat(s.writes).containsExactly("frame 1", "frame 2", "frame 3", "close 4404");
            assertThat(s.threads).containsOnly(otherThread);
        }
        // a socket on the room's own loop is written at once, from there
        assertThat(near.writes).containsExactly("frame 1", "frame 2", "frame 3");
        assertThat(near.threads).containsOnly(roomThread);
    }
}
