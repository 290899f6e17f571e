package dev.journeyboard.server.net;

import static dev.journeyboard.server.net.IntegrationHttp.fail;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.server.metrics.MetricPush;
import dev.journeyboard.server.metrics.Reading;
import dev.journeyboard.server.room.Rooms;
import dev.journeyboard.server.store.BoardStore;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code POST /api/boards/{id}/metrics} with the board's data token: survey readings become one edit of the
 * server's (author {@code @integration}) in the board's room, applied all or nothing, durable before the 200.
 */
final class MetricsApi {
    /** The author of integration pushes in the board history ({@code applied.author}). */
    static final String AUTHOR = "@integration";
    /** A thousand readings with their fields fit well within this. */
    static final long BODY_LIMIT = 1 << 20;

    private final BoardStore store;
    private final Rooms rooms;
    private final int maxReadings;

    MetricsApi(BoardStore store, Rooms rooms, int maxReadings) {
        this.store = store;
        this.rooms = rooms;
        this.maxReadings = maxReadings;
    }

    void handle(RoutingContext ctx) {
        String boardId = ctx.pathParam("id");
        String token = IntegrationHttp.token(ctx);
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        IntegrationHttp.meta(store, boardId).compose(meta -> {
            if (!meta.isDataToken(token)) {
                return Future.failedFuture(new ProtocolException(ErrorCode.UNAUTHORIZED,
                        "pushing metrics needs the board's data token (Authorization: Bearer …)"));
            }
            List<Reading> readings = MetricPush.parse(body, maxReadings, LocalDate.now(ZoneOffset.UTC));
            return IntegrationHttp.inRoom(rooms, boardId, room -> room.serverEdit(AUTHOR, doc -> MetricPush.ops(doc, readings)))
                    .map(seq -> JsonNodeFactory.instance.objectNode().put("applied", readings.size()).put("seq", seq));
        }).onComplete(ar -> {
            if (ar.succeeded()) BoardApi.json(ctx, 200, ar.result());
            else fail(ctx, "metrics push to board " + boardId, ar.cause());
        });
    }
}
