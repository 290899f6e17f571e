package dev.journeyboard.server.net;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.server.metrics.MetricPush;
import dev.journeyboard.server.metrics.Reading;
import dev.journeyboard.server.room.BoardCall;
import dev.journeyboard.server.room.Room;
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

    private final BoardAccess access;

    MetricsApi(BoardAccess access) {
        this.access = access;
        access.calls().register(CALL, this::push);
    }

    /** {@code JB_METRICS_MAX_READINGS}, of the node it runs on. */
    private int maxReadings() {
        return access.config().metricsMaxReadings();
    }

    /** In the board's room: the readings (checked again: the serving node's date and limit) become one edit. */
    private Future<ObjectNode> push(Room room, BoardCall call) {
        List<Reading> readings = MetricPush.parse(call.body(), maxReadings(), LocalDate.now(ZoneOffset.UTC));
        return room.serverEdit(AUTHOR, doc -> MetricPush.ops(doc, readings))
                .map(seq -> JsonNodeFactory.instance.objectNode().put("applied", readings.size()).put("seq", seq));
    }

    void handle(RoutingContext ctx) {
        byte[] body = BoardAccess.body(ctx);
        access.answer(ctx, "metrics push", (meta, token) -> {
            if (!meta.isDataToken(token)) {
                return Future.failedFuture(new ProtocolException(ErrorCode.UNAUTHORIZED,
                        "pushing metrics needs the board's data token (Authorization: Bearer …)"));
            }
            MetricPush.parse(body, maxReadings(), LocalDate.now(ZoneOffset.UTC)); // bad readings are refused here, before any hop
            return access.boards().call(meta.id(), new BoardCall(CALL, null, body));
        });
    }
}
