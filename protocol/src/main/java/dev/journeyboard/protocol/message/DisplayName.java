package dev.journeyboard.protocol.message;

/**
 * The rule for a participant's display name: after trimming, 1..64 code points, at least one of them visible,
 * and no control characters. A name of only zero-width, format, control or blank characters would show as
 * nothing in everyone's participant list and cursor label, so it is refused rather than shown as a blank.
 */
public final class DisplayName {
    public static final int MAX = 64;

    private DisplayName() {}

    /** Null when {@code name} (already trimmed) is acceptable, else why not. */
    public static String problem(String name) {
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX) return "'name' must be 1.." + MAX + " characters";
        boolean visible = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.CONTROL) return "'name' must not contain control characters";
            if (isVisible(cp)) visible = true;
        }
        return visible ? null : "'name' must contain a visible character (not only blank, zero-width or format characters)";
    }

    /** A character that draws something: not blank, not a control, format (zero-width) or combining-only mark. */
    static boolean isVisible(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                 Character.PARAGRAPH_SEPARATOR, Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE,
                 Character.NON_SPACING_MARK, Character.ENCLOSING_MARK -> {
                return false;
            }
            default -> {
                // fillers that Unicode classes as letters or symbols but that render blank
                return !(cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x2800
                        || (cp >= 0xFE00 && cp <= 0xFE0F) || Character.isWhitespace(cp));
            }
        }
    }
}
