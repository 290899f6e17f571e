package dev.journeyboard.server.cluster;

/**
 * The Redis keys of the relay, beside the store's own ({@code jb:board:{id}:meta|snapshot|log|lease}, see
 * server/STORE.md). The braces are hash tags: a board's keys share one slot, a node's keys share another.
 *
 * <ul>
 *   <li>{@code jb:board:{id}:inbox} stream: messages of relayed sockets to the board's room (relays write, the
 *       serving node reads)
 *   <li>{@code jb:board:{id}:owner} string, TTL: the tag ({@code <instance>#<n>}) of the room serving the board now
 *   <li>{@code jb:node:{instance}:out} stream: what rooms elsewhere send to the sockets this node relays
 *   <li>{@code jb:node:{instance}:alive} string, TTL: this node instance is alive (rooms drop its sockets when not)
 *   <li>{@code jb:node:{instance}:wake} stream: wakes this node's blocked {@code XREAD} when it follows a new stream
 * </ul>
 */
final class ClusterKeys {
    /** A board's keys: in the board's hash tag, so a Lua script may touch all of them (one Redis Cluster slot). */
    record Board(String log, String lease, String inbox, String owner) {}

    /** A node instance's keys, in the node's hash tag. */
    record Node(String out, String alive, String wake) {}

    private final String prefix;

    ClusterKeys(String prefix) {
        this.prefix = prefix;
    }

    Board board(String board) {
        String p = prefix + "board:{" + board + "}:";
        return new Board(p + "log", p + "lease", p + "inbox", p + "owner");
    }

    Node node(String instance) {
        String p = prefix + "node:{" + instance + "}:";
        return new Node(p + "out", p + "alive", p + "wake");
    }
}
