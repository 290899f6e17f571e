package dev.journeyboard.server.cluster;

import dev.journeyboard.protocol.board.Role;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * What travels between a relaying node and the node serving a board, in the {@code d} field of one stream
 * entry: a table of frames (each distinct frame once, however many sockets it is for) and the records naming
 * them. Every record is for one relayed connection ({@code conn}) of one board and carries that connection's
 * message number {@code n} (1, 2, 3 … in each direction, per join), so a lost or reordered record shows as a gap.
 *
 * <pre>
 * payload = u8 version, u32 frames, (u32 length, bytes)*, u32 records, record*
 * record  = u8 kind, str board, str conn, u32 n, fields of the kind     str = u16 length, UTF-8
 * </pre>
 * Version 2 adds the personal link to a hello (so that revoking it closes a relayed socket at once); version 1
 * payloads still decode, as hellos without one.
 */
final class Records {
    private static final System.Logger LOGGER = System.getLogger(Records.class.getName());
    private static final byte VERSION = 2;

    private Records() {}

    /** One record. Owner → relay: Frame, View, Log, Close, Unknown, Answer. Relay → owner: Hello, Msg, Leave, Call. */
    sealed interface Rec {
        String board();

        String conn();

        int n();
    }

    /** A message for the socket alone ({@code text}) or shared with others (a binary frame). */
    record Frame(String board, String conn, int n, boolean text, Buffer bytes) implements Rec {}

    /** The {@code applied} of {@code seq} as this participant alone may see it. */
    record View(String board, String conn, int n, long seq, Buffer bytes) implements Rec {}

    /** The applied messages of seqs {@code first..last} as everyone sees them: read them from the op log; crc of the frame. */
    record Log(String board, String conn, int n, long first, long last, int crc) implements Rec {}

    /** Close the socket with this WebSocket status. */
    record Close(String board, String conn, int n, int status, String reason) implements Rec {}

    /** The room does not know this connection (a new room took the board): join again. */
    record Unknown(String board, String conn, int n) implements Rec {}

    /** A socket's hello, with the role its token gave it on the relaying node. */
    /** @param personalLink the id of the personal link the socket joined with, or null */
    record Hello(String board, String conn, int n, Role role, String personalLink, Buffer bytes) implements Rec {}

    /** A client message, JSON as the protocol encodes it. */
    record Msg(String board, String conn, int n, Buffer bytes) implements Rec {}

    /** The socket is gone. */
    record Leave(String board, String conn, int n) implements Rec {}

    /** A {@code room.BoardCall} (an HTTP request that edits the board) for the serving room; {@code conn} is the call's id. */
    record Call(String board, String conn, int n, Buffer bytes) implements Rec {}

    /** The answer to the call {@code conn}: JSON {@code {"ok": …}} or {@code {"error": {…}}}. */
    record Answer(String board, String conn, int n, Buffer bytes) implements Rec {}

    private static final int FRAME = 1, VIEW = 2, LOG = 3, CLOSE = 4, UNKNOWN = 5, ANSWER = 6, HELLO = 10, MSG = 11, LEAVE = 12, CALL = 13;

    static byte[] encode(List<Rec> records) {
        var frames = new IdentityHashMap<Buffer, Integer>();
        var table = new ArrayList<Buffer>();
        for (Rec r : records) {
            Buffer b = switch (r) {
                case Frame f -> f.bytes();
                case View v -> v.bytes();
                case Hello h -> h.bytes();
                case Msg m -> m.bytes();
                case Call c -> c.bytes();
                case Answer a -> a.bytes();
                default -> null;
            };
            if (b != null && !frames.containsKey(b)) {
                frames.put(b, table.size());
                table.add(b);
            }
        }
        Buffer out = Buffer.buffer(64 + 48 * records.size());
        out.appendByte(VERSION).appendInt(table.size());
        for (Buffer b : table) out.appendInt(b.length()).appendBuffer(b);
        out.appendInt(records.size());
        for (Rec r : records) {
            out.appendByte((byte) kind(r));
            str(out, r.board());
            str(out, r.conn());
            out.appendInt(r.n());
            switch (r) {
                case Frame f -> out.appendByte((byte) (f.text() ? 1 : 0)).appendInt(frames.get(f.bytes()));
                case View v -> out.appendLong(v.seq()).appendInt(frames.get(v.bytes()));
                case Log l -> out.appendLong(l.first()).appendLong(l.last()).appendInt(l.crc());
                case Close c -> {
                    out.appendShort((short) c.status());
                    str(out, c.reason());
                }
                case Hello h -> {
                    str(out, h.role().wire());
                    str(out, h.personalLink() == null ? "" : h.personalLink());
                    out.appendInt(frames.get(h.bytes()));
                }
                case Msg m -> out.appendInt(frames.get(m.bytes()));
                case Call c -> out.appendInt(frames.get(c.bytes()));
                case Answer a -> out.appendInt(frames.get(a.bytes()));
                case Unknown u -> { }
                case Leave l -> { }
            }
        }
        return out.getBytes();
    }

    /** Who wrote an entry and what it holds. */
    interface EntryHandler {
        /** @param from the entry's {@code t} field: the tag of the room, or the id of the relaying node, that wrote it */
        void records(String from, List<Rec> records);
    }

    /**
     * The records of each entry of a relay stream ({@link StreamWriter} wrote them). An entry without its fields is
     * passed over; one whose payload does not decode is logged (with {@code where}: which stream) and passed over.
     */
    static void read(List<StreamReader.Entry> entries, String where, EntryHandler handler) {
        for (StreamReader.Entry e : entries) {
            byte[] from = e.field("t");
            byte[] d = e.field("d");
            if (from == null || d == null) continue;
            List<Rec> recs;
            try {
                recs = decode(d);
            } catch (IllegalArgumentException bad) {
                LOGGER.log(System.Logger.Level.ERROR, where + ": unreadable relay entry " + e.id() + ": " + bad.getMessage());
                continue;
            }
            handler.records(new String(from, StandardCharsets.UTF_8), recs);
        }
    }

    /** @throws IllegalArgumentException for a payload this code did not write */
    static List<Rec> decode(byte[] payload) {
        Buffer in = Buffer.buffer(payload);
        int[] at = {0};
        try {
            int version = in.getByte(at[0]++);
            if (version != 1 && version != VERSION) throw new IllegalArgumentException("unknown relay record version " + version);
            int nFrames = in.getInt(next(at, 4));
            var table = new ArrayList<Buffer>(nFrames);
            for (int i = 0; i < nFrames; i++) {
                int len = in.getInt(next(at, 4));
                table.add(in.getBuffer(next(at, len), at[0]));
            }
            int nRecords = in.getInt(next(at, 4));
            var out = new ArrayList<Rec>(nRecords);
            for (int i = 0; i < nRecords; i++) {
                int kind = in.getByte(next(at, 1));
                String board = str(in, at);
                String conn = str(in, at);
                int n = in.getInt(next(at, 4));
                out.add(switch (kind) {
                    case FRAME -> {
                        boolean text = in.getByte(next(at, 1)) == 1;
                        yield new Frame(board, conn, n, text, table.get(in.getInt(next(at, 4))));
                    }
                    case VIEW -> {
                        long seq = in.getLong(next(at, 8));
                        yield new View(board, conn, n, seq, table.get(in.getInt(next(at, 4))));
                    }
                    case LOG -> {
                        long first = in.getLong(next(at, 8));
                        long last = in.getLong(next(at, 8));
                        yield new Log(board, conn, n, first, last, in.getInt(next(at, 4)));
                    }
                    case CLOSE -> {
                        int status = in.getShort(next(at, 2)) & 0xffff;
                        yield new Close(board, conn, n, status, str(in, at));
                    }
                    case UNKNOWN -> new Unknown(board, conn, n);
                    case HELLO -> {
                        Role role = Role.fromWire(str(in, at));
                        if (role == null) throw new IllegalArgumentException("unknown role in a relayed hello");
                        String link = version == 1 ? "" : str(in, at);
                        yield new Hello(board, conn, n, role, link.isEmpty() ? null : link, table.get(in.getInt(next(at, 4))));
                    }
                    case MSG -> new Msg(board, conn, n, table.get(in.getInt(next(at, 4))));
                    case LEAVE -> new Leave(board, conn, n);
                    case CALL -> new Call(board, conn, n, table.get(in.getInt(next(at, 4))));
                    case ANSWER -> new Answer(board, conn, n, table.get(in.getInt(next(at, 4))));
                    default -> throw new IllegalArgumentException("unknown relay record kind " + kind);
                });
            }
            return out;
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("truncated relay record", e);
        }
    }

    private static int kind(Rec r) {
        return switch (r) {
            case Frame f -> FRAME;
            case View v -> VIEW;
            case Log l -> LOG;
            case Close c -> CLOSE;
            case Unknown u -> UNKNOWN;
            case Hello h -> HELLO;
            case Msg m -> MSG;
            case Leave l -> LEAVE;
            case Call c -> CALL;
            case Answer a -> ANSWER;
        };
    }

    /** Reserves {@code size} bytes at the cursor; returns where they start. */
    private static int next(int[] at, int size) {
        int start = at[0];
        at[0] += size;
        return start;
    }

    private static void str(Buffer out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0xffff) throw new IllegalArgumentException("string too long for a relay record");
        out.appendShort((short) b.length).appendBytes(b);
    }

    private static String str(Buffer in, int[] at) {
        int len = in.getShort(next(at, 2)) & 0xffff;
        return in.getString(next(at, len), at[0], "UTF-8");
    }
}
