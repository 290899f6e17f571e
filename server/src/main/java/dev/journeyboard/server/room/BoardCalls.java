package dev.journeyboard.server.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import io.vertx.core.Future;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * What each {@link BoardCall} kind does in the board's room; one registry per server (held by {@link Rooms}). The
 * HTTP layer registers its kinds at start, so a node runs a call the same way whether it came from its own HTTP
 * API or from another node's.
 */
public final class BoardCalls {
    private final ConcurrentHashMap<String, BiFunction<Room, BoardCall, Future<ObjectNode>>> kinds = new ConcurrentHashMap<>();

    /** Registers {@code kind} unless it is already (every HTTP verticle of the server offers the same handlers). */
    public void register(String kind, BiFunction<Room, BoardCall, Future<ObjectNode>> handler) {
        kinds.putIfAbsent(kind, handler);
    }

    /** Runs the call in {@code room} (any thread); an unknown kind is a BAD_MESSAGE (a node of another version). */
    public Future<ObjectNode> run(Room room, BoardCall call) {
        var handler = kinds.get(call.kind());
        if (handler == null) {
            return Future.failedFuture(new ProtocolException(ErrorCode.BAD_MESSAGE, "this server does not know the request '" + call.kind() + "'"));
        }
        try {
            return handler.apply(room, call);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
