package dev.journeyboard.server.net;

import static dev.journeyboard.server.net.IntegrationHttp.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.server.room.Rooms;
import dev.journeyboard.server.store.BoardStore;
import dev.journeyboard.server.voc.FeedbackService;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The board's customer feedback over HTTP: {@code POST /api/boards/{id}/feedback} imports a CSV (facilitator or
 * data token), {@code GET …/feedback?card=…|unmatched=1} lists items (any of the board's three role tokens),
 * {@code POST …/feedback/tag} files items under a card (editors and facilitators). The work is
 * {@link FeedbackService}'s; this checks who asks and what they send.
 */
final class FeedbackApi {
    static final long TAG_BODY_LIMIT = 64 * 1024;
    static final int MAX_TAG_ITEMS = 500;
    static final int MAX_PAGE = 500;
    private static final Set<String> CSV_TYPES = Set.of("text/csv", "application/csv", "text/plain", "application/vnd.ms-excel",
            "text/comma-separated-values", "application/octet-stream");
    private static final Pattern CHARSET = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";]+)\"?");

    private final BoardStore store;
    private final Rooms rooms;
    private final FeedbackService feedback;

    FeedbackApi(BoardStore store, Rooms rooms, FeedbackService feedback) {
        this.store = store;
        this.rooms = rooms;
        this.feedback = feedback;
    }

    void importCsv(RoutingContext ctx) {
        String boardId = ctx.pathParam("id");
        String token = IntegrationHttp.token(ctx);
        String type = ctx.request().getHeader("content-type");
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        IntegrationHttp.meta(store, boardId).compose(meta -> {
            String author;
            if (meta.isDataToken(token)) author = MetricsApi.AUTHOR;
            else if (meta.roleOf(token) == Role.FACILITATOR) author = FeedbackService.AUTHOR;
            else if (meta.roleOf(token) != null) return forbidden("only the facilitator (or an integration with the data token) imports feedback");
            else return unauthorized("importing feedback needs the facilitator's or the data token");
            String mime = type == null ? "" : type.split(";")[0].strip().toLowerCase(Locale.ROOT);
            if (!CSV_TYPES.contains(mime)) {
                return Future.failedFuture(new IntegrationHttp.HttpRefusal(415, "UNSUPPORTED_MEDIA_TYPE",
                        "send the file as Content-Type: text/csv (optionally with ; charset=utf-8 or gb18030), not '" + (type == null ? "" : type) + "'"));
            }
            Matcher cs = CHARSET.matcher(type);
            String charset = cs.find() ? cs.group(1) : null;
            return IntegrationHttp.inRoom(rooms, boardId, room -> feedback.importCsv(room, body, charset, author));
        }).onComplete(ar -> {
            if (ar.succeeded()) BoardApi.json(ctx, 200, ar.result());
            else fail(ctx, "feedback import into board " + boardId, ar.cause());
        });
    }

    void list(RoutingContext ctx) {
        String boardId = ctx.pathParam("id");
        String token = IntegrationHttp.token(ctx);
        String card = ctx.request().getParam("card");
        String unmatched = ctx.request().getParam("unmatched");
        IntegrationHttp.meta(store, boardId).compose(meta -> {
            if (meta.roleOf(token) == null) return unauthorized("listing feedback needs one of the board's links (a data token only pushes)");
            if ((card == null) == (unmatched == null) || (unmatched != null && !unmatched.equals("1") && !unmatched.equals("true"))) {
                return bad("ask for ?card=<card id> or ?unmatched=1");
            }
            int offset = number(ctx.request().getParam("offset"), 0, Integer.MAX_VALUE, 0, "offset");
            int limit = number(ctx.request().getParam("limit"), 1, MAX_PAGE, 50, "limit");
            return IntegrationHttp.inRoom(rooms, boardId, room -> feedback.list(room, card, offset, limit));
        }).onComplete(ar -> {
            if (ar.succeeded()) BoardApi.json(ctx, 200, ar.result());
            else fail(ctx, "feedback list of board " + boardId, ar.cause());
        });
    }

    void tag(RoutingContext ctx) {
        String boardId = ctx.pathParam("id");
        String token = IntegrationHttp.token(ctx);
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        IntegrationHttp.meta(store, boardId).compose(meta -> {
            Role role = meta.roleOf(token);
            if (role == null) return unauthorized("tagging feedback needs the edit or facilitator link");
            if (!role.mayEdit()) return forbidden("a viewer may not tag feedback");
            JsonNode req = MessageCodec.parseObject(body);
            JsonNode items = req.get("items");
            if (items == null || !items.isArray() || items.isEmpty() || items.size() > MAX_TAG_ITEMS) {
                return bad("items must be an array of 1 to " + MAX_TAG_ITEMS + " feedback item ids");
            }
            var ids = new ArrayList<String>();
            for (JsonNode i : items) {
                if (!i.isTextual()) return bad("items must hold feedback item ids (strings)");
                if (!ids.contains(i.textValue())) ids.add(i.textValue());
            }
            JsonNode card = req.get("card");
            if (card == null || !(card.isNull() || card.isTextual())) return bad("card must be a card id, or null to file the items under no card");
            return IntegrationHttp.inRoom(rooms, boardId, room -> feedback.tag(room, List.copyOf(ids), card.textValue(), FeedbackService.AUTHOR));
        }).onComplete(ar -> {
            if (ar.succeeded()) BoardApi.json(ctx, 200, ar.result());
            else fail(ctx, "feedback tag on board " + boardId, ar.cause());
        });
    }

    private static int number(String v, int min, int max, int fallback, String name) {
        if (v == null || v.isEmpty()) return fallback;
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProtocolException(ErrorCode.BAD_MESSAGE, name + " must be a whole number from " + min + " to " + max);
    }

    private static <T> Future<T> bad(String message) {
        return Future.failedFuture(new ProtocolException(ErrorCode.BAD_MESSAGE, message));
    }

    private static <T> Future<T> forbidden(String message) {
        return Future.failedFuture(new ProtocolException(ErrorCode.FORBIDDEN, message));
    }

    private static <T> Future<T> unauthorized(String message) {
        return Future.failedFuture(new ProtocolException(ErrorCode.UNAUTHORIZED, message));
    }
}
