package dev.journeyboard.server.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** board.svg parsed with the JDK's XML parser: headers, every card's text and badges, the emotion curve. */
class HandoffSvgTest {

    static Document parse(byte[] svg) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    }

    /** {@code <g class=cls>} elements by their data-id. */
    static Map<String, Element> groups(Document doc, String cls) {
        var out = new LinkedHashMap<String, Element>();
        NodeList gs = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        for (int i = 0; i < gs.getLength(); i++) {
            var g = (Element) gs.item(i);
            if (g.getAttribute("class").equals(cls)) out.put(g.getAttribute("data-id"), g);
        }
        return out;
    }

    static List<String> texts(Element e) {
        var out = new ArrayList<String>();
        NodeList ts = e.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        for (int i = 0; i < ts.getLength(); i++) out.add(ts.item(i).getTextContent());
        return out;
    }

    /** The card's text lines: the texts of its {@code <g class="text">}. */
    static String cardText(Element card) {
        NodeList gs = card.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        for (int i = 0; i < gs.getLength(); i++) {
            var g = (Element) gs.item(i);
            if (g.getAttribute("class").equals("text")) return String.join("", texts(g));
        }
        return "";
    }

    private static String squash(String s) {
        return s.replaceAll("\\s+", "");
    }

    @Test
    void theMapHasItsStagesLanesAndEveryCardWithItsText() throws Exception {
        var els = Fixtures.retailWorkshop("zh");
        var m = JourneyReader.read(Fixtures.title("retail-purchase", "zh"), Lang.ZH, els);
        Document doc = parse(SvgWriter.write(m, LocalDate.of(2026, 12, 1)));
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(doc.getDocumentElement().getAttribute("font-family")).contains("Noto Sans CJK SC", "Microsoft YaHei", "sans-serif");
        assertThat(doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0).getTextContent()).isEqualTo("电商购物旅程");

        var stages = groups(doc, "stage");
        assertThat(stages.keySet()).containsExactly("stage-aware", "stage-consider", "stage-purchase", "stage-use", "stage-loyal");
        assertThat(texts(stages.get("stage-purchase"))).containsExactly("03", "购买");
        var lanes = groups(doc, "lane");
        assertThat(lanes).hasSize(7);
        assertThat(texts(lanes.get("lane-pain"))).containsExactly("痛点");
        assertThat(lanes.get("lane-emotion").getAttribute("data-kind")).isEqualTo("emotions");

        var cards = groups(doc, "card");
        assertThat(cards.keySet()).containsExactlyInAnyOrderElementsOf(m.cards().keySet());
        for (JourneyCard c : m.cards().values()) {
            var g = cards.get(c.id());
            assertThat(g.getAttribute("data-lane")).isEqualTo(c.lane());
            assertThat(g.getAttribute("data-stage")).isEqualTo(c.stage());
            assertThat(squash(cardText(g))).as(c.id()).isEqualTo(squash(c.text()));
        }
        // user text with < & " ]]> is escaped and comes back as written
        assertThat(texts(cards.get("opp-nasty"))).startsWith("=SUM(A1) <b>&\"quoted\"</b>,", "line", "break | *star* ]]>");
    }

    @Test
    void cardsCarryTheirBadges() throws Exception {
        var m = JourneyReader.read("电商购物旅程", Lang.ZH, Fixtures.retailWorkshop("zh"));
        var cards = groups(parse(SvgWriter.write(m, LocalDate.of(2026, 12, 1))), "card");
        assertThat(texts(cards.get("pain-purchase-1"))).contains("TOP 1", "MoT", "KANO M · 必备型", "▲ 7");
        assertThat(texts(cards.get("touch-purchase-1"))).as("missed targets name the target").contains("CSAT 2 · 目标 4", "CES 6 · 目标 3");
        assertThat(texts(cards.get("touch-aware-1"))).contains("CSAT 4 ✓");
        assertThat(texts(cards.get("opp-purchase-1"))).contains("@ 产品部 / Product", "▲ 6");
        assertThat(texts(cards.get("touch-use-1"))).contains("CSAT 4", "NPS 20");
    }

    @Test
    void theEmotionCurveRunsThroughTheScoredCardsStageByStage() throws Exception {
        var m = JourneyReader.read("t", Lang.EN, Fixtures.example("retail-purchase", "en"));
        Document doc = parse(SvgWriter.write(m, LocalDate.of(2026, 12, 1)));
        var path = (Element) doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path").item(0);
        assertThat(path.getAttribute("class")).isEqualTo("emotion-curve");
        assertThat(path.getAttribute("id")).isEqualTo("emotion-curve-lane-emotion");
        // the points the curve passes through: the move-to, then every third point of each cubic segment
        var nums = new ArrayList<Double>();
        var matcher = Pattern.compile("-?[0-9.]+").matcher(path.getAttribute("d"));
        while (matcher.find()) nums.add(Double.parseDouble(matcher.group()));
        var xs = new ArrayList<Double>();
        var ys = new ArrayList<Double>();
        xs.add(nums.get(0));
        ys.add(nums.get(1));
        for (int i = 2; i + 5 < nums.size() + 0; i += 6) {
            xs.add(nums.get(i + 4));
            ys.add(nums.get(i + 5));
        }
        // retail: aware +1, consider 0, purchase -2, use +1, loyal +2
        int[] emotions = {1, 0, -2, 1, 2};
        assertThat(xs).hasSize(5);
        for (int i = 0; i < 5; i++) {
            double colX = MapLayout.HEADER_W + i * MapLayout.COL_W;
            assertThat(xs.get(i)).as("point %d in stage column %d", i, i).isBetween(colX, colX + MapLayout.COL_W);
            assertThat(ys.get(i) - ys.get(0)).as("point %d one level per score", i)
                    .isCloseTo((emotions[0] - emotions[i]) * MapLayout.EMOTION_LEVEL, org.assertj.core.data.Offset.offset(0.02));
        }
    }

    @Test
    void aBoardWithoutStagesOrLanesIsStillAValidDocument() throws Exception {
        var m = JourneyReader.read("空白 & <empty>", Lang.ZH, List.of());
        Document doc = parse(SvgWriter.write(m, LocalDate.of(2026, 12, 1)));
        assertThat(doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0).getTextContent()).isEqualTo("空白 & <empty>");
    }

    @Test
    void charactersXmlCannotHoldAreDropped() throws Exception {
        var els = new ArrayList<>(Fixtures.example("airline-trip", "zh"));
        els.add(HandoffModelTest.card("ctl", "lane-pain", "stage-book", HandoffModelTest.props().put("text", "bell\u0007 and \uD800 lone")));
        var m = JourneyReader.read("t", Lang.ZH, els);
        var cards = groups(parse(SvgWriter.write(m, LocalDate.of(2026, 12, 1))), "card");
        assertThat(cardText(cards.get("ctl"))).isEqualTo("bell and  lone");
    }
}
