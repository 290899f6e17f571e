package dev.journeyboard.server.net;

import static dev.journeyboard.server.net.IntegrationHttp.fail;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.server.metrics.MetricPush;
import dev.journeyboard.server.metrics.Reading;
import dev.journeyboard.server.room.BoardCall;
import dev.journeyboard.server.room.BoardCalls;
import dev.journeyboard.server.room.Boards;
import dev.journeyboard.server.room.Room;
import dev.journeyboard.server.store.BoardStore;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code POST /api/boards/{id}/metrics} with the board's data token: survey readings become one edit of the
 * server's (author {@code @integration}) in the board's room, applied all or nothing, durable before the 200. The
 * token and the readings are checked here; the edit is a {@link BoardCall} ({@link #CALL}), run in the board's room
 * on whichever node serves it.
 */
final class MetricsApi {
    /** The author of integration pushes in the board history ({@code applied.author}). */
    static final String AUTHOR = "@integration";
    /** A thousand readings with their fields fit well within this. */
    static final long BODY_LIMIT = 1 << 20;

    static final String CALL = "metrics.push";

    private final BoardStore store;
    private final Boards boards;
    private final int maxReadings;

    MetricsApi(BoardStore store, Boards boards, BoardCalls calls, int maxReadings) {
        this.store = store;
        this.boards = boards;
        this.maxReadings = maxReadings;
        calls.register(CALL, this::push);
    }

    /** In the board's room: the readings (checked again: the serving node's date and limit) become one edit. */
    private Future<ObjectNode> push(Room room, BoardCall call) {
        List<Reading> readings = MetricPush.parse(call.body(), maxReadings, LocalDate.now(ZoneOffset.UTC));
        return room.serverEdit(AUTHOR, doc -> MetricPush.ops(doc, readings))
                .map(seq -> JsonNodeFactory.instance.objectNode().put("applied", readings.size()).put("seq", seq));
    }

    void handle(RoutingContext ctx) {
        String boardId = ctx.pathParam("id");
        String token = BoardAccess.token(ctx);
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        IntegrationHttp.meta(store, boardId).compose(meta -> {
            if (!meta.isDataToken(token)) {
                return Future.failedFuture(new ProtocolException(ErrorCode.UNAUTHORIZED,
                        "pushing metrics needs the board's data token (Authorization: Bearer …)"));
            }
            MetricPush.parse(body, maxReadings, LocalDate.now(ZoneOffset.UTC)); // bad readings are refused here, before any hop
            return boards.call(boardId, new BoardCall(CALL, null, body));
        }).onComplete(ar -> {
            if (ar.succeeded()) BoardApi.json(ctx, 200, ar.result());
            else fail(ctx, "metrics push to board " + boardId, ar.cause());
        });
    }
}
