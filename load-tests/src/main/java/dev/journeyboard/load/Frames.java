package dev.journeyboard.load;

import java.nio.charset.StandardCharsets;

/**
 * Reads the few fields the generator needs out of a server frame without building a JSON tree, so that
 * hundreds of participants on one JVM measure the server rather than the generator's own JSON parsing.
 * It relies on the field order {@code MessageCodec} writes ({@code type} first; {@code applied}: seq,
 * author, client, cid, ops). {@code --full-decode true} decodes every frame with {@code MessageCodec} as
 * well, and {@code FramesTest} checks this reader against frames {@code MessageCodec} encoded.
 */
final class Frames {
    static final byte[] TYPE_PREFIX = "{\"type\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEQ = "\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CID = "\"cid\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] X = "\"x\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CURSOR = "\"cursor\":{".getBytes(StandardCharsets.US_ASCII);

    enum Type { APPLIED, BATCH, PRESENCE, JOINED, LEFT, WELCOME, ACK, REJECTED, ERROR, OTHER }

    private static final byte[] APPLIED_AT = "{\"type\":\"applied\",\"seq\":".getBytes(StandardCharsets.US_ASCII);

    /** Receives the seq and cid of each {@code applied} in a frame. */
    @FunctionalInterface
    interface AppliedSink {
        void accept(long seq, long cid);
    }

    /**
     * Calls {@code sink} for every {@code applied} in an applied or batch frame, in order. User text can't
     * fake the marker: inside JSON strings its quotes are escaped.
     */
    static int forEachApplied(byte[] b, AppliedSink sink) {
        int n = 0;
        int from = 0;
        while (true) {
            int at = indexOf(b, APPLIED_AT, from);
            if (at < 0) return n;
            long seq = parseLong(b, at + APPLIED_AT.length);
            int c = indexOf(b, CID, at + APPLIED_AT.length);
            sink.accept(seq, c < 0 ? -1 : parseLong(b, c + CID.length));
            n++;
            from = at + APPLIED_AT.length;
        }
    }

    private Frames() {}

    static Type type(byte[] b) {
        if (!startsWith(b, TYPE_PREFIX)) return Type.OTHER;
        int i = TYPE_PREFIX.length;
        return i + 3 >= b.length ? Type.OTHER : type((char) b[i], (char) b[i + 1]);
    }

    static Type type(String s) {
        if (!s.startsWith("{\"type\":\"")) return Type.OTHER;
        int i = TYPE_PREFIX.length;
        return i + 3 >= s.length() ? Type.OTHER : type(s.charAt(i), s.charAt(i + 1));
    }

    /** By the first two letters of the type name: all the generator needs to tell frames apart. */
    private static Type type(char first, char second) {
        return switch (first) {
            case 'a' -> second == 'p' ? Type.APPLIED : Type.ACK;
            case 'b' -> Type.BATCH;
            case 'p' -> Type.PRESENCE;
            case 'j' -> Type.JOINED;
            case 'l' -> Type.LEFT;
            case 'w' -> Type.WELCOME;
            case 'r' -> Type.REJECTED;
            case 'e' -> Type.ERROR;
            default -> Type.OTHER;
        };
    }

    /** The {@code seq} of an applied frame, or -1. */
    static long appliedSeq(byte[] b) {
        int at = indexOf(b, SEQ, 0);
        return at < 0 ? -1 : parseLong(b, at + SEQ.length);
    }

    /** The {@code cid} of an applied frame, or -1: the first "cid" field, which precedes the ops. */
    static long appliedCid(byte[] b) {
        int at = indexOf(b, CID, 0);
        return at < 0 ? -1 : parseLong(b, at + CID.length);
    }

    /** Calls {@code sink} with every cursor x of a presence frame; returns how many. */
    static int cursorXs(byte[] b, DoubleSink sink) {
        int n = 0;
        int from = 0;
        while (true) {
            int c = indexOf(b, CURSOR, from);
            if (c < 0) return n;
            int x = c + CURSOR.length;
            if (startsWithAt(b, X, x)) {
                int end = x + X.length;
                int stop = end;
                while (stop < b.length && b[stop] != ',' && b[stop] != '}') stop++;
                sink.accept(Double.parseDouble(new String(b, end, stop - end, StandardCharsets.US_ASCII)));
                n++;
                from = stop;
            } else {
                from = x;
            }
        }
    }

    @FunctionalInterface
    interface DoubleSink {
        void accept(double v);
    }

    static long parseLong(byte[] b, int i) {
        boolean neg = false;
        if (i < b.length && b[i] == '-') {
            neg = true;
            i++;
        }
        long v = 0;
        int start = i;
        while (i < b.length && b[i] >= '0' && b[i] <= '9') v = v * 10 + (b[i++] - '0');
        if (i == start) return -1;
        return neg ? -v : v;
    }

    static boolean startsWith(byte[] b, byte[] prefix) {
        return startsWithAt(b, prefix, 0);
    }

    private static boolean startsWithAt(byte[] b, byte[] p, int at) {
        if (at + p.length > b.length) return false;
        for (int i = 0; i < p.length; i++) if (b[at + i] != p[i]) return false;
        return true;
    }

    static int indexOf(byte[] b, byte[] p, int from) {
        byte first = p[0];
        int max = b.length - p.length;
        for (int i = from; i <= max; i++) {
            if (b[i] != first) continue;
            int j = 1;
            while (j < p.length && b[i + j] == p[j]) j++;
            if (j == p.length) return i;
        }
        return -1;
    }
}
