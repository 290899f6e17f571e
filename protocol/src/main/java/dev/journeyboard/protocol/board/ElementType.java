package dev.journeyboard.protocol.board;

import java.util.Locale;

/** What an element is. Grid structure (stages, lanes) is data like any card. */
public enum ElementType {
    STAGE, LANE, CARD, STICKY, TEXT, SHAPE, CONNECTOR, INK;

    private final String wire = name().toLowerCase(Locale.ROOT);

    public String wire() {
        return wire;
    }

    /** Stages and lanes shape the grid; only facilitators change them. */
    public boolean isStructure() {
        return this == STAGE || this == LANE;
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
