package dev.journeyboard.server.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The journey model read from a board's elements: grid order, cells, scores, quadrants, owners, metric gaps. */
class HandoffModelTest {

    private static JourneyModel retail(String lang) {
        var els = Fixtures.retailWorkshop(lang);
        Collections.shuffle(els, new Random(7)); // order comes from the indexes, not from the element list
        return JourneyReader.read(Fixtures.title("retail-purchase", lang), Lang.of(lang, null), els);
    }

    private static ActionItem item(JourneyModel m, String id) {
        return m.actions().stream().filter(a -> a.card().id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void stagesLanesAndCellsFollowTheirIndexes() {
        var m = retail("zh");
        assertThat(m.stages()).extracting(JourneyModel.Stage::label).containsExactly("认知", "考虑", "购买", "使用", "忠诚");
        assertThat(m.lanes()).extracting(JourneyModel.Lane::label)
                .containsExactly("客户行为", "触点", "想法与期望", "情绪曲线", "痛点", "机会点", "负责部门");
        assertThat(m.cell("lane-opp", "stage-consider")).extracting(JourneyCard::id).containsExactly("opp-nasty");
        assertThat(m.cell("lane-touch", "stage-purchase").get(0).text()).isEqualTo("支付页面");
        var en = retail("en");
        assertThat(en.stages()).extracting(JourneyModel.Stage::label).startsWith("Awareness", "Consideration");
        assertThat(en.lang()).isEqualTo(Lang.EN);
    }

    @Test
    void theActionPlanListsPainPointsAndOpportunitiesTopFirstThenByScore() {
        var m = retail("zh");
        assertThat(m.actions()).extracting(a -> a.card().id()).containsExactly(
                "pain-purchase-1", "pain-use-1", "pain-consider-1", // TOP 1, 2, 3
                "opp-purchase-1", "opp-nasty", "opp-loyal-1", "opp-use-1"); // scores 17, 6, 2, 0
        assertThat(m.keyPoints()).extracting(a -> a.card().top()).containsExactly(1, 2, 3);
        assertThat(item(m, "opp-purchase-1").kind()).isEqualTo(ActionItem.Kind.OPPORTUNITY);
        assertThat(item(m, "pain-use-1").kind()).isEqualTo(ActionItem.Kind.PAIN_POINT);
    }

    @Test
    void theScoreIsVotesPlusTwiceImpactMinusEffortPlusTwiceTheMetricGap() {
        var m = retail("zh");
        // success measure on the payment page's CSAT: 2 against a target of 4 -> (4 - 2) x 1.25 = 2.5
        var opp = item(m, "opp-purchase-1");
        assertThat(opp.touchpoint().id()).isEqualTo("touch-purchase-1");
        assertThat(opp.gap()).isCloseTo(2.5, within(1e-9));
        assertThat(opp.score()).isCloseTo(6 + 2 * 5 - 4 + 2 * 2.5, within(1e-9));
        // no measure: the stage's touchpoint with a target, its largest gap (CSAT 2.5 beats CES (6 - 3) x 0.833)
        var pain = item(m, "pain-purchase-1");
        assertThat(pain.touchpoint().id()).isEqualTo("touch-purchase-1");
        assertThat(pain.gap()).isCloseTo(2.5, within(1e-9));
        assertThat(pain.score()).isCloseTo(7 + 10 - 2 + 5, within(1e-9));
        // a stage whose touchpoint has no target: gap 0
        var use = item(m, "pain-use-1");
        assertThat(use.touchpoint()).isNull();
        assertThat(use.score()).isEqualTo(5 + 8 - 4);
        // the awareness touchpoint meets its target (CSAT 4 of 4): no gap, no miss
        assertThat(m.missedTargets()).extracting(r -> r.card().id() + ":" + r.metric().kind())
                .containsExactly("touch-purchase-1:CSAT", "touch-purchase-1:CES");
    }

    @Test
    void missingPartsCountZeroAndBadValuesAreIgnored() {
        var els = new ArrayList<>(Fixtures.example("retail-purchase", "en"));
        els.add(card("p1", "lane-pain", "stage-aware", props().put("impact", 9).put("effort", "high").put("votes", -3)));
        els.add(card("p2", "lane-pain", "stage-aware", props().put("impact", 3)));
        var m = JourneyReader.read("t", Lang.EN, els);
        var p1 = item(m, "p1");
        assertThat(p1.card().impact()).as("out of 1..5").isNull();
        assertThat(p1.card().effort()).as("not a number").isNull();
        assertThat(p1.score()).isZero();
        assertThat(p1.quadrant()).isNull();
        assertThat(item(m, "p2").score()).isEqualTo(6);
        assertThat(m.inQuadrant(null)).extracting(a -> a.card().id()).contains("p1", "p2");
    }

    @Test
    void quadrantsSplitImpactAndEffortAtThree() {
        assertThat(Quadrant.of(3, 2)).isEqualTo(Quadrant.QUICK_WINS);
        assertThat(Quadrant.of(5, 3)).isEqualTo(Quadrant.BIG_BETS);
        assertThat(Quadrant.of(2, 2)).isEqualTo(Quadrant.FILL_INS);
        assertThat(Quadrant.of(1, 5)).isEqualTo(Quadrant.MONEY_PITS);
        assertThat(Quadrant.of(null, 5)).isNull();
        var m = retail("en");
        assertThat(m.inQuadrant(Quadrant.QUICK_WINS)).extracting(a -> a.card().id()).containsExactly("pain-purchase-1", "pain-consider-1");
        assertThat(m.inQuadrant(Quadrant.MONEY_PITS)).extracting(a -> a.card().id()).containsExactly("opp-use-1");
        assertThat(Quadrant.QUICK_WINS.both(Lang.ZH)).isEqualTo("速赢 · Quick wins");
        assertThat(Quadrant.MONEY_PITS.both(Lang.EN)).isEqualTo("Money pits · 费力不讨好");
    }

    @Test
    void opportunitiesLinkThePainPointsTheyAddressBothWays() {
        var m = retail("zh");
        assertThat(item(m, "opp-purchase-1").addresses()).extracting(JourneyCard::id).containsExactly("pain-purchase-1");
        assertThat(item(m, "pain-purchase-1").addressedBy()).extracting(JourneyCard::id).containsExactly("opp-purchase-1");
        assertThat(item(m, "opp-purchase-1").measureText(m)).isEqualTo("CSAT 支付页面: 2 → 4");
    }

    @Test
    void thePlanIsGroupedByOwnerWithTheUnownedLast() {
        var m = retail("zh");
        assertThat(m.byOwner()).extracting(JourneyModel.OwnerGroup::label)
                .containsExactly("产品部 / Product", "IT <ops> & \"support\"", "市场部 / Marketing", "客服中心 / Service", null);
        assertThat(m.byOwner().get(4).items()).hasSize(3);
    }

    @Test
    void privateCardsAndCardsOutsideTheGridAreLeftOut() {
        var els = new ArrayList<>(Fixtures.example("retail-purchase", "zh"));
        els.add(card("secret", "lane-pain", "stage-aware", props().put("text", "还没公开").put("private", "client-1")));
        els.add(card("orphan", "lane-pain", "stage-gone", props().put("text", "无阶段")));
        var m = JourneyReader.read("t", Lang.ZH, els);
        assertThat(m.cards()).doesNotContainKeys("secret", "orphan");
    }

    @Test
    void departmentsNameTheOwnerOfACard() {
        // the department element type arrives with the CX model (issue 14); until then this cannot be built
        ElementType dept = ElementType.fromWire("department");
        Assumptions.assumeTrue(dept != null, "no department element type yet");
        var els = new ArrayList<>(Fixtures.retailWorkshop("en"));
        ObjectNode p = props();
        p.putObject("labels").put("zh", "技术部").put("en", "IT");
        els.add(new Element("dept-it", dept, null, "a1", p));
        els.replaceAll(e -> e.id().equals("opp-loyal-1")
                ? new Element(e.id(), e.type(), e.parent(), e.index(), e.props().deepCopy().put("dept", "dept-it")) : e);
        var m = JourneyReader.read("t", Lang.ZH, els);
        assertThat(item(m, "opp-loyal-1").owner()).isEqualTo("技术部");
        assertThat(m.byOwner().get(0).label()).isEqualTo("技术部");
    }

    @Test
    void theLanguageIsTheTitlesUnlessAsked() {
        assertThat(Lang.of(null, "电商购物旅程")).isEqualTo(Lang.ZH);
        assertThat(Lang.of(null, "Online shop")).isEqualTo(Lang.EN);
        assertThat(Lang.of("en", "电商购物旅程")).isEqualTo(Lang.EN);
        assertThat(Lang.of("fr", "x")).isNull();
    }

    @Test
    void metricGapsAreNormalisedToZeroToFive() {
        assertThat(Metric.Kind.CSAT.gap(1, 5)).isEqualTo(5);
        assertThat(Metric.Kind.NPS.gap(-100, 100)).isEqualTo(5);
        assertThat(Metric.Kind.NPS.gap(10, 30)).isCloseTo(0.5, within(1e-9));
        assertThat(Metric.Kind.CES.gap(7, 1)).isCloseTo(5, within(0.01));
        assertThat(Metric.Kind.CES.gap(2, 3)).as("less effort than the target").isZero();
        assertThat(Metric.Kind.CSAT.gap(4.5, 4)).isZero();
    }

    static ObjectNode props() {
        return Fixtures.N.objectNode();
    }

    static Element card(String id, String lane, String stage, ObjectNode props) {
        props.put("stage", stage);
        return new Element(id, ElementType.CARD, lane, "V", props);
    }
}
