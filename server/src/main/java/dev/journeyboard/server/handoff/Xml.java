package dev.journeyboard.server.handoff;

/** Escaping for XML text and attribute values; characters XML 1.0 cannot hold at all are dropped. */
final class Xml {
    private Xml() {}

    static String text(String s) {
        return escape(s, false);
    }

    static String attr(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean attr) {
        var sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append(attr ? "&quot;" : "\"");
                case '\'' -> sb.append(attr ? "&apos;" : "'");
                case '\t', '\n', '\r' -> sb.append(attr ? "&#" + cp + ";" : String.valueOf((char) cp));
                default -> {
                    if (allowed(cp)) sb.appendCodePoint(cp);
                }
            }
        }
        return sb.toString();
    }

    /** XML 1.0's Char production: no control characters, no lone surrogates, no U+FFFE / U+FFFF. */
    private static boolean allowed(int cp) {
        return (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
    }
}
