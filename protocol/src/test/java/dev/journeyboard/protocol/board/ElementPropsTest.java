package dev.journeyboard.protocol.board;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.op.Op;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A document's compact properties are, to everyone, the same JSON object as Jackson's own node. */
class ElementPropsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static ObjectNode card() {
        var props = NODES.objectNode().put("stage", "stage-buy").put("text", "排队太久，客服 ✓ — checkout asks twice").put("emotion", -2);
        props.putArray("tags").add("痛点").add("billing");
        props.putObject("metric").put("value", 4.5).putNull("unit");
        return props;
    }

    @Test
    void aCompactNodeEqualsAndIsWrittenAsTheNodeItWasMadeFrom() throws Exception {
        ObjectNode plain = card();
        ObjectNode compact = ElementProps.compact(plain);
        assertThat(compact).isNotSameAs(plain).isEqualTo(plain);
        assertThat(plain).isEqualTo(compact);
        assertThat(compact.hashCode()).isEqualTo(plain.hashCode());
        assertThat(JSON.writeValueAsString(compact)).isEqualTo(JSON.writeValueAsString(plain));
        assertThat(compact.toString()).isEqualTo(plain.toString());
        assertThat(List.copyOf(compact.properties())).containsExactlyElementsOf(List.copyOf(plain.properties()));
        assertThat(compact.get("emotion").intValue()).isEqualTo(-2);
        assertThat(compact.has("nope")).isFalse();
        assertThat(compact.deepCopy()).isEqualTo(plain);
        assertThat(ElementProps.compact(NODES.objectNode())).isEqualTo(NODES.objectNode()).hasSize(0);
    }

    /** Every way of changing a node, applied at random to Jackson's own and to a compact one: they stay the same. */
    @Test
    void aCompactNodeChangesAsJacksonsOwnDoes() {
        var random = new SplittableRandom(11);
        String[] names = {"stage", "text", "emotion", "kano", "csat", "owner", "due", "fields"};
        ObjectNode plain = card();
        ObjectNode compact = ElementProps.compact(plain);
        for (int step = 0; step < 5000; step++) {
            String name = names[random.nextInt(names.length)];
            JsonNode value = random.nextBoolean() ? NODES.textNode("值 " + step) : NODES.numberNode(step);
            switch (random.nextInt(8)) {
                case 0, 1, 2 -> {
                    plain.set(name, value);
                    compact.set(name, value);
                }
                case 3 -> assertThat(compact.remove(name)).isEqualTo(plain.remove(name));
                case 4 -> assertThat(compact.replace(name, value)).isEqualTo(plain.replace(name, value));
                case 5 -> {
                    var keep = List.of(name, names[random.nextInt(names.length)], "text");
                    plain.retain(keep);
                    compact.retain(keep);
                }
                case 6 -> {
                    var drop = List.of(name, names[random.nextInt(names.length)]);
                    plain.without(drop);
                    compact.without(drop);
                }
                default -> {
                    // through the entries: remove one while iterating, change another's value in place
                    for (var it = plain.properties().iterator(); it.hasNext(); ) if (it.next().getKey().equals(name)) it.remove();
                    for (var it = compact.properties().iterator(); it.hasNext(); ) if (it.next().getKey().equals(name)) it.remove();
                    for (var p : plain.properties()) if (p.getKey().equals("text")) p.setValue(value);
                    for (var p : compact.properties()) if (p.getKey().equals("text")) p.setValue(value);
                }
            }
            assertThat(compact.toString()).as("step %d", step).isEqualTo(plain.toString());
            assertThat(compact).isEqualTo(plain);
            assertThat(compact.size()).isEqualTo(plain.size());
        }
    }

    @Test
    void aDocumentKeepsWhatItAppliesCompactAndAsApplied() {
        var doc = new Document();
        var actor = new Actor(Role.FACILITATOR, "props-test", false);
        doc.apply(List.of(
                new Op.Create("s1", ElementType.STAGE, null, "V", NODES.objectNode().put("title", "购买")),
                new Op.Create("l1", ElementType.LANE, null, "V", NODES.objectNode().put("kind", "painpoints")),
                new Op.Create("c1", ElementType.CARD, "l1", "V", NODES.objectNode().put("stage", "s1").put("text", "排队太久"))),
                actor, Limits.DEFAULT);
        doc.apply(List.of(new Op.Update("c1", NODES.objectNode().put("emotion", -2).put("text", "排队太久！"), List.of())), actor, Limits.DEFAULT);
        Element card = doc.get("c1");
        assertThat(ElementProps.compacted(card)).isSameAs(card);
        assertThat(card.props()).isEqualTo(NODES.objectNode().put("stage", "s1").put("text", "排队太久！").put("emotion", -2));
        assertThat(card.props().toString()).isEqualTo("{\"stage\":\"s1\",\"text\":\"排队太久！\",\"emotion\":-2}");
        // a snapshot's elements, made by Jackson, are kept compact too, and the document is the same
        Document loaded = Document.of(List.of(new Element("c1", ElementType.CARD, "l1", "V", card.props().deepCopy()),
                doc.get("s1"), doc.get("l1")));
        assertThat(ElementProps.compacted(loaded.get("c1"))).isSameAs(loaded.get("c1"));
        assertThat(loaded).isEqualTo(doc);
    }
}
