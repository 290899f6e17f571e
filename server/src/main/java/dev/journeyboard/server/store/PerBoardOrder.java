package dev.journeyboard.server.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs the calls of each board one after the other, in the order they were made, while boards never wait for each
 * other: what a store that answers out of order (Redis round trips, worker threads) needs to keep a board's writes in
 * call order.
 */
public final class PerBoardOrder {
    private final ConcurrentHashMap<String, Future<?>> chains = new ConcurrentHashMap<>();

    /** Starts {@code work} once the board's previous call has completed (at once if there is none). */
    public <T> Future<T> run(String boardId, Supplier<Future<T>> work) {
        Promise<T> done = Promise.promise();
        Future<?> previous = chains.put(boardId, done.future());
        Runnable start = () -> {
            try {
                work.get().onComplete(done);
            } catch (RuntimeException e) {
                done.fail(e);
            }
        };
        if (previous == null) start.run();
        else previous.onComplete(x -> start.run());
        done.future().onComplete(x -> chains.remove(boardId, done.future()));
        return done.future();
    }
}
