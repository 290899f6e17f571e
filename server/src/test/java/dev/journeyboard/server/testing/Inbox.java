package dev.journeyboard.server.testing;

import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What one participant was sent, for tests written in blocking style: every frame as text (to check what never
 * reached them) and each message decoded, batches unpacked in order as a client handles them. Thread-safe.
 */
public final class Inbox {
    public static final Duration WAIT = Duration.ofSeconds(10);

    private final LinkedBlockingQueue<ServerMessage> messages = new LinkedBlockingQueue<>();
    private final List<String> frames = Collections.synchronizedList(new ArrayList<>());

    public void received(String frame) {
        frames.add(frame);
        ServerMessage m = MessageCodec.decodeServer(frame);
        if (m instanceof ServerMessage.Batch b) messages.addAll(b.messages());
        else messages.add(m);
    }

    /** The next message of that type matching {@code p}; earlier other messages are skipped. */
    public <T extends ServerMessage> T await(Class<T> type, Predicate<T> p, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            ServerMessage m;
            try {
                m = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
            if (m == null) throw new AssertionError("no " + type.getSimpleName() + " within " + wait + "; frames so far: " + tail());
            if (type.isInstance(m) && p.test(type.cast(m))) return type.cast(m);
        }
    }

    /** Messages received so far and not consumed by an {@code await}. */
    public List<ServerMessage> drain() {
        var out = new ArrayList<ServerMessage>();
        messages.drainTo(out);
        return out;
    }

    /** Every frame received, as text. */
    public List<String> frames() {
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }

    private String tail() {
        var f = frames();
        return f.subList(Math.max(0, f.size() - 5), f.size()).toString();
    }
}
