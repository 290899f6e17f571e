package dev.journeyboard.server.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.board.FractionalIndex;
import dev.journeyboard.protocol.message.MessageCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Boards for the hand-off tests: the two journeys of /work/shared/examples (copied to test resources), as the
 * elements a board holds, plus the CX properties of CONTRACTS.md on a few of their cards.
 */
final class Fixtures {
    static final JsonNodeFactory N = JsonNodeFactory.instance;
    /** Card text with everything XML, CSV, Markdown and spreadsheets treat specially. */
    static final String NASTY = "=SUM(A1) <b>&\"quoted\"</b>, line\nbreak | *star* ]]>";

    private Fixtures() {}

    /** One example journey (retail-purchase, airline-trip) in one language: stages, lanes and cards with ids {@code <lane>-<stage>-<n>}. */
    static List<Element> example(String name, String lang) {
        JsonNode ex = read("/handoff/" + name + ".json");
        var out = new ArrayList<Element>();
        String[] si = FractionalIndex.sequence(ex.get("stages").size());
        int i = 0;
        for (JsonNode s : ex.get("stages")) {
            ObjectNode p = N.objectNode();
            p.putObject("labels").put("zh", s.get("zh").textValue()).put("en", s.get("en").textValue());
            out.add(new Element("stage-" + s.get("key").textValue(), ElementType.STAGE, null, si[i++], p));
        }
        String[] li = FractionalIndex.sequence(ex.get("lanes").size());
        i = 0;
        for (JsonNode l : ex.get("lanes")) {
            ObjectNode p = N.objectNode().put("kind", l.get("kind").textValue());
            p.putObject("labels").put("zh", l.get("zh").textValue()).put("en", l.get("en").textValue());
            out.add(new Element("lane-" + l.get("key").textValue(), ElementType.LANE, null, li[i++], p));
        }
        Map<String, Integer> perCell = new HashMap<>();
        for (JsonNode c : ex.get("cards")) {
            String lane = c.get("lane").textValue(), stage = c.get("stage").textValue();
            int n = perCell.merge(lane + "|" + stage, 1, Integer::sum);
            ObjectNode p = N.objectNode().put("stage", "stage-" + stage).put("text", c.get(lang).textValue());
            for (String k : List.of("emotion", "csat", "nps", "ces")) if (c.has(k)) p.put(k, c.get(k).intValue());
            if (c.has("mot")) p.put("mot", c.get("mot").booleanValue());
            if (c.has("kano")) p.put("kano", c.get("kano").textValue());
            if (c.has("owner")) p.put("owner", c.get("owner").textValue());
            out.add(new Element(lane + "-" + stage + "-" + n, ElementType.CARD, "lane-" + lane, "a" + n, p));
        }
        return out;
    }

    static String title(String name, String lang) {
        return read("/handoff/" + name + ".json").get("title").get(lang).textValue();
    }

    /**
     * The retail journey with a workshop's results on it: impact, effort, votes, TOP ranks, statuses, due dates, a
     * success measure, links from opportunities to pain points, metric targets (one missed), and a card whose text
     * holds {@link #NASTY}.
     */
    static List<Element> retailWorkshop(String lang) {
        var els = new ArrayList<>(example("retail-purchase", lang));
        set(els, "touch-purchase-1", p -> p.put("csatTarget", 4).put("csatN", 412).put("cesTarget", 3));
        set(els, "touch-aware-1", p -> p.put("csatTarget", 4));
        set(els, "pain-purchase-1", p -> p.put("impact", 5).put("effort", 2).put("votes", 7).put("top", 1));
        set(els, "pain-use-1", p -> p.put("impact", 4).put("effort", 4).put("votes", 5).put("top", 2));
        set(els, "pain-consider-1", p -> p.put("impact", 3).put("effort", 1).put("votes", 3).put("top", 3));
        set(els, "opp-purchase-1", p -> {
            p.put("impact", 5).put("effort", 4).put("votes", 6).put("status", "in-progress").put("due", "2027-03-31");
            p.putObject("measure").put("touchpoint", "touch-purchase-1").put("metric", "csat").put("from", 2).put("to", 4);
            p.putArray("addresses").add("pain-purchase-1");
        });
        set(els, "opp-use-1", p -> {
            p.put("impact", 2).put("effort", 4).put("status", "planned").put("due", "2027-06-30");
            p.putArray("addresses").add("pain-use-1");
        });
        set(els, "opp-loyal-1", p -> p.put("impact", 2).put("effort", 2).put("status", "idea"));
        var nasty = N.objectNode().put("stage", "stage-consider").put("text", NASTY).put("impact", 4).put("effort", 3)
                .put("votes", 1).put("owner", "IT <ops> & \"support\"");
        els.add(new Element("opp-nasty", ElementType.CARD, "lane-opp", "a5", nasty));
        return els;
    }

    private static void set(List<Element> els, String id, java.util.function.Consumer<ObjectNode> change) {
        for (int i = 0; i < els.size(); i++) {
            Element e = els.get(i);
            if (e.id().equals(id)) {
                ObjectNode p = e.props().deepCopy();
                change.accept(p);
                els.set(i, new Element(e.id(), e.type(), e.parent(), e.index(), p));
                return;
            }
        }
        throw new AssertionError("no fixture card " + id);
    }

    /** A board of {@code cards} cards over 8 stages and 9 lanes (an emotion lane among them), CX properties on many. */
    static List<Element> large(int cards) {
        var els = new ArrayList<Element>();
        String[] kinds = {"actions", "touchpoints", "thoughts", "emotions", "painpoints", "opportunities", "owners", "metrics", "backstage"};
        String[] si = FractionalIndex.sequence(8);
        for (int s = 0; s < 8; s++) els.add(new Element("s" + s, ElementType.STAGE, null, si[s], N.objectNode().put("title", "阶段 Stage " + (s + 1))));
        String[] li = FractionalIndex.sequence(kinds.length);
        for (int l = 0; l < kinds.length; l++) {
            els.add(new Element("l" + l, ElementType.LANE, null, li[l], N.objectNode().put("kind", kinds[l]).put("title", kinds[l])));
        }
        String[] ci = FractionalIndex.sequence(cards);
        for (int c = 0; c < cards; c++) {
            int lane = c % kinds.length, stage = (c / kinds.length) % 8;
            ObjectNode p = N.objectNode().put("stage", "s" + stage)
                    .put("text", (c % 2 == 0 ? "支付步骤多，用户放弃购物车 " : "Checkout takes too many steps, carts abandoned ") + c);
            if (kinds[lane].equals("emotions")) p.put("emotion", c % 5 - 2);
            if (kinds[lane].equals("touchpoints")) p.put("csat", 1 + c % 5).put("csatTarget", 4).put("nps", c % 200 - 100);
            if (kinds[lane].equals("painpoints") || kinds[lane].equals("opportunities")) {
                p.put("impact", 1 + c % 5).put("effort", 1 + (c / 5) % 5).put("votes", c % 7).put("status", "planned").put("owner", "部门 " + c % 6);
                if (c % 97 == 0) p.put("top", 1 + c / 97);
            }
            els.add(new Element("c" + c, ElementType.CARD, "l" + lane, ci[c], p));
        }
        return els;
    }

    private static JsonNode read(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) throw new AssertionError("missing test resource " + resource);
            return MessageCodec.parseObject(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
