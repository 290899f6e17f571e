package dev.journeyboard.server.board;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.board.Actor;
import dev.journeyboard.protocol.board.Document;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementType;
import dev.journeyboard.protocol.board.Limits;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.op.Op;
import dev.journeyboard.server.board.templates.Template;
import dev.journeyboard.server.board.templates.TemplateCatalog;
import dev.journeyboard.server.handoff.Lang;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shipped templates (resource files) obey the document's real rules: every template, in both languages, is
 * created element by element through {@code Document.apply} as a facilitator would (no server-only props, every
 * value valid, every reference resolvable); and its texts really are in the language asked for.
 */
class TemplatesTest {
    private static final List<Template> ALL = TemplateCatalog.shipped().all();

    @Test
    void theGalleryHoldsTheBasicGridsAndTheIndustryMapsInOrder() {
        assertThat(ALL).extracting(Template::id).containsExactly("journey", "service-blueprint", "blank", "employee-journey",
                "retail-purchase", "airline-trip", "bank-account", "saas-trial");
        for (Template t : ALL) {
            assertThat(t.name()).as(t.id()).containsOnlyKeys("zh", "en").allSatisfy((l, s) -> assertThat(s).isNotBlank());
            assertThat(t.description()).as(t.id()).containsOnlyKeys("zh", "en").allSatisfy((l, s) -> assertThat(s).isNotBlank());
            assertThat(t.name().get("zh").codePoints().anyMatch(Lang::isCjk)).as(t.id() + " has a Chinese name").isTrue();
            assertThat(t.name().get("en").codePoints().noneMatch(Lang::isCjk)).as(t.id() + " has an English name").isTrue();
        }
    }

    @Test
    void everyTemplatePassesDocumentApplyInBothLanguages() {
        for (Template t : ALL) {
            for (String lang : Template.LANGS) {
                var doc = new Document();
                // structure first, then personas (other cards may name them), then the rest
                var ordered = new ArrayList<>(t.elements(lang));
                var personaLanes = ordered.stream().filter(e -> e.type() == ElementType.LANE && "persona".equals(e.props().path("kind").textValue()))
                        .map(Element::id).collect(Collectors.toSet());
                ordered.sort(Comparator.comparingInt(e -> e.type() == ElementType.STAGE || e.type() == ElementType.LANE ? 0
                        : personaLanes.contains(e.parent()) ? 1 : 2));
                for (Element e : ordered) {
                    doc.apply(List.of(new Op.Create(e.id(), e.type(), e.parent(), e.index(), e.props().deepCopy())),
                            new Actor(Role.FACILITATOR, "template-test", false), Limits.DEFAULT);
                }
                assertThat(doc.size()).as(t.id() + " " + lang).isEqualTo(ordered.size());
            }
        }
    }

    @Test
    void cardTextsAreInTheLanguageOfTheBoardAndBothLanguagesHaveTheSameCards() {
        for (Template t : ALL) {
            Map<String, Element> zh = byId(t.elements("zh"));
            Map<String, Element> en = byId(t.elements("en"));
            assertThat(en.keySet()).as(t.id()).isEqualTo(zh.keySet());
            for (Element z : zh.values()) {
                Element e = en.get(z.id());
                assertThat(e.parent()).isEqualTo(z.parent());
                assertThat(e.props().path("stage")).isEqualTo(z.props().path("stage"));
                if (z.type() == ElementType.STAGE || z.type() == ElementType.LANE) {
                    assertThat(e.props()).as("labels keep both languages").isEqualTo(z.props());
                    continue;
                }
                for (String text : List.of("text", "name", "quote", "goals", "frustrations", "owner")) {
                    if (!z.props().has(text)) continue;
                    assertThat(z.props().get(text).textValue().codePoints().anyMatch(Lang::isCjk)).as(t.id() + " " + z.id() + "." + text + " zh").isTrue();
                    assertThat(e.props().get(text).textValue().codePoints().noneMatch(Lang::isCjk)).as(t.id() + " " + z.id() + "." + text + " en: " + e.props().get(text)).isTrue();
                }
            }
        }
    }

    @Test
    void theIndustryMapsCarryRealContentAndTheirPersonas() {
        for (String id : List.of("employee-journey", "retail-purchase", "airline-trip", "bank-account", "saas-trial")) {
            List<Element> els = TemplateCatalog.shipped().get(id).elements("zh");
            List<Element> cards = els.stream().filter(e -> e.type() == ElementType.CARD).toList();
            assertThat(cards).as(id).hasSizeGreaterThanOrEqualTo(15);
            assertThat(cards).as(id + " has a persona profile").anySatisfy(c -> {
                assertThat(c.parent()).isEqualTo("lane-persona");
                assertThat(c.props().fieldNames()).toIterable().contains("name", "quote", "goals", "frustrations");
            });
            assertThat(cards).as(id + " has scored emotions").filteredOn(c -> c.props().has("emotion")).hasSizeGreaterThanOrEqualTo(4);
            Set<String> kinds = els.stream().filter(e -> e.type() == ElementType.LANE).map(e -> e.props().path("kind").textValue()).collect(Collectors.toSet());
            assertThat(kinds).as(id).contains("persona", "touchpoints", "emotions", "painpoints", "opportunities");
        }
        // a map can hold several personas, and cards say which one they are about
        List<Element> bank = TemplateCatalog.shipped().get("bank-account").elements("en");
        assertThat(bank).filteredOn(e -> "lane-persona".equals(e.parent())).extracting(e -> e.props().path("name").textValue())
                .containsExactly("Mr Zhang", "Mrs Liu");
        assertThat(bank).filteredOn(e -> e.props().has("persona")).extracting(e -> e.props().get("persona").textValue())
                .contains("card-zhang", "card-liu");
    }

    @Test
    void theRetailAndAirlineMapsAreTheSharedExamples() {
        Map<String, Element> retail = byId(TemplateCatalog.shipped().get("retail-purchase").elements("en"));
        assertThat(retail.values()).filteredOn(e -> e.type() == ElementType.CARD).extracting(e -> e.props().path("text").textValue())
                .contains("Few payment methods and many steps; high cart abandonment", "Payment page");
        Map<String, Element> airline = byId(TemplateCatalog.shipped().get("airline-trip").elements("zh"));
        JsonNode gate = airline.values().stream().filter(e -> "登机口指示与广播".equals(e.props().path("text").textValue())).findFirst().orElseThrow().props();
        assertThat(gate.path("mot").booleanValue()).isTrue();
        assertThat(gate.path("csat").intValue()).isEqualTo(2);
    }

    @Test
    void theJourneyGridKeepsItsIdsForExistingBoardsAndTests() {
        assertThat(Templates.elements("journey")).extracting(Element::id).contains("stage-aware", "stage-use", "lane-pain", "lane-opp", "lane-emotion");
        assertThat(Templates.elements("blank")).isEmpty();
    }

    private static Map<String, Element> byId(List<Element> els) {
        return els.stream().collect(Collectors.toMap(Element::id, e -> e));
    }
}
