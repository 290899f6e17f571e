package dev.journeyboard.protocol.board;

import java.util.Locale;

/**
 * What an element is. Grid structure (stages, lanes) is data like any card, and so is the board's list of
 * departments (one {@code department} element each, at the root; not drawn in the grid).
 */
public enum ElementType {
    STAGE, LANE, CARD, STICKY, TEXT, SHAPE, CONNECTOR, INK, DEPARTMENT;

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

    /** @return the type, or null for an unknown wire name */
    public static ElementType fromWire(String s) {
        for (ElementType t : values()) {
            if (t.wire.equals(s)) return t;
        }
        return null;
    }
}
