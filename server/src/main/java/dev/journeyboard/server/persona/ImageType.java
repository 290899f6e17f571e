package dev.journeyboard.server.persona;

/**
 * The image formats the server accepts for persona photos, recognised by their bytes (never by the request's
 * {@code Content-Type}), with the dimensions read from the header: PNG ({@code IHDR}), JPEG (the first SOF frame
 * header) and WebP (lossy {@code VP8 }, lossless {@code VP8L}, extended {@code VP8X}). Anything else (SVG, GIF, HTML
 * renamed .png) is refused: an upload is served back from this origin, so only formats a browser renders as a
 * plain picture get in.
 */
public enum ImageType {
    PNG("image/png"), JPEG("image/jpeg"), WEBP("image/webp");

    /** Larger sides are refused (a decompression bomb fits in a small file). */
    public static final int MAX_SIDE = 8192;

    public final String contentType;

    ImageType(String contentType) {
        this.contentType = contentType;
    }

    /** A recognised image and its size in pixels. */
    public record Sniffed(ImageType type, int width, int height) {}

    /** Why bytes are not an acceptable image: {@code unsupported} (415) or a broken or oversized one of ours (400). */
    public static final class Refused extends Exception {
        public final boolean unsupported;

        Refused(boolean unsupported, String message) {
            super(message, null, false, false);
            this.unsupported = unsupported;
        }
    }

    public static Sniffed sniff(byte[] b) throws Refused {
        if (b.length == 0) throw new Refused(false, "the body is empty: send the image's bytes");
        Sniffed s;
        if (starts(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) s = png(b);
        else if (starts(b, 0, 0xFF, 0xD8, 0xFF)) s = jpeg(b);
        else if (starts(b, 0, 'R', 'I', 'F', 'F') && starts(b, 8, 'W', 'E', 'B', 'P')) s = webp(b);
        else throw new Refused(true, "not a PNG, JPEG or WebP image");
        if (s.width() <= 0 || s.height() <= 0) throw new Refused(false, "a broken " + s.type() + ": it has no size");
        if (s.width() > MAX_SIDE || s.height() > MAX_SIDE) {
            throw new Refused(false, "the image is " + s.width() + "x" + s.height() + " pixels; at most " + MAX_SIDE + " a side");
        }
        return s;
    }

    private static Sniffed png(byte[] b) throws Refused {
        // signature, then the IHDR chunk: length 13, type, width, height (big-endian)
        if (b.length < 24 || u32(b, 8) != 13 || !starts(b, 12, 'I', 'H', 'D', 'R')) throw new Refused(false, "a broken PNG: no IHDR header");
        return new Sniffed(PNG, (int) Math.min(u32(b, 16), Integer.MAX_VALUE), (int) Math.min(u32(b, 20), Integer.MAX_VALUE));
    }

    private static Sniffed jpeg(byte[] b) throws Refused {
        int p = 2;
        while (p + 4 <= b.length) {
            if ((b[p] & 0xFF) != 0xFF) throw new Refused(false, "a broken JPEG: no marker at byte " + p);
            int marker = b[p + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte
                p++;
                continue;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) { // markers without a length
                p += 2;
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) break; // end of image or start of scan before any frame header
            int length = u16(b, p + 2);
            if (length < 2) throw new Refused(false, "a broken JPEG: a segment of length " + length);
            boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frame) {
                if (p + 9 > b.length || length < 8) break;
                return new Sniffed(JPEG, u16(b, p + 7), u16(b, p + 5));
            }
            p += 2 + length;
        }
        throw new Refused(false, "a broken JPEG: no frame header");
    }

    private static Sniffed webp(byte[] b) throws Refused {
        if (b.length < 30) throw new Refused(false, "a broken WebP: too short");
        if (starts(b, 12, 'V', 'P', '8', ' ')) {
            if (!starts(b, 23, 0x9D, 0x01, 0x2A)) throw new Refused(false, "a broken WebP: no VP8 start code");
            return new Sniffed(WEBP, u16le(b, 26) & 0x3FFF, u16le(b, 28) & 0x3FFF);
        }
        if (starts(b, 12, 'V', 'P', '8', 'L')) {
            if ((b[20] & 0xFF) != 0x2F) throw new Refused(false, "a broken WebP: no VP8L signature");
            long bits = (b[21] & 0xFFL) | (b[22] & 0xFFL) << 8 | (b[23] & 0xFFL) << 16 | (b[24] & 0xFFL) << 24;
            return new Sniffed(WEBP, (int) (bits & 0x3FFF) + 1, (int) ((bits >> 14) & 0x3FFF) + 1);
        }
        if (starts(b, 12, 'V', 'P', '8', 'X')) {
            return new Sniffed(WEBP, u24le(b, 24) + 1, u24le(b, 27) + 1);
        }
        throw new Refused(false, "a broken WebP: no VP8, VP8L or VP8X chunk");
    }

    private static boolean starts(byte[] b, int at, int... expected) {
        if (b.length < at + expected.length) return false;
        for (int i = 0; i < expected.length; i++) if ((b[at + i] & 0xFF) != expected[i]) return false;
        return true;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) << 24 | (b[at + 1] & 0xFFL) << 16 | (b[at + 2] & 0xFFL) << 8 | (b[at + 3] & 0xFFL);
    }

    private static int u16(byte[] b, int at) {
        if (at + 2 > b.length) return 0;
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static int u16le(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int u24le(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16;
    }
}
