package dev.journeyboard.server.testing;

import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A participant over a real WebSocket, for tests written in blocking style: every frame received is
 * kept (raw and decoded) so tests can inspect exactly what a participant was sent.
 */
public final class TestClient implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(10);

    private final WebSocketClient client; // held in a field: an unreferenced client can be collected mid-handshake
    private final LinkedBlockingQueue<ServerMessage> inbox = new LinkedBlockingQueue<>();
    private final List<String> frames = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch closed = new CountDownLatch(1);
    private WebSocket ws;

    private TestClient(WebSocketClient client) {
        this.client = client;
    }

    public static TestClient connect(Vertx vertx, int port, String boardId, String token) {
        return connect(vertx, port, boardId, token, null);
    }

    public static TestClient connect(Vertx vertx, int port, String boardId, String token, String origin) {
        // a welcome carrying a large board or many missed ops is one big message
        var tc = new TestClient(vertx.createWebSocketClient(new io.vertx.core.http.WebSocketClientOptions()
                .setMaxFrameSize(64 << 20).setMaxMessageSize(64 << 20)));
        var options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                .setURI("/ws/boards/" + boardId + "?token=" + token);
        if (origin != null) options.addHeader("Origin", origin);
        ClientWebSocket socket = tc.client.webSocket();
        socket.textMessageHandler(tc::received);
        socket.binaryMessageHandler(b -> tc.received(b.toString(StandardCharsets.UTF_8)));
        socket.closeHandler(v -> tc.closed.countDown());
        tc.ws = await(socket.connect(options), "connect");
        return tc;
    }

    /** Opens a socket expecting the handshake to be refused; returns the failure. */
    public static Throwable refused(Vertx vertx, int port, String boardId, String token, String origin) {
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            var options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                    .setURI("/ws/boards/" + boardId + "?token=" + token).addHeader("Origin", origin);
            client.connect(options).toCompletionStage().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("the handshake was accepted");
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            client.close();
        }
    }

    private void received(String text) {
        frames.add(text);
        ServerMessage m = MessageCodec.decodeServer(text);
        if (m instanceof ServerMessage.Batch b) inbox.addAll(b.messages()); // handled in order, like a client does
        else inbox.add(m);
    }

    /** Connects and says hello; returns the client with the welcome consumed. */
    public ServerMessage.Welcome hello(String name, String clientId, Long lastSeq) {
        send(new ClientMessage.Hello(MessageCodec.VERSION, name, clientId, lastSeq));
        return await(ServerMessage.Welcome.class, w -> true);
    }

    public void send(ClientMessage m) {
        sendText(new String(MessageCodec.encode(m), StandardCharsets.UTF_8));
    }

    public void sendText(String text) {
        await(ws.writeTextMessage(text), "write");
    }

    public void sendBinary(byte[] bytes) {
        await(ws.writeBinaryMessage(io.vertx.core.buffer.Buffer.buffer(bytes)), "write");
    }

    /** The next message of that type matching {@code p}; earlier other messages are skipped. */
    public <T extends ServerMessage> T await(Class<T> type, Predicate<T> p) {
        return await(type, p, WAIT);
    }

    public <T extends ServerMessage> T await(Class<T> type, Predicate<T> p, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            ServerMessage m;
            try {
                m = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
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
        inbox.drainTo(out);
        return out;
    }

    /** Every frame this participant has received, as text. */
    public List<String> frames() {
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }

    private String tail() {
        var f = frames();
        return f.subList(Math.max(0, f.size() - 5), f.size()).toString();
    }

    public boolean awaitClosed(Duration wait) {
        try {
            return closed.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Short closeStatus() {
        return ws.closeStatusCode();
    }

    public boolean isClosed() {
        return ws.isClosed();
    }

    @Override
    public void close() {
        if (!ws.isClosed()) {
            try {
                ws.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // already going
            }
        }
        client.close();
    }

    static <T> T await(io.vertx.core.Future<T> f, String what) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(what + " failed: " + e, e);
        }
    }
}
