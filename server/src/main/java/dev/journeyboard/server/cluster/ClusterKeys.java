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
    private final String prefix;

    ClusterKeys(String prefix) {
        this.prefix = prefix;
    }

    String log(String board) {
        return board(board, "log");
    }

    String lease(String board) {
        return board(board, "lease");
    }

    String inbox(String board) {
        return board(board, "inbox");
    }

    String owner(String board) {
        return board(board, "owner");
    }

    String out(String instance) {
        return node(instance, "out");
    }

    String alive(String instance) {
        return node(instance, "alive");
    }

    String wake(String instance) {
        return node(instance, "wake");
    }

    /** A board's key: in the board's hash tag, so a Lua script may touch all of them (one Redis Cluster slot). */
    private String board(String board, String part) {
        return prefix + "board:{" + board + "}:" + part;
    }

    /** A node's key, in the node's hash tag. */
    private String node(String instance, String part) {
        return prefix + "node:{" + instance + "}:" + part;
    }

    /** The board of one of the board keys above, or null. */
    String boardOf(String key) {
        String p = prefix + "board:{";
        if (!key.startsWith(p)) return null;
        int end = key.indexOf('}', p.length());
        return end < 0 ? null : key.substring(p.length(), end);
    }
}
