package dev.journeyboard.server.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.board.ElementCodec;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.server.board.templates.Template;
import dev.journeyboard.server.board.templates.TemplateCatalog;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * {@code GET /api/templates?lang=zh|en}: the gallery of the start page. Each template with its name and one-line
 * description in both languages and the elements a board made from it in {@code lang} starts with, so the client can
 * draw its preview with its own renderer (the preview is the template, not a picture of it). Encoded once per language.
 */
final class TemplatesApi {
    private final Map<String, Buffer> encoded;

    TemplatesApi(TemplateCatalog catalog) {
        this.encoded = Map.of("zh", encode(catalog, "zh"), "en", encode(catalog, "en"));
    }

    void list(RoutingContext ctx) {
        String lang = ctx.request().getParam("lang");
        Buffer body = encoded.get(lang == null || lang.isEmpty() ? "zh" : lang);
        if (body == null) {
            Answers.error(ctx, 400, ErrorCode.BAD_MESSAGE, "lang must be zh or en");
            return;
        }
        // the templates change only with the server's version
        ctx.response().setStatusCode(200).putHeader("content-type", "application/json; charset=utf-8")
                .putHeader("cache-control", "public, max-age=300").end(body);
    }

    private static Buffer encode(TemplateCatalog catalog, String lang) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode list = out.putArray("templates");
        for (Template t : catalog.all()) {
            ObjectNode o = list.addObject().put("id", t.id());
            ObjectNode name = o.putObject("name");
            t.name().forEach(name::put);
            ObjectNode description = o.putObject("description");
            t.description().forEach(description::put);
            o.put("cards", t.cardCount());
            o.set("elements", ElementCodec.toJson(t.elements(lang)));
        }
        return Buffer.buffer(MessageCodec.bytes(out));
    }

    /**
     * The language of a new board's card texts: {@code lang} when given ({@code zh} or {@code en}), else the title's
     * (Chinese characters in it: {@code zh}), as the hand-off documents guess it.
     *
     * @return null for a {@code lang} that is neither
     */
    static String boardLang(JsonNode lang, String title) {
        if (lang != null && !lang.isNull()) {
            if (!lang.isTextual() || !Template.LANGS.contains(lang.textValue())) return null;
            return lang.textValue();
        }
        return dev.journeyboard.server.handoff.Lang.of(null, title).code();
    }
}
