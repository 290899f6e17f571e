package dev.journeyboard.protocol.board;

import java.util.Locale;

/** A participant's role on a board, granted by the capability link they opened. */
public enum Role {
    FACILITATOR, EDITOR, COMMENTER, VIEWER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Editing the map: stages, lanes, cards and free items (facilitators and editors). */
    public boolean mayEdit() {
        return this == FACILITATOR || this == EDITOR;
    }

    /**
     * Commenting (threads on cards and items), always: facilitators, editors and commenters. Viewers comment only
     * where the facilitator allows it ({@link Actor#viewersComment()}).
     */
    public boolean mayComment() {
        return this != VIEWER;
    }

    /** Putting dots on cards in a dot vote: everyone but viewers. */
    public boolean mayVote() {
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
