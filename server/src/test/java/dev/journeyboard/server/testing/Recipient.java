package dev.journeyboard.server.testing;

import dev.journeyboard.protocol.message.ServerMessage;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** A test participant, over a real socket or an in-memory one: what it was sent, in an {@link Inbox}. */
public abstract class Recipient {
    public static final Duration WAIT = Inbox.WAIT;

    protected final Inbox inbox = new Inbox();

    /** The next message of that type matching {@code p}; earlier other messages are skipped. */
    public <T extends ServerMessage> T await(Class<T> type, Predicate<T> p) {
        return inbox.await(type, p, WAIT);
    }

    public <T extends ServerMessage> T await(Class<T> type, Predicate<T> p, Duration wait) {
        return inbox.await(type, p, wait);
    }

    /** Messages received so far and not consumed by an {@code await}. */
    public List<ServerMessage> drain() {
        return inbox.drain();
    }

    /** Every frame received, as text. */
    public List<String> frames() {
        return inbox.frames();
    }
}
