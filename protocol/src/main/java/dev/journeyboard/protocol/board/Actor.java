package dev.journeyboard.protocol.board;

/**
 * Who makes an edit, as {@link Document#apply} checks it: the one place the edit and lock rules are decided.
 *
 * @param role        what the participant's link (or a facilitator's later change) grants
 * @param client      the tab's client id (the author of private elements)
 * @param boardLocked the facilitation session's board lock: then only facilitators edit
 */
public record Actor(Role role, String client, boolean boardLocked) {
    /**
     * The server itself: replaying its op log, the edits a room makes on a facilitator's behalf (vote totals,
     * reveals), and a client applying the server's confirmed order. Bound by no lock.
     */
    public static final Actor SERVER = new Actor(Role.FACILITATOR, "@server", false);
}
