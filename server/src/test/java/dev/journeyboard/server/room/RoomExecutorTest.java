package dev.journeyboard.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Posts to a room from many threads share one queue: each thread's run in its order, a failing one stops nothing. */
class RoomExecutorTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void postsFromFourThreadsRunInEachThreadsOrderOnTheRoomsThreadAndAFailureStopsNothing() throws Exception {
        var executor = new RoomExecutor(vertx.getOrCreateContext());
        int perThread = 2000; // more than one drain's worth (256) from each
        var seen = new ArrayList<List<Integer>>(); // touched on the room's thread only
        for (int t = 0; t < 4; t++) seen.add(new ArrayList<>());
        var threads = new ArrayList<String>();
        var done = new CountDownLatch(4 * perThread);
        var writers = new ArrayList<Thread>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            writers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    int n = i;
                    if (n == 100) executor.post(() -> { throw new IllegalStateException("a task that fails (expected in this test)"); });
                    executor.post(() -> {
                        seen.get(thread).add(n);
                        if (threads.isEmpty() || !threads.getLast().equals(Thread.currentThread().getName())) threads.add(Thread.currentThread().getName());
                        done.countDown();
                    });
                }
            }));
        }
        for (Thread w : writers) w.join();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        var inOrder = new ArrayList<Integer>();
        for (int i = 0; i < perThread; i++) inOrder.add(i);
        var result = new java.util.concurrent.CompletableFuture<List<List<Integer>>>();
        executor.post(() -> result.complete(List.copyOf(seen)));
        for (List<Integer> one : result.get(5, TimeUnit.SECONDS)) assertThat(one).isEqualTo(inOrder);
        assertThat(threads).hasSize(1).allMatch(n -> n.startsWith("vert.x-eventloop-thread"));
    }
}
