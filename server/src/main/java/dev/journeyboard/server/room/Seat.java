package dev.journeyboard.server.room;

import dev.journeyboard.protocol.message.ClientMessage;

/**
 * Where a welcomed socket's messages go: a {@link Member} of a room on this server, or (cluster) a relay to the
 * board's room on the server that holds its lease. The socket's lifecycle sees only this. Callable from any thread.
 */
public interface Seat {

    /** The participant's next message, in the order the socket read them. */
    void receive(ClientMessage message);

    /** The socket is gone. */
    void leave();

    /** For logs: the participant id the room gave the socket. */
    String id();
}
