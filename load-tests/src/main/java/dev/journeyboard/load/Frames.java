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
        return forEachApplied(b, b.length, sink);
    }

    /** As {@link #forEachApplied(byte[], AppliedSink)} over the first {@code len} bytes of {@code b}. */
    static int forEachApplied(byte[] b, int len, AppliedSink sink) {
        int n = 0;
        int from = 0;
        while (true) {
            int at = indexOf(b, len, APPLIED_AT, from);
            if (at < 0) return n;
            long seq = parseLong(b, len, at + APPLIED_AT.length);
            int next = indexOf(b, len, APPLIED_AT, at + APPLIED_AT.length);
            // the cid belongs to this applied only if it comes before the next one
            int c = indexOf(b, next < 0 ? len : next, CID, at + APPLIED_AT.length);
            sink.accept(seq, c < 0 ? -1 : parseLong(b, len, c + CID.length));
            n++;
            if (next < 0) return n;
            from = next;
        }
    }

    private Frames() {}

    static Type type(byte[] b) {
        return type(b, b.length);
    }

    static Type type(byte[] b, int len) {
        if (!startsWithAt(b, len, TYPE_PREFIX, 0)) return Type.OTHER;
        int i = TYPE_PREFIX.length;
        return i + 3 >= len ? Type.OTHER : type((char) b[i], (char) b[i + 1]);
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
        int at = indexOf(b, b.length, SEQ, 0);
        return at < 0 ? -1 : parseLong(b, b.length, at + SEQ.length);
    }

    /** The {@code cid} of an applied frame, or -1: the first "cid" field, which precedes the ops. */
    static long appliedCid(byte[] b) {
        int at = indexOf(b, b.length, CID, 0);
        return at < 0 ? -1 : parseLong(b, b.length, at + CID.length);
    }

    /** Calls {@code sink} with every cursor x of a presence frame; returns how many. */
    static int cursorXs(byte[] b, DoubleSink sink) {
        return cursorXs(b, b.length, sink);
    }

    /** As {@link #cursorXs(byte[], DoubleSink)} over the first {@code len} bytes; allocates nothing. */
    static int cursorXs(byte[] b, int len, DoubleSink sink) {
        int n = 0;
        int from = 0;
        while (true) {
            int c = indexOf(b, len, CURSOR, from);
            if (c < 0) return n;
            int x = c + CURSOR.length;
            if (startsWithAt(b, len, X, x)) {
                int end = x + X.length;
                int stop = end;
                while (stop < len && b[stop] != ',' && b[stop] != '}') stop++;
                double v = parseNumber(b, end, stop);
                if (!Double.isNaN(v)) {
                    sink.accept(v);
                    n++;
                }
                from = stop;
            } else {
                from = x;
            }
        }
    }

    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    }

    /**
     * A JSON number in {@code b[from, to)} ({@code 123}, {@code -1.5}, {@code 1.2345678E7}) without making
     * a String: what Double.parseDouble would give for the cursor coordinates the generator sends (integers of
     * microseconds, up to 16 significant digits), NaN if it is not a number. Beyond 18 significant digits the
     * rest only scales the value (precision beyond a double's is irrelevant here).
     */
    static double parseNumber(byte[] b, int from, int to) {
        int i = from;
        boolean neg = false;
        if (i < to && b[i] == '-') {
            neg = true;
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int exp = 0;
        boolean any = false;
        for (; i < to && b[i] >= '0' && b[i] <= '9'; i++, any = true) {
            if (digits < 18) {
                mantissa = mantissa * 10 + (b[i] - '0');
                if (mantissa != 0) digits++;
            } else {
                exp++;
            }
        }
        if (i < to && b[i] == '.') {
            for (i++; i < to && b[i] >= '0' && b[i] <= '9'; i++, any = true) {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (b[i] - '0');
                    if (mantissa != 0) digits++;
                    exp--;
                }
            }
        }
        if (!any) return Double.NaN;
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean eneg = false;
            if (i < to && (b[i] == '+' || b[i] == '-')) eneg = b[i++] == '-';
            int e = 0;
            boolean edigit = false;
            for (; i < to && b[i] >= '0' && b[i] <= '9'; i++, edigit = true) e = Math.min(1000, e * 10 + (b[i] - '0'));
            if (!edigit) return Double.NaN;
            exp += eneg ? -e : e;
        }
        if (i != to) return Double.NaN;
        double v = mantissa;
        if (exp > 0) v = exp < POW10.length ? v * POW10[exp] : v * Math.pow(10, exp);
        else if (exp < 0) v = -exp < POW10.length ? v / POW10[-exp] : v / Math.pow(10, -exp);
        return neg ? -v : v;
    }

    @FunctionalInterface
    interface DoubleSink {
        void accept(double v);
    }

    static long parseLong(byte[] b, int len, int i) {
        boolean neg = false;
        if (i < len && b[i] == '-') {
            neg = true;
            i++;
        }
        long v = 0;
        int start = i;
        while (i < len && b[i] >= '0' && b[i] <= '9') v = v * 10 + (b[i++] - '0');
        if (i == start) return -1;
        return neg ? -v : v;
    }

    static boolean startsWith(byte[] b, byte[] prefix) {
        return startsWithAt(b, b.length, prefix, 0);
    }

    private static boolean startsWithAt(byte[] b, int len, byte[] p, int at) {
        if (at + p.length > len) return false;
        for (int i = 0; i < p.length; i++) if (b[at + i] != p[i]) return false;
        return true;
    }

    /** The first index at or after {@code from} where {@code p} occurs wholly within {@code b[0, len)}, or -1. */
    static int indexOf(byte[] b, int len, byte[] p, int from) {
        byte first = p[0];
        int max = len - p.length;
        for (int i = from; i <= max; i++) {
            if (b[i] != first) continue;
            int j = 1;
            while (j < p.length && b[i + j] == p[j]) j++;
            if (j == p.length) return i;
        }
        return -1;
    }
}
