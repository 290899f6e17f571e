package dev.journeyboard.server.handoff;

import java.nio.charset.StandardCharsets;

/**
 * The {@code Content-Disposition} of a download, named after the board: {@code 电商购物旅程-plan.csv}. RFC 6266:
 * {@code filename*=UTF-8''…} (RFC 8187 percent-encoding) for every current browser, and an ASCII {@code filename}
 * for the rest; both are stripped of path separators, quotes and control characters.
 */
public final class FileNames {
    private static final int MAX_TITLE = 80;

    private FileNames() {}

    public static String contentDisposition(String title, String file) {
        String name = base(title) + "-" + file;
        return "attachment; filename=\"" + ascii(title) + "-" + file + "\"; filename*=UTF-8''" + encode(name);
    }

    /** The title as a file name: no / \ : * ? " < > |, no control characters, at most 80 characters. */
    static String base(String title) {
        var sb = new StringBuilder();
        String t = title == null ? "" : title.strip();
        for (int i = 0; i < t.length(); ) {
            int cp = t.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isISOControl(cp) || "/\\:*?\"<>|".indexOf(cp) >= 0 || Character.getType(cp) == Character.FORMAT) {
                sb.append('_');
            } else if (Character.isWhitespace(cp)) {
                sb.append(' ');
            } else {
                sb.appendCodePoint(cp);
            }
        }
        String s = Text.cut(sb.toString().replaceAll(" +", " ").strip(), MAX_TITLE).replaceAll("^[. _]+|[. _]+$", "");
        return s.isEmpty() ? "journey-board" : s;
    }

    /** The ASCII fallback: letters, digits, {@code . _ -} and spaces kept, other runs become one '_'. */
    static String ascii(String title) {
        String s = base(title).replaceAll("[^A-Za-z0-9._ -]+", "_").replaceAll("_+", "_").replaceAll("^[. _]+|[. _]+$", "");
        return s.replaceAll("[A-Za-z0-9]", "").length() == s.length() ? "journey-board" : s;
    }

    /** RFC 8187 value characters (attr-char) stay, every other UTF-8 byte is %XX. */
    static String encode(String s) {
        var sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }
}
