package dev.journeyboard.server.board.templates;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.message.MessageCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The templates shipped with the server, read once from the class path: {@code templates/index.json} lists their
 * ids in gallery order, each is {@code templates/<id>.json} (see {@link Template} for the shape). A file with a
 * broken shape stops the server at start rather than making broken boards later; whether the elements obey the
 * document's rules is checked by a test ({@code TemplatesTest}) that applies every template through
 * {@code Document.apply}.
 */
public final class TemplateCatalog {
    private static final String DIR = "templates/";
    private static final TemplateCatalog SHIPPED = load();

    private final Map<String, Template> byId;

    private TemplateCatalog(Map<String, Template> byId) {
        this.byId = byId;
    }

    public static TemplateCatalog shipped() {
        return SHIPPED;
    }

    /** In gallery order. */
    public List<Template> all() {
        return List.copyOf(byId.values());
    }

    /** The template, or null. */
    public Template get(String id) {
        return byId.get(id);
    }

    public Set<String> ids() {
        return byId.keySet();
    }

    static TemplateCatalog load() {
        var byId = new LinkedHashMap<String, Template>();
        for (JsonNode id : read("index.json").path("templates")) {
            JsonNode t = read(id.textValue() + ".json");
            if (!id.textValue().equals(t.path("id").textValue())) throw broken(id.textValue(), "its id is " + t.path("id"));
            check(t);
            byId.put(id.textValue(), new Template(id.textValue(), texts(t, "name"), texts(t, "description"), t));
        }
        if (byId.isEmpty()) throw broken("index.json", "lists no templates");
        return new TemplateCatalog(java.util.Collections.unmodifiableMap(byId));
    }

    private static JsonNode read(String file) {
        try (InputStream in = TemplateCatalog.class.getClassLoader().getResourceAsStream(DIR + file)) {
            if (in == null) throw broken(file, "is missing");
            return MessageCodec.parseObject(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("template " + file + " could not be read", e);
        }
    }

    /** The shape only: keys present and unique, cards in existing cells, texts in both languages. */
    private static void check(JsonNode t) {
        String id = t.path("id").textValue();
        Set<String> stages = keys(id, t.path("stages"), "stage");
        Set<String> lanes = keys(id, t.path("lanes"), "lane");
        Set<String> cardKeys = new HashSet<>();
        for (JsonNode c : t.path("cards")) {
            if (!stages.contains(c.path("stage").textValue())) throw broken(id, "a card names stage " + c.path("stage"));
            if (!lanes.contains(c.path("lane").textValue())) throw broken(id, "a card names lane " + c.path("lane"));
            if (!Template.localized(c.path("text"))) throw broken(id, "a card's text needs zh and en: " + c);
            if (c.hasNonNull("key") && !cardKeys.add(c.get("key").textValue())) throw broken(id, "card key " + c.get("key") + " twice");
        }
        for (JsonNode c : t.path("cards")) {
            if (c.has("persona") && !cardKeys.contains(c.path("persona").textValue())) throw broken(id, "persona " + c.get("persona") + " is no card key");
        }
        texts(t, "name");
        texts(t, "description");
    }

    private static Set<String> keys(String id, JsonNode list, String what) {
        Set<String> keys = new HashSet<>();
        for (JsonNode n : list) {
            if (!n.path("key").isTextual() || !keys.add(n.get("key").textValue())) throw broken(id, what + " key " + n.path("key") + " missing or twice");
            if (!n.path("zh").isTextual() || !n.path("en").isTextual()) throw broken(id, what + " " + n.get("key") + " needs zh and en");
        }
        return keys;
    }

    private static Map<String, String> texts(JsonNode t, String field) {
        JsonNode v = t.path(field);
        if (!Template.localized(v)) throw broken(t.path("id").asText("?"), "'" + field + "' needs zh and en");
        var out = new LinkedHashMap<String, String>();
        for (String lang : Template.LANGS) out.put(lang, v.get(lang).textValue());
        return out;
    }

    private static IllegalStateException broken(String file, String what) {
        return new IllegalStateException("template " + file + ": " + what);
    }
}
