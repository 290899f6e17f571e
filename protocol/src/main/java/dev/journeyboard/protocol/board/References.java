package dev.journeyboard.protocol.board;

import static dev.journeyboard.protocol.ErrorCode.ELEMENT_NOT_FOUND;
import static dev.journeyboard.protocol.board.PropertyRules.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.ProtocolException;
import java.util.function.BiFunction;

/**
 * Properties naming other elements, for {@link Document}: each named element must exist for the actor (another
 * client's private element does not) and be of the right kind. {@code stage}, {@code from} and {@code to} are
 * dependencies (deleting the target deletes the element, see {@link PropertyTable#DEPENDENCIES}); the others are
 * soft references, checked when they are set and ignored by readers once their target is gone.
 */
final class References {
    private final BiFunction<String, Actor, Element> visible;
    private final java.util.function.Function<String, Element> any;

    References(BiFunction<String, Actor, Element> visible, java.util.function.Function<String, Element> any) {
        this.visible = visible;
        this.any = any;
    }

    /** Checks what property {@code name} of element {@code self} names; its value's shape was checked already. */
    void check(String opName, String self, String name, JsonNode value, Actor actor) {
        switch (name) {
            case "stage", "from", "to" -> {
                Element target = visible.apply(value.textValue(), actor);
                if (target == null) {
                    throw new ProtocolException(ELEMENT_NOT_FOUND, opName + ": " + name + " '" + value.textValue() + "' does not exist");
                }
                boolean fits = name.equals("stage") ? target.type() == ElementType.STAGE : target.type() != ElementType.CONNECTOR;
                if (!fits) throw invalid(opName + ": " + name + " cannot be a " + target.type().wire());
            }
            case "addresses" -> {
                for (JsonNode id : value) soft(opName, self, "addresses", id.textValue(), ElementType.CARD, true, actor);
            }
            case "scope" -> {
                for (JsonNode id : value) soft(opName, self, "scope", id.textValue(), ElementType.DEPARTMENT, false, actor);
            }
            case "dept" -> soft(opName, self, "dept", value.textValue(), ElementType.DEPARTMENT, false, actor);
            case "mentions" -> {
                for (JsonNode id : value) soft(opName, self, "mentions", id.textValue(), ElementType.DEPARTMENT, false, actor);
            }
            case "replyTo" -> {
                if (visible.apply(value.textValue(), actor) == null) {
                    throw new ProtocolException(ELEMENT_NOT_FOUND, opName + ": replyTo '" + value.textValue() + "' does not exist");
                }
            }
            case "measure" -> soft(opName, self, "measure.touchpoint", value.get("touchpoint").textValue(), ElementType.CARD, false, actor);
            case "persona" -> {
                Element card = soft(opName, self, "persona", value.textValue(), ElementType.CARD, true, actor);
                Element lane = any.apply(card.parent());
                if (lane == null || !"persona".equals(lane.text("kind"))) {
                    throw invalid(opName + ": persona '" + card.id() + "' is not a card in a persona lane");
                }
            }
            default -> {}
        }
    }

    private Element soft(String opName, String self, String where, String id, ElementType type, boolean notSelf, Actor actor) {
        if (notSelf && id.equals(self)) throw invalid(opName + ": " + where + " cannot name the card itself");
        Element target = visible.apply(id, actor);
        if (target == null) throw new ProtocolException(ELEMENT_NOT_FOUND, opName + ": " + where + " '" + id + "' does not exist");
        if (target.type() != type) throw invalid(opName + ": " + where + " '" + id + "' is not a " + type.wire());
        return target;
    }
}
