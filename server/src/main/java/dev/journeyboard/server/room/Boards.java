package dev.journeyboard.server.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.ClientMessage;
import dev.journeyboard.server.board.BoardMeta;
import io.vertx.core.Future;
import java.util.function.Function;

/**
 * The boards as the sockets and the HTTP API reach them: {@link Rooms} on one server; with Redis, the cluster
 * ({@code cluster.Cluster}), which serves a board from its room here or relays to the server holding its lease.
 * Every failure is a {@link dev.journeyboard.protocol.ProtocolException}: BOARD_NOT_FOUND, BOARD_UNAVAILABLE.
 */
public interface Boards {

    /** The board's current metadata, to authenticate a socket's token against. */
    Future<BoardMeta> meta(String boardId);

    /** Lets a socket that said hello into the board; fails with the ProtocolException that kept it out. */
    Future<? extends Seat> join(String boardId, RoomSocket socket, Role role, ClientMessage.Hello hello);

    /**
     * Runs {@code reader} against the board's durable document (private elements included, so filter with
     * care) and completes with its result on the caller's context.
     */
    <T> Future<T> read(String boardId, Function<Document, T> reader);

    /**
     * Runs {@code call} in the board's room, wherever it runs: here (loading it if no node serves the board), or on
     * the node that serves it (cluster). Completes with the call's answer, or fails with a ProtocolException or a
     * {@link dev.journeyboard.server.api.Refusal}; BOARD_UNAVAILABLE when the serving node did not answer in time
     * (the call may or may not have run there).
     */
    Future<ObjectNode> call(String boardId, BoardCall call);

    /** This server's room counters (sockets closed for not reading are counted here, whichever board they were on). */
    RoomStats stats();
}
