package dev.journeyboard.server.net;

import dev.journeyboard.server.room.RoomSocket;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

/** A participant's WebSocket as its room sees it. Writes from any thread: Vert.x hands them to the socket's loop. */
final class WebSocketConnection implements RoomSocket {
    private final ServerWebSocket ws;

    WebSocketConnection(ServerWebSocket ws) {
        this.ws = ws;
    }

    @Override
    public void sendText(String json) {
        if (!ws.isClosed()) ws.writeTextMessage(json);
    }

    @Override
    public void sendShared(Buffer encoded) {
        if (!ws.isClosed()) ws.write(encoded);
    }

    @Override
    public void close(short status, String reason) {
        ws.close(status, reason);
    }

    @Override
    public boolean isOpen() {
        return !ws.isClosed();
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
