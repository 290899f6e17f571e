package dev.journeyboard.server.handoff;

/** Small string helpers shared by the writers. */
final class Text {
    private Text() {}

    /** Line breaks and runs of white space become single spaces: for table cells and list items. */
    static String oneLine(String s) {
        if (s == null) return "";
        return s.replaceAll("\\s+", " ").strip();
    }

    /** At most {@code max} code points, the last replaced by an ellipsis when cut. */
    static String cut(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) return s;
        return s.substring(0, s.offsetByCodePoints(0, Math.max(0, max - 1))) + "…";
    }
}
