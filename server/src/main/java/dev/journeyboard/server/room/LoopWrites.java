package dev.journeyboard.server.room;

import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A room's writes to its sockets, handed to each socket's event loop as one task per loop rather than one per
 * write. A socket's writes, made from the room's context, would each be queued by Vert.x and wake the socket's loop
 * on their own: a broadcast to 100 people on four loops cost up to 100 wake-ups, and waking loops
 * ({@code NioIoHandler.wakeup}) was the top frame of the server's profile at hot-board (27 % of the samples of a
 * 100-person board). Here a broadcast's writes wait until the room's current task is done, then go out as at most one
 * task per loop, which writes them in order from the socket's own thread.
 *
 * <p>Every write of the room to one socket takes this way (messages, frames and closes alike), so what a socket is
 * sent keeps the order the room sent it in. A socket without a loop of its own ({@link RoomSocket#writeContext} null:
 * in-memory sockets of unit tests, a relayed socket) or on the room's own loop is written at once. Room context only.
 */
final class LoopWrites {
    private final Context room;
    private final Map<Context, List<Runnable>> pending = new IdentityHashMap<>(8);
    private boolean flushPosted;

    LoopWrites(Context room) {
        this.room = room;
    }

    /** Runs {@code write} (a write to {@code socket}) on the socket's loop, after what the room wrote to it before. */
    void to(RoomSocket socket, Runnable write) {
        Context loop = socket.writeContext();
        if (loop == null || loop == room) {
            write.run();
            return;
        }
        pending.computeIfAbsent(loop, k -> new ArrayList<>()).add(write);
        if (!flushPosted) {
            flushPosted = true;
            room.runOnContext(v -> flush());
        }
    }

    private void flush() {
        flushPosted = false;
        for (var e : pending.entrySet()) {
            List<Runnable> writes = e.getValue();
            e.getKey().runOnContext(v -> {
                for (Runnable w : writes) w.run();
            });
        }
        pending.clear();
    }
}
