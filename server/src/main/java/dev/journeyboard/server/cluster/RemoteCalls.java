package dev.journeyboard.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.server.api.Refusal;
import dev.journeyboard.server.room.BoardCall;
import dev.journeyboard.server.room.Room;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link BoardCall}s between nodes: an HTTP request that edits a board served by another node goes to that board's
 * inbox stream as a {@link Records.Call} (the same stream, and so the same order and delivery, as its relayed
 * sockets' messages); the serving room runs it ({@link OwnerInbox}) and answers on the calling node's out stream
 * ({@link Records.Answer}). Nothing is retried here: a call that gets no answer within {@link #timeoutMs} fails
 * with BOARD_UNAVAILABLE (the serving node died or is changing), and the HTTP client tries again, as it would for
 * any 503.
 */
final class RemoteCalls {
    private static final System.Logger LOG = System.getLogger(RemoteCalls.class.getName());

    private final Cluster cluster;
    private final long timeoutMs;
    private final ConcurrentHashMap<String, Promise<ObjectNode>> pending = new ConcurrentHashMap<>();

    RemoteCalls(Cluster cluster, long timeoutMs) {
        this.cluster = cluster;
        this.timeoutMs = timeoutMs;
    }

    /** Sends the call to the board's serving room and waits for its answer. */
    Future<ObjectNode> call(String board, BoardCall call) {
        String id = cluster.nextConnectionId();
        Promise<ObjectNode> answer = Promise.promise();
        pending.put(id, answer);
        long timer = cluster.vertx.setTimer(timeoutMs, t -> {
            Promise<ObjectNode> p = pending.remove(id);
            if (p != null) p.tryFail(new ProtocolException(ErrorCode.BOARD_UNAVAILABLE,
                    "the server serving the board did not answer in time; try again in a moment"));
        });
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("kind", call.kind());
        json.set("args", call.args() == null ? JsonNodeFactory.instance.objectNode() : call.args());
        byte[] head = MessageCodec.bytes(json);
        // [u32 length][the call's JSON][its raw body]: a CSV travels as it came, not inflated into a JSON string
        Buffer bytes = Buffer.buffer(4 + head.length + call.body().length).appendInt(head.length).appendBytes(head).appendBytes(call.body());
        cluster.writer.send(cluster.keys.board(board).inbox(), cluster.instance, new Records.Call(board, id, 0, bytes),
                () -> {
                    Promise<ObjectNode> p = pending.remove(id);
                    if (p != null) p.tryFail(new ProtocolException(ErrorCode.BOARD_UNAVAILABLE, "the board cannot be reached right now; try again in a moment"));
                });
        // the answer arrives on the stream reader's context: the caller continues on its own, as with a local room
        Context caller = Vertx.currentContext();
        Promise<ObjectNode> result = Promise.promise();
        answer.future().onComplete(ar -> {
            cluster.vertx.cancelTimer(timer);
            if (caller == null) result.handle(ar);
            else caller.runOnContext(v -> result.handle(ar));
        });
        return result.future();
    }

    /** An answer from a serving room (this node's out stream). */
    void answered(Records.Answer a) {
        Promise<ObjectNode> p = pending.remove(a.conn());
        if (p == null) return; // timed out already
        JsonNode json;
        try {
            json = MessageCodec.parseObject(a.bytes().getBytes());
        } catch (ProtocolException e) {
            p.tryFail(new IllegalStateException("an unreadable answer from the board's server: " + e.getMessage()));
            return;
        }
        if (json.get("ok") instanceof ObjectNode ok) {
            p.tryComplete(ok);
            return;
        }
        JsonNode err = json.path("error");
        String code = err.path("code").asText("INTERNAL");
        String message = err.path("message").asText("");
        if (err.path("protocol").asBoolean()) {
            ErrorCode c;
            try {
                c = ErrorCode.valueOf(code);
            } catch (IllegalArgumentException unknown) {
                c = ErrorCode.BOARD_UNAVAILABLE;
            }
            p.tryFail(new ProtocolException(c, message));
        } else {
            p.tryFail(new Refusal(err.path("status").asInt(500), code, message));
        }
    }

    /** Serving side: runs a call that came through the board's inbox and answers on the caller's out stream. */
    static void serve(Cluster cluster, Room room, String tag, String caller, Records.Call c) {
        BoardCall call;
        try {
            Buffer in = c.bytes();
            int length = in.getInt(0);
            JsonNode json = MessageCodec.parseObject(in.getBytes(4, 4 + length));
            byte[] body = in.getBytes(4 + length, in.length());
            call = new BoardCall(json.path("kind").asText(), json.get("args") instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode(), body);
        } catch (ProtocolException | IllegalArgumentException | IndexOutOfBoundsException e) {
            LOG.log(System.Logger.Level.ERROR, "board " + c.board() + ": a relayed request does not decode: " + e.getMessage());
            return;
        }
        cluster.rooms.calls().run(room, call).onComplete(ar -> {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            if (ar.succeeded()) {
                out.set("ok", ar.result());
            } else if (ar.cause() instanceof ProtocolException pe) {
                out.putObject("error").put("protocol", true).put("code", pe.code().name()).put("message", pe.getMessage());
            } else if (ar.cause() instanceof Refusal r) {
                out.putObject("error").put("status", r.status()).put("code", r.code()).put("message", r.getMessage());
            } else {
                LOG.log(System.Logger.Level.ERROR, "board " + c.board() + ": a relayed " + call.kind() + " request failed", ar.cause());
                out.putObject("error").put("status", 500).put("code", "INTERNAL").put("message", call.kind() + " failed: " + ar.cause());
            }
            cluster.writer.send(cluster.keys.node(caller).out(), tag, new Records.Answer(c.board(), c.conn(), 0, Buffer.buffer(MessageCodec.bytes(out))),
                    () -> LOG.log(System.Logger.Level.WARNING, "board " + c.board() + ": could not answer a relayed " + call.kind() + " request"));
        });
    }
}
