package dev.journeyboard.server.room;

import static dev.journeyboard.protocol.ErrorCode.INVALID_VALUE;

import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Element;
import dev.journeyboard.protocol.board.ElementType;

/**
 * A participant's department must be one of the board's {@code department} elements: chosen at join ({@code hello})
 * or assigned by the facilitator ({@code participant.department}). Department scopes admit by this id, so an id the
 * board does not have is refused instead of silently admitting nobody.
 */
public final class Departments {
    private Departments() {}

    /** @throws ProtocolException INVALID_VALUE unless {@code e} (the element with that id, or null) is a department */
    public static void require(Element e, String id, String where) {
        if (e == null || e.type() != ElementType.DEPARTMENT) {
            throw new ProtocolException(INVALID_VALUE, where + ": the board has no department '" + id + "'");
        }
    }
}
