package dev.journeyboard.server.board.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.board.FractionalIndex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One template a board can start from, as read from {@code templates/<id>.json}: its name and one-line description
 * in both languages, and its grid (stages and lanes, labelled {@code {zh, en}}) with the cards it starts with. A
 * board gets the cards' texts in the language chosen when it is created; stage and lane labels keep both.
 *
 * <p>The file's shape: {@code {id, name:{zh,en}, description:{zh,en}, stages:[{key,zh,en}], lanes:[{key,kind,zh,en}],
 * cards:[{key?, stage, lane, <card props>}]}}. A card prop whose value is an object of exactly {@code zh} and {@code en}
 * is text in both languages; {@code persona} names another card's key. Ids are {@code stage-<key>},
 * {@code lane-<key>} and {@code card-<key>} (cards without a key: {@code card-<n>}, by position in the file).
 */
public record Template(String id, Map<String, String> name, Map<String, String> description, JsonNode source) {
    public static final List<String> LANGS = List.of("zh", "en");

    /** The elements of a new board made from this template, card texts in {@code lang} ({@code zh} or {@code en}). */
    public List<Element> elements(String lang) {
        if (!LANGS.contains(lang)) throw new IllegalArgumentException("lang must be zh or en, not " + lang);
        var out = new ArrayList<Element>();
        JsonNode stages = source.path("stages");
        String[] stageIdx = FractionalIndex.sequence(stages.size());
        for (int i = 0; i < stages.size(); i++) {
            JsonNode s = stages.get(i);
            ObjectNode props = labels(s);
            if (s.has("color")) props.set("color", s.get("color"));
            out.add(new Element("stage-" + s.path("key").textValue(), ElementType.STAGE, null, stageIdx[i], props));
        }
        JsonNode lanes = source.path("lanes");
        String[] laneIdx = FractionalIndex.sequence(lanes.size());
        for (int i = 0; i < lanes.size(); i++) {
            JsonNode l = lanes.get(i);
            out.add(new Element("lane-" + l.path("key").textValue(), ElementType.LANE, null, laneIdx[i],
                    labels(l).put("kind", l.path("kind").textValue())));
        }
        out.addAll(cards(lang));
        return out;
    }

    /** How many cards the template starts with. */
    public int cardCount() {
        return source.path("cards").size();
    }

    private List<Element> cards(String lang) {
        // cards of one cell get evenly spread indices in file order
        Map<String, List<JsonNode>> cells = new LinkedHashMap<>();
        Map<JsonNode, String> ids = new LinkedHashMap<>();
        int n = 0;
        for (JsonNode c : source.path("cards")) {
            n++;
            ids.put(c, "card-" + (c.hasNonNull("key") ? c.get("key").textValue() : String.valueOf(n)));
            cells.computeIfAbsent(c.path("lane").textValue() + "|" + c.path("stage").textValue(), k -> new ArrayList<>()).add(c);
        }
        var out = new ArrayList<Element>();
        for (List<JsonNode> cell : cells.values()) {
            String[] idx = FractionalIndex.sequence(cell.size());
            for (int i = 0; i < cell.size(); i++) {
                JsonNode c = cell.get(i);
                out.add(new Element(ids.get(c), ElementType.CARD, "lane-" + c.path("lane").textValue(), idx[i], cardProps(c, lang)));
            }
        }
        return out;
    }

    private static ObjectNode cardProps(JsonNode c, String lang) {
        ObjectNode props = JsonNodeFactory.instance.objectNode();
        props.put("stage", "stage-" + c.path("stage").textValue());
        c.fields().forEachRemaining(f -> {
            switch (f.getKey()) {
                case "key", "stage", "lane" -> { }
                case "persona" -> props.put("persona", "card-" + f.getValue().textValue());
                default -> props.set(f.getKey(), localized(f.getValue()) ? f.getValue().get(lang) : f.getValue());
            }
        });
        return props;
    }

    /** An object of exactly the two languages: text to pick from. */
    static boolean localized(JsonNode v) {
        return v.isObject() && v.size() == 2 && v.path("zh").isTextual() && v.path("en").isTextual();
    }

    private static ObjectNode labels(JsonNode l) {
        ObjectNode props = JsonNodeFactory.instance.objectNode();
        props.putObject("labels").put("zh", l.path("zh").textValue()).put("en", l.path("en").textValue());
        return props;
    }
}
