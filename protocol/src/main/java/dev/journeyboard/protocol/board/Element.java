package dev.journeyboard.protocol.board;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One thing on a board. Treated as immutable once inside a {@link Document}: an update makes a new
 * element with a copied {@code props} object, which is what makes atomic rollback a matter of putting
 * the previous element back.
 *
 * @param parent id of the parent element, or null for the board root
 * @param index  fractional index ordering the element among its siblings
 */
public record Element(String id, ElementType type, String parent, String index, ObjectNode props) {

    public String stage() {
        return text("stage");
    }

    String text(String prop) {
        var n = props.get(prop);
        return n != null && n.isTextual() ? n.textValue() : null;
    }
}
