package dev.journeyboard.server.room;

import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.Participant;
import dev.journeyboard.protocol.message.ServerMessage;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

/**
 * One participant's socket. Reading happens on the socket's own event loop ({@code context}); the room
 * writes from its context (Vert.x hands writes over to the socket's loop).
 */
public final class Connection {
    final ServerWebSocket ws;
    final Context context;
    /** Granted by the link; a facilitator can change it live. Written and read on the room's context. */
    Role role;
    volatile long lastSeen = System.nanoTime();
    /** The room that welcomed this connection; null before. */
    private volatile Room room;
    /** Set by the room at hello, read on the room's context only. */
    Participant participant;
    String client;

    public Connection(ServerWebSocket ws, Context context, Role role) {
        this.ws = ws;
        this.context = context;
        this.role = role;
    }

    public Room room() {
        return room;
    }

    void joined(Room r) {
        room = r;
    }

    /** The socket's own event loop. */
    public Context context() {
        return context;
    }


    public void touch() {
        lastSeen = System.nanoTime();
    }

    /** A message for this socket alone: a text frame. */
    public void send(ServerMessage m) {
        if (!ws.isClosed()) ws.writeTextMessage(MessageCodec.encodeText(m));
    }

    /** An already encoded message for this socket alone. */
    void sendText(String json) {
        if (!ws.isClosed()) ws.writeTextMessage(json);
    }

    /** A broadcast encoded once: the same bytes go to every socket, as a binary frame. */
    void sendShared(Buffer encoded) {
        if (!ws.isClosed()) ws.write(encoded);
    }

    boolean writeQueueFull() {
        return ws.writeQueueFull();
    }

    /** Tells the client why, then closes. */
    public void closeWith(ErrorCode code, String message, short status) {
        if (ws.isClosed()) return;
        send(new ServerMessage.Error(code, message));
        String reason = code.name();
        ws.close(status, reason);
    }

}
