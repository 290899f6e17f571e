package dev.journeyboard.protocol.board;

import java.util.Locale;

/**
 * What an element is. Grid structure (stages, lanes) is data like any card, and so is the board's list of
 * departments (one {@code department} element each, at the root; not drawn in the grid). Two kinds of
 * annotations are not part of the map either: {@code comment} (a thread or a reply, child of the card or item it
 * is on) and {@code version} (a named point of the board's history, at the root).
 */
public enum ElementType {
    STAGE, LANE, CARD, STICKY, TEXT, SHAPE, CONNECTOR, INK, DEPARTMENT, COMMENT, VERSION;

    private final String wire = name().toLowerCase(Locale.ROOT);

    public String wire() {
        return wire;
    }

    /**
     * Stages and lanes shape the grid and departments say who works where: only facilitators create, change,
     * move or delete them; they live at the root and are never private.
     */
    public boolean isStructure() {
        return this == STAGE || this == LANE || this == DEPARTMENT;
    }

    /** Free canvas items live around the grid, at the root or inside a shape. */
    public boolean isFreeItem() {
        return this == STICKY || this == TEXT || this == SHAPE || this == CONNECTOR || this == INK;
    }

    /**
     * Comments and named versions annotate the board: they are not the map (a commenter may write comments, a
     * restore of an old version leaves them as they are, exports do not draw them) and they are never private.
     */
    public boolean isAnnotation() {
        return this == COMMENT || this == VERSION;
    }

    /** @return the type, or null for an unknown wire name */
    public static ElementType fromWire(String s) {
        for (ElementType t : values()) {
            if (t.wire.equals(s)) return t;
        }
        return null;
    }
}
