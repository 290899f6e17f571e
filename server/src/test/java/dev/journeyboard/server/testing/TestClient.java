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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A participant over a real WebSocket, for tests written in blocking style: what it receives goes to an
 * {@link Inbox}, so tests can inspect exactly what a participant was sent.
 */
public final class TestClient extends Recipient implements AutoCloseable {

    private final WebSocketClient client; // held in a field: an unreferenced client can be collected mid-handshake
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
        socket.textMessageHandler(tc.inbox::received);
        socket.binaryMessageHandler(b -> tc.inbox.received(b.toString(StandardCharsets.UTF_8)));
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
