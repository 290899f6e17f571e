package dev.journeyboard.server.room.facilitation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The saved form of what each tab put down in a secret round, a vote's dots as an emotion round's scores: tab
 * (client id) → target (card or stage id) → a whole number, saved as {@code {client:{target:n}}}, and the round's
 * targets as an array of ids. Kept per tab, so a reconnect keeps them; never sent to a client.
 */
final class PerTab {
    private PerTab() {}

    static void write(ObjectNode into, Map<String, Map<String, Integer>> byTab) {
        byTab.forEach((client, mine) -> {
            ObjectNode m = into.putObject(client);
            mine.forEach(m::put);
        });
    }

    static Map<String, Map<String, Integer>> read(JsonNode saved) {
        Map<String, Map<String, Integer>> byTab = new HashMap<>();
        saved.fields().forEachRemaining(c -> {
            Map<String, Integer> mine = new HashMap<>();
            c.getValue().fields().forEachRemaining(t -> mine.put(t.getKey(), t.getValue().intValue()));
            byTab.put(c.getKey(), mine);
        });
        return byTab;
    }

    /** The ids of a saved array ({@code lanes}, {@code targets}). */
    static List<String> ids(JsonNode array) {
        var ids = new ArrayList<String>();
        array.forEach(t -> ids.add(t.textValue()));
        return List.copyOf(ids);
    }
}
