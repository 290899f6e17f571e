package dev.journeyboard.server.room;

import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;

/**
 * A participant's socket as a room sees it: all the room and its features may do to the transport. The
 * WebSocket connection implements it (net), tests use in-memory sockets. Called from the room's context;
 * an implementation hands the writes over to its own thread, and drops writes once it is closed.
 */
public interface RoomSocket {

    /** A message already encoded, for this socket alone (a text frame). */
    void sendText(String json);

    /** A message encoded once for many sockets: the same bytes go to each (a binary frame). */
    void sendShared(Buffer encoded);

    /**
     * The {@code applied} messages of seqs {@code firstSeq..lastSeq}, as everyone is sent them (one frame, the
     * same bytes for every socket). A relayed socket (cluster) forwards only the seqs: its server reads the ops
     * themselves from the board's op log.
     */
    default void sendLog(Buffer frame, long firstSeq, long lastSeq) {
        sendShared(frame);
    }

    /** The {@code applied} of {@code seq} as this participant alone may see it (private elements left out). */
    default void sendView(Buffer frame, long seq) {
        sendShared(frame);
    }

    /** The id of the personal link this socket joined with (PROTOCOL.md "Personal links"), or null: revoking it closes the socket. */
    default String personalLink() {
        return null;
    }

    /**
     * The context of the event loop this socket is written from without a hand-over (its own), or null when any
     * thread may write it directly: a room then hands its writes over one task per loop ({@link LoopWrites}).
     */
    default Context writeContext() {
        return null;
    }

    /** Closes the socket with a WebSocket close status and reason. */
    void close(short status, String reason);

    boolean isOpen();

    /** Back-pressure: the socket's write queue is full, so what may be skipped (presence) is. */
    boolean writeQueueFull();

    /** A message for this socket alone. */
    default void send(ServerMessage m) {
        if (isOpen()) sendText(MessageCodec.encodeText(m));
    }

    /** Tells the client why in an {@code error}, then closes with the reason's status. */
    default void closeWith(CloseReason reason, String message) {
        if (!isOpen()) return;
        send(new ServerMessage.Error(reason.code(), message));
        close(reason.status(), reason.code().name());
    }
}
