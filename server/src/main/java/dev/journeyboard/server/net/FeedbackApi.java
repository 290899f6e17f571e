package dev.journeyboard.server.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.server.api.Refusal;
import dev.journeyboard.server.room.BoardCall;
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
 * {@link FeedbackService}'s, in the board's room: a {@link BoardCall} (import, list, tag) that runs on whichever
 * node serves the board. This checks who asks and what they send before the call leaves.
 */
final class FeedbackApi {
    static final long TAG_BODY_LIMIT = 64 * 1024;
    static final int MAX_TAG_ITEMS = 500;
    static final int MAX_PAGE = 500;
    private static final Set<String> CSV_TYPES = Set.of("text/csv", "application/csv", "text/plain", "application/vnd.ms-excel",
            "text/comma-separated-values", "application/octet-stream");
    private static final Pattern CHARSET = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";]+)\"?");

    static final String IMPORT = "feedback.import", LIST = "feedback.list", TAG = "feedback.tag";

    private final BoardAccess access;

    FeedbackApi(BoardAccess access, FeedbackService feedback) {
        this.access = access;
        // the service's refusals are Refusals already: they travel back from the serving node as they are
        access.calls().register(IMPORT, (room, c) -> feedback.importCsv(room, c.body(), text(c, "charset"), text(c, "author")));
        access.calls().register(LIST, (room, c) -> feedback.list(room, text(c, "card"), c.args().path("offset").asInt(),
                c.args().path("limit").asInt()));
        access.calls().register(TAG, (room, c) -> {
            var ids = new ArrayList<String>();
            for (JsonNode i : c.args().path("items")) ids.add(i.textValue());
            return feedback.tag(room, List.copyOf(ids), text(c, "card"), FeedbackService.AUTHOR);
        });
    }

    private static String text(BoardCall c, String field) {
        JsonNode v = c.args().get(field);
        return v == null || v.isNull() ? null : v.textValue();
    }

    private static ObjectNode args() {
        return JsonNodeFactory.instance.objectNode();
    }

    void importCsv(RoutingContext ctx) {
        String type = ctx.request().getHeader("content-type");
        byte[] body = BoardAccess.body(ctx);
        access.answer(ctx, "feedback import", (meta, token) -> {
            String author;
            if (meta.isDataToken(token)) author = MetricsApi.AUTHOR;
            else if (meta.roleOf(token) == Role.FACILITATOR) author = FeedbackService.AUTHOR;
            else if (meta.roleOf(token) != null) return forbidden("only the facilitator (or an integration with the data token) imports feedback");
            else return unauthorized("importing feedback needs the facilitator's or the data token");
            String mime = type == null ? "" : type.split(";")[0].strip().toLowerCase(Locale.ROOT);
            if (!CSV_TYPES.contains(mime)) {
                return Future.failedFuture(new Refusal(415, "UNSUPPORTED_MEDIA_TYPE",
                        "send the file as Content-Type: text/csv (optionally with ; charset=utf-8 or gb18030), not '" + (type == null ? "" : type) + "'"));
            }
            Matcher cs = CHARSET.matcher(type);
            String charset = cs.find() ? cs.group(1) : null;
            return access.boards().call(meta.id(), new BoardCall(IMPORT, args().put("charset", charset).put("author", author), body));
        });
    }

    void list(RoutingContext ctx) {
        String card = ctx.request().getParam("card");
        String unmatched = ctx.request().getParam("unmatched");
        access.answer(ctx, "feedback list", (meta, token) -> {
            if (meta.roleOf(token) == null) return unauthorized("listing feedback needs one of the board's links (a data token only pushes)");
            if ((card == null) == (unmatched == null) || (unmatched != null && !unmatched.equals("1") && !unmatched.equals("true"))) {
                return bad("ask for ?card=<card id> or ?unmatched=1");
            }
            int offset = number(ctx.request().getParam("offset"), 0, Integer.MAX_VALUE, 0, "offset");
            int limit = number(ctx.request().getParam("limit"), 1, MAX_PAGE, 50, "limit");
            return access.boards().call(meta.id(), new BoardCall(LIST, args().put("card", card).put("offset", offset).put("limit", limit), null));
        });
    }

    void tag(RoutingContext ctx) {
        byte[] body = BoardAccess.body(ctx);
        access.answer(ctx, "feedback tag", (meta, token) -> {
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
            ObjectNode a = args().put("card", card.textValue());
            ids.forEach(a.putArray("items")::add);
            return access.boards().call(meta.id(), new BoardCall(TAG, a, null));
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
