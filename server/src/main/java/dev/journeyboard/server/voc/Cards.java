package dev.journeyboard.server.voc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.server.room.Privacy;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The board's cards as feedback sees them, copied on the room's context and used on a worker: which ids exist,
 * which {@code ext} key names which card, and the {@code keywords} feedback text is matched against. Private
 * cards (someone's draft during private writing) are left out: nobody else's feedback lands on them.
 */
final class Cards {
    /** A card with keywords, normalised as the texts are. */
    record Target(String id, List<String> keywords) {}

    final Set<String> ids = new HashSet<>();
    final Map<String, String> byExt = new HashMap<>();
    final List<Target> targets = new ArrayList<>();

    static Cards of(Document doc) {
        var c = new Cards();
        for (Element e : doc.elements()) {
            if (e.type() != ElementType.CARD || Privacy.owner(e) != null) continue;
            c.ids.add(e.id());
            JsonNode ext = e.props().get("ext");
            if (ext != null && ext.isTextual()) c.byExt.put(ext.textValue(), e.id());
            JsonNode kw = e.props().get("keywords");
            if (kw != null && kw.isArray() && !kw.isEmpty()) {
                var words = new ArrayList<String>();
                for (JsonNode k : kw) {
                    String w = k.isTextual() ? normalise(k.textValue()).strip() : "";
                    if (!w.isEmpty() && !words.contains(w)) words.add(w);
                }
                if (!words.isEmpty()) c.targets.add(new Target(e.id(), words));
            }
        }
        return c;
    }

    /** A card named by its ext key or id, or null. */
    String resolve(String touchpoint) {
        String id = byExt.get(touchpoint);
        if (id != null) return id;
        return ids.contains(touchpoint) ? touchpoint : null;
    }

    /**
     * The card whose keywords the text contains most (distinct keywords, as substrings: Chinese has no spaces to
     * split words at); null when none matches or two or more tie for the most.
     */
    String match(String normalisedText) {
        String best = null;
        int bestHits = 0;
        boolean tie = false;
        for (Target t : targets) {
            int hits = 0;
            for (String k : t.keywords()) if (normalisedText.contains(k)) hits++;
            if (hits == 0) continue;
            if (hits > bestHits) {
                best = t.id();
                bestHits = hits;
                tie = false;
            } else if (hits == bestHits) {
                tie = true;
            }
        }
        return tie ? null : best;
    }

    /** Full-width letters and digits as ASCII (NFKC), Latin letters lower case: how texts and keywords compare. */
    static String normalise(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
