package dev.journeyboard.server.handoff;

/** The language a hand-off document is written in: its headings, and which of a stage's or lane's labels it shows. */
public enum Lang {
    ZH, EN;

    public String code() {
        return this == ZH ? "zh" : "en";
    }

    /**
     * {@code zh} or {@code en} when asked for; otherwise the board's own language, guessed from its title: a title
     * with Chinese characters gets Chinese documents.
     *
     * @return null for a requested language that is neither
     */
    public static Lang of(String requested, String title) {
        if (requested != null && !requested.isEmpty()) {
            return switch (requested) {
                case "zh" -> ZH;
                case "en" -> EN;
                default -> null;
            };
        }
        return title != null && title.codePoints().anyMatch(Lang::isCjk) ? ZH : EN;
    }

    /** Han, kana, hangul, CJK punctuation and full-width forms: text that may break between any two characters. */
    public static boolean isCjk(int cp) {
        return (cp >= 0x2e80 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0xf900 && cp <= 0xfaff)
                || (cp >= 0xff00 && cp <= 0xffef) || (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0x20000 && cp <= 0x2fa1f);
    }
}
