package dev.journeyboard.protocol.board;

import java.util.Locale;

/** A participant's role on a board, granted by the capability link they opened. */
public enum Role {
    FACILITATOR, EDITOR, VIEWER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean mayEdit() {
        return this != VIEWER;
    }

    /** Creating, deleting, renaming or reordering stages and lanes. */
    public boolean mayChangeStructure() {
        return this == FACILITATOR;
    }

    public static Role fromWire(String s) {
        for (Role r : values()) {
            if (r.wire().equals(s)) return r;
        }
        return null;
    }
}
