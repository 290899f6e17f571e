package dev.journeyboard.server.testing;

import dev.journeyboard.protocol.message.ServerMessage;
import java.net.URI;
import java.time.Duration;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * What the server tells a socket it turns away right after the upgrade (a wrong or rotated token, an unknown board,
 * a board that cannot be loaded): its error, then its close code.
 *
 * <p>Read with the JDK's WebSocket client, whose listener is given every frame in order. Vert.x's client (5.1.6)
 * can handle the server's close before its own connect completes; the connect then fails with "WebSocket is closed"
 * and the error frame is gone. That happened in CI when the refusal came within a millisecond of the upgrade (a
 * rotated link of a board already in memory).
 */
public record TurnedAway(ServerMessage.Error error, int closeStatus) {

    public static TurnedAway at(int port, String boardId, String token) {
        var inbox = new Inbox();
        var status = new CompletableFuture<Integer>();
        var listener = new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    inbox.received(text.toString());
                    text.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                status.complete(code);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                status.completeExceptionally(error);
            }
        };
        try (HttpClient http = HttpClient.newHttpClient()) {
            URI uri = URI.create("ws://127.0.0.1:" + port + "/ws/boards/" + boardId + "?token=" + token);
            http.newWebSocketBuilder().buildAsync(uri, listener).get(Inbox.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            int code = status.get(Inbox.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            // the close was the last frame, so the error (if any) is already in the inbox
            return new TurnedAway(inbox.await(ServerMessage.Error.class, e -> true, Duration.ofMillis(1)), code);
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("turning away " + boardId + " failed: " + e, e);
        }
    }
}
