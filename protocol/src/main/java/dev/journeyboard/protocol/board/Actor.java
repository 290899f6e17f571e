package dev.journeyboard.protocol.board;

import java.util.Objects;

/**
 * Who makes an edit, as {@link Document#apply} checks it: the one place the edit, lock, scope and visibility
 * rules are decided. Built in two places only: {@link #member} for a participant's edit (the server's room, a
 * Java client's {@code SyncState}), and {@link #SERVER} for the server's own.
 *
 * @param role        what the participant's link (or a facilitator's later change) grants
 * @param client      the tab's client id (the author of private elements)
 * @param boardLocked the facilitation session's board lock: then only facilitators edit
 * @param department  id of the participant's {@code department} element, or null: what department-scoped
 *                    lanes and stages ({@code scope}) admit
 * @param server      the server's own edit: bound by no role, lock, scope or visibility rule, and the only
 *                    author of the server-only properties ({@code private}, {@code votes}, {@code feedback},
 *                    {@code emotionRounds})
 * @param viewersComment the board's setting that viewers may comment (the facilitator's {@code comments.viewers});
 *                    facilitators, editors and commenters always may
 */
public record Actor(Role role, String client, boolean boardLocked, String department, boolean server, boolean viewersComment) {
    /**
     * The server itself: replaying its op log, the edits a room makes (vote totals, reveals, private marks,
     * integration pushes, feedback summaries, emotion-round results), and a client applying the server's
     * confirmed order. Its applied messages carry the client id {@code @server}.
     */
    public static final Actor SERVER = new Actor(Role.FACILITATOR, "@server", false, null, true, false);

    public Actor {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(client, "client");
        if (server && role != Role.FACILITATOR) throw new IllegalArgumentException("the server edits as a facilitator");
    }

    /** As before comments: viewers may not comment. */
    public Actor(Role role, String client, boolean boardLocked, String department, boolean server) {
        this(role, client, boardLocked, department, server, false);
    }

    /** A participant without a department (department-scoped lanes and stages are closed to them). */
    public Actor(Role role, String client, boolean boardLocked) {
        this(role, client, boardLocked, null, false, false);
    }

    /** A participant's edit. */
    public static Actor member(Role role, String client, boolean boardLocked, String department) {
        return new Actor(role, client, boardLocked, department, false, false);
    }

    /** A participant's edit on a board whose facilitator may have opened comments to viewers. */
    public static Actor member(Role role, String client, boolean boardLocked, String department, boolean viewersComment) {
        return new Actor(role, client, boardLocked, department, false, viewersComment);
    }

    /** Whether this actor may create comments and resolve or reopen threads. */
    public boolean mayComment() {
        return server || role.mayComment() || (role == Role.VIEWER && viewersComment);
    }

    /** Facilitators (and the server) are bound by no lock or scope and may set the facilitator-only properties. */
    public boolean isFacilitator() {
        return server || role == Role.FACILITATOR;
    }

    /**
     * Whether the element exists for this actor: another client's private element does not (it is exactly like
     * an id that never existed). The server sees everything.
     */
    public boolean sees(Element e) {
        if (server || e == null) return e != null;
        String owner = e.text("private");
        return owner == null || owner.equals(client);
    }
}
