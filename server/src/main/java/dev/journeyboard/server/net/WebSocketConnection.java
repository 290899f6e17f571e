package dev.journeyboard.server.net;

import dev.journeyboard.server.room.RoomSocket;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A participant's WebSocket as its room sees it. Writes from any thread: Vert.x hands them to the socket's loop.
 * Counts the bytes written but not yet handed to the network: a socket that stops reading (a stalled tab, a
 * client that never reads) would otherwise hold every broadcast in memory. Past {@code maxQueuedBytes} it is
 * given up: nothing more is written to it, and {@code tooSlow} runs once (its lifecycle closes it with 4408 and
 * takes it out of its room; the client resumes with its lastSeq like after any disconnect).
 */
final class WebSocketConnection implements RoomSocket {
    /** WebSocket close status for a socket that read too slowly (PROTOCOL.md). */
    static final short TOO_SLOW = 4408;

    private final ServerWebSocket ws;
    /** The socket's event loop: writes made there go straight to Netty, without Vert.x's hand-over. */
    private final Context loop;
    private final long maxQueuedBytes;
    private final AtomicLong queued = new AtomicLong();
    private volatile boolean givenUp;
    private volatile Runnable tooSlow = () -> { };

    /** The personal link the socket's token is, or null; set once, before the socket joins a room. */
    private volatile String personalLink;

    void personalLink(String linkId) {
        this.personalLink = linkId;
    }

    @Override
    public String personalLink() {
        return personalLink;
    }

    WebSocketConnection(ServerWebSocket ws, Context loop, long maxQueuedBytes) {
        this.ws = ws;
        this.loop = loop;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /** What to do, once, when the socket falls too far behind; runs on the writing thread. */
    void onTooSlow(Runnable action) {
        this.tooSlow = action;
    }

    @Override
    public void sendText(String json) {
        // chars, not UTF-8 bytes: a close enough measure (at most 3x under for CJK text) without encoding twice
        if (isOpen()) counted(json.length(), ws.writeTextMessage(json));
    }

    @Override
    public void sendShared(Buffer encoded) {
        if (isOpen()) counted(encoded.length(), ws.write(encoded));
    }

    private void counted(long bytes, Future<Void> written) {
        long now = queued.addAndGet(bytes);
        written.onComplete(ar -> queued.addAndGet(-bytes));
        if (now > maxQueuedBytes && !givenUp) {
            givenUp = true;
            tooSlow.run();
        }
    }

    /** Bytes written to the socket and not yet taken by the network. */
    long queuedBytes() {
        return queued.get();
    }

    @Override
    public Context writeContext() {
        return loop;
    }

    @Override
    public void close(short status, String reason) {
        ws.close(status, reason);
    }

    @Override
    public boolean isOpen() {
        return !givenUp && !ws.isClosed();
    }

    @Override
    public boolean writeQueueFull() {
        return ws.writeQueueFull();
    }

    /** Transport only: liveness pings (browsers answer them by themselves). */
    void ping() {
        ws.writePing(Buffer.buffer());
    }
}
