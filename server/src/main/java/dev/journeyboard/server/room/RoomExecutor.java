package dev.journeyboard.server.room;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/** A room's Vert.x context: everything of one room runs here, one thing at a time, so nothing is locked. */
final class RoomExecutor {
    private final Context context;

    RoomExecutor(Context context) {
        this.context = context;
    }

    /** The room's writes to its sockets, one task per socket loop (see {@link LoopWrites}). */
    LoopWrites writes() {
        return new LoopWrites(context);
    }

    /** Runs {@code action} here in {@code ms} milliseconds. */
    void after(long ms, Runnable action) {
        context.owner().setTimer(ms, id -> {
            if (Vertx.currentContext() == context) action.run();
            else context.runOnContext(v -> action.run());
        });
    }

    void post(Runnable action) {
        context.runOnContext(v -> action.run());
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
        f.onComplete(ar -> {
            if (Vertx.currentContext() == context) handler.handle(ar);
            else context.runOnContext(v -> handler.handle(ar));
        });
    }
}
