package dev.journeyboard.server.room;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/** A room's Vert.x context: everything of one room runs here, one thing at a time, so nothing is locked. */
final class RoomExecutor {
    private static final System.Logger LOG = System.getLogger(RoomExecutor.class.getName());
    private static final int DRAIN_AT_MOST = 256;
    private final Context context;
    private final Queue<Runnable> posted = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainPosted = new AtomicBoolean();
    private final LoopWrites writes;

    RoomExecutor(Context context) {
        this.context = context;
        this.writes = new LoopWrites(context);
    }

    /** The room's writes to its sockets, one task per socket loop (see {@link LoopWrites}). */
    LoopWrites writes() {
        return writes;
    }

    /** Runs {@code action} here in {@code ms} milliseconds. */
    void after(long ms, Runnable action) {
        context.owner().setTimer(ms, id -> runHere(action));
    }

    /**
     * Runs {@code action} here, after what was posted before it. Posts from every thread wait in one queue that one
     * task drains: a board of 200 sends its room ~4,000 presence messages a second from four socket loops, and a task
     * of its own for each woke the room's loop for each.
     */
    void post(Runnable action) {
        posted.add(action);
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (drainPosted.compareAndSet(false, true)) context.runOnContext(v -> drain());
    }

    private void drain() {
        drainPosted.set(false);
        // at most a round's worth, then the loop's other tasks (its sockets' reads) get their turn
        for (int i = 0; i < DRAIN_AT_MOST; i++) {
            Runnable r = posted.poll();
            if (r == null) return;
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "a room task failed", e);
            }
        }
        if (!posted.isEmpty()) scheduleDrain();
    }

    /** Runs {@code work} here; its result, or what it threw, completes the future. */
    <T> Future<T> submit(Supplier<T> work) {
        Promise<T> result = Promise.promise();
        post(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.fail(e);
            }
        });
        return result.future();
    }

    /** Runs the completion of {@code f} here, whichever thread completed it. */
    <T> void onComplete(Future<T> f, Handler<AsyncResult<T>> handler) {
        f.onComplete(ar -> runHere(() -> handler.handle(ar)));
    }

    /** Runs {@code action} now when called on the room's context, else posts it there (without the queue of {@link #post}). */
    private void runHere(Runnable action) {
        if (Vertx.currentContext() == context) action.run();
        else context.runOnContext(v -> action.run());
    }
}
