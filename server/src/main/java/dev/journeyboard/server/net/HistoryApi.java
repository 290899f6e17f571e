package dev.journeyboard.server.net;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.ElementCodec;
import dev.journeyboard.protocol.op.OpCodec;
import dev.journeyboard.server.board.BoardMeta;
import dev.journeyboard.server.history.BoardHistory;
import dev.journeyboard.server.history.HistoryException;
import dev.journeyboard.server.history.HistoryRange;
import dev.journeyboard.server.history.HistoryReader;
import dev.journeyboard.server.history.Versions;
import dev.journeyboard.server.room.Boards;
import dev.journeyboard.server.store.StoreUnavailableException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The board's history over HTTP (PROTOCOL.md "History"): {@code /history} (the timeline: who changed what, when),
 * {@code /history/{seq}} (the board as it was right after a seq), {@code /versions} (the named versions) for
 * facilitators and editors, and {@code /replay} (the board's public ops in order, to play it back) for every link of
 * the board. Everything is the public board: private elements are never in it.
 */
final class HistoryApi {
    private static final int DEFAULT_CHANGES = 200;
    private static final int MAX_CHANGES = 1000;
    private static final int DEFAULT_STEPS = 1000;
    private static final int MAX_STEPS = 5000;

    private final BoardAccess access;
    /** Null when the store keeps no history. */
    private final HistoryReader reader;

    HistoryApi(Vertx vertx, BoardAccess access) {
        this.access = access;
        this.reader = access.store() instanceof BoardHistory h ? new HistoryReader(vertx, h) : null;
    }

    /** {@code GET /api/boards/{id}/history/{seq}}: {"seq", "at", "elements"}. */
    void documentAt(RoutingContext ctx) {
        Long seq = number(ctx, ctx.pathParam("seq"), "seq");
        if (seq == null) return;
        authorised(ctx, true, meta -> reader.documentAt(meta.id(), seq).onComplete(ar -> ifRead(ctx, ar, p -> {
            ObjectNode out = JsonNodeFactory.instance.objectNode().put("seq", p.seq());
            if (p.at() > 0) out.put("at", p.at());
            out.set("elements", ElementCodec.toJson(p.elements()));
            Answers.json(ctx, 200, out);
        })));
    }

    /** {@code GET /api/boards/{id}/history?from=&to=&limit=&ops=}: the timeline's changes. */
    void changes(RoutingContext ctx) {
        list(ctx, true, DEFAULT_CHANGES, MAX_CHANGES, (c, out) -> {
            boolean withOps = "1".equals(ctx.request().getParam("ops")) || "true".equals(ctx.request().getParam("ops"));
            ArrayNode list = out.putArray("changes");
            for (var ch : c.changes()) {
                ObjectNode o = list.addObject().put("seq", ch.seq());
                if (ch.at() > 0) o.put("at", ch.at());
                o.put("name", ch.name()).put("server", ch.server());
                strings(o.putArray("created"), ch.created());
                strings(o.putArray("updated"), ch.updated());
                strings(o.putArray("deleted"), ch.deleted());
                if (withOps) o.set("ops", OpCodec.toJson(ch.ops()));
            }
            return out;
        });
    }

    /** {@code GET /api/boards/{id}/replay?from=&to=&limit=}: the board before {@code from} and every public step to {@code to}. */
    void replay(RoutingContext ctx) {
        list(ctx, false, DEFAULT_STEPS, MAX_STEPS, (c, out) -> {
            out.putObject("start").put("seq", c.startSeq()).set("elements", ElementCodec.toJson(c.start()));
            ArrayNode steps = out.putArray("steps");
            for (var ch : c.changes()) {
                ObjectNode o = steps.addObject().put("seq", ch.seq());
                if (ch.at() > 0) o.put("at", ch.at());
                o.set("ops", OpCodec.toJson(ch.ops()));
            }
            return out;
        });
    }

    /**
     * {@code GET /api/boards/{id}/versions}: the named versions, oldest first, from the board's durable document
     * (through {@link Boards}: its room here, or the store when another node serves it).
     */
    void versions(RoutingContext ctx) {
        authorised(ctx, true, meta -> access.boards().read(meta.id(), doc -> Versions.of(doc.elements()))
                .compose(versions -> store(meta.id()).map(range -> new Object[] {versions, range == null ? 0L : range.oldest()}))
                .onComplete(ar -> ifRead(ctx, ar, result -> {
                    @SuppressWarnings("unchecked") var versions = (List<Versions.Version>) result[0];
                    long oldest = (Long) result[1];
                    ObjectNode out = JsonNodeFactory.instance.objectNode();
                    ArrayNode list = out.putArray("versions");
                    for (var v : versions) {
                        list.addObject().put("id", v.id()).put("name", v.name()).put("seq", v.seq()).put("at", v.at())
                                .put("author", v.author()).put("kept", v.seq() >= oldest);
                    }
                    Answers.json(ctx, 200, out);
                })));
    }

    private interface Body extends BiFunction<HistoryReader.Changes, ObjectNode, ObjectNode> {}

    /** The timeline and the replay: {@code from} (first seq listed), {@code to} (last), {@code limit}. */
    private void list(RoutingContext ctx, boolean editorsOnly, int defaultLimit, int maxLimit, Body body) {
        Long from = optional(ctx, "from");
        Long to = optional(ctx, "to");
        Long limit = optional(ctx, "limit");
        if (ctx.response().ended()) return;
        if (from != null && to != null && from > to) {
            Answers.error(ctx, 400, ErrorCode.BAD_MESSAGE, "from (" + from + ") is after to (" + to + ")");
            return;
        }
        if (limit != null && (limit < 1 || limit > maxLimit)) {
            Answers.error(ctx, 400, ErrorCode.BAD_MESSAGE, "limit must be 1.." + maxLimit);
            return;
        }
        int n = limit == null ? defaultLimit : limit.intValue();
        authorised(ctx, editorsOnly, meta -> store(meta.id())
                .compose(range -> {
                    if (range == null) return Future.succeededFuture(null);
                    long last = to == null ? range.newest() : to;
                    // a from older than the history kept is 410; from the oldest point kept on, the list starts after it
                    HistoryException.check(range, from == null ? range.oldest() : from, last);
                    long after = from == null ? range.oldest() : Math.max(from - 1, range.oldest());
                    return reader.changes(meta.id(), after, Math.max(after, last), n);
                })
                .onComplete(ar -> ifRead(ctx, ar, c -> {
                    ObjectNode out = JsonNodeFactory.instance.objectNode().put("oldest", c.range().oldest()).put("newest", c.range().newest());
                    body.apply(c, out);
                    if (c.next() == null) out.putNull("next");
                    else out.put("next", c.next());
                    Answers.json(ctx, 200, out);
                })));
    }

    private Future<HistoryRange> store(String boardId) {
        return ((BoardHistory) access.store()).range(boardId);
    }

    /** Token first (401), then the role (403: history is for facilitators and editors; replay for every link). */
    private void authorised(RoutingContext ctx, boolean editorsOnly, Consumer<BoardMeta> then) {
        if (reader == null) {
            Answers.error(ctx, 503, ErrorCode.STORE_UNAVAILABLE, "this store keeps no history");
            return;
        }
        access.authorise(ctx, (meta, role) -> {
            if (editorsOnly && !role.mayEdit()) {
                Answers.error(ctx, 403, ErrorCode.FORBIDDEN, "the history is open to facilitators and editors; a "
                        + role.wire() + " may replay the board (/replay)");
                return;
            }
            then.accept(meta);
        });
    }

    /** Runs {@code then} with what a read gave; answers its failure, or 404 when it found no such board (null). */
    private static <T> void ifRead(RoutingContext ctx, AsyncResult<T> ar, Consumer<T> then) {
        if (ar.succeeded() && ar.result() != null) then.accept(ar.result());
        else if (ar.succeeded()) Answers.error(ctx, 404, ErrorCode.BOARD_NOT_FOUND, "no such board");
        else fail(ctx, ar.cause());
    }

    private static void fail(RoutingContext ctx, Throwable cause) {
        if (ctx.response().ended() || Answers.boardUnreadable(ctx, cause)) return;
        if (cause instanceof HistoryException h) {
            // the answer says which seqs the history does hold
            Answers.json(ctx, h.status(), JsonNodeFactory.instance.objectNode().put("code", h.code()).put("message", h.getMessage())
                    .put("oldest", h.range().oldest()).put("newest", h.range().newest()));
        } else if (cause instanceof StoreUnavailableException) {
            Answers.error(ctx, 503, ErrorCode.STORE_UNAVAILABLE, cause.getMessage());
        } else {
            System.getLogger(HistoryApi.class.getName()).log(System.Logger.Level.ERROR, "history request failed", cause);
            Answers.error(ctx, 500, "HISTORY_FAILED", String.valueOf(cause));
        }
    }

    private static void strings(ArrayNode into, List<String> values) {
        values.forEach(into::add);
    }

    private static Long optional(RoutingContext ctx, String name) {
        String v = ctx.request().getParam(name);
        return v == null || v.isEmpty() ? null : number(ctx, v, name);
    }

    /** A seq or count in the URL; answers 400 and null when it is not a whole number >= 0. */
    private static Long number(RoutingContext ctx, String value, String name) {
        if (value == null || !value.matches("[0-9]{1,15}")) {
            Answers.error(ctx, 400, ErrorCode.BAD_MESSAGE, name + " must be a whole number from 0, not '" + value + "'");
            return null;
        }
        return Long.parseLong(value);
    }

}
