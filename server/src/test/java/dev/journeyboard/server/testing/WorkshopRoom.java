package dev.journeyboard.server.testing;

import dev.journeyboard.protocol.board.Role;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The base of the room tests that need a small workshop over in-memory sockets: a fresh board per test with a
 * facilitator, two editors (one with a Chinese name) and a viewer already joined, each with its welcome first
 * in its inbox.
 */
public abstract class WorkshopRoom {
    @RegisterExtension
    protected final RoomHarness room = new RoomHarness();
    protected final InMemorySocket fac = room.join(Role.FACILITATOR, "主持人", "fac");
    protected final InMemorySocket ana = room.join(Role.EDITOR, "Ana", "ana");
    protected final InMemorySocket ben = room.join(Role.EDITOR, "王磊", "ben");
    protected final InMemorySocket viewer = room.join(Role.VIEWER, "Viewer", "viewer");
    /** All four, the facilitator first. */
    protected final List<InMemorySocket> everyone = List.of(fac, ana, ben, viewer);
}
