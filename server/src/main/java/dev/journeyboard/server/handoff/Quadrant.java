package dev.journeyboard.server.handoff;

/**
 * The four quadrants of the priority matrix: impact (vertical, high at 3 and above) against effort (horizontal,
 * high at 3 and above).
 */
public enum Quadrant {
    QUICK_WINS("速赢", "Quick wins", "#2f9e44", "#ebfbee"),
    BIG_BETS("重点投入", "Big bets", "#1971c2", "#e7f5ff"),
    FILL_INS("顺手做", "Fill-ins", "#868e96", "#f8f9fa"),
    MONEY_PITS("费力不讨好", "Money pits", "#c92a2a", "#fff5f5");

    public static final int HIGH = 3;

    private final String zh;
    private final String en;
    final String accent;
    final String fill;

    Quadrant(String zh, String en, String accent, String fill) {
        this.zh = zh;
        this.en = en;
        this.accent = accent;
        this.fill = fill;
    }

    public String label(Lang lang) {
        return lang == Lang.ZH ? zh : en;
    }

    /** "速赢 · Quick wins" (the board's language first). */
    public String both(Lang lang) {
        return lang == Lang.ZH ? zh + " · " + en : en + " · " + zh;
    }

    public boolean highImpact() {
        return this == QUICK_WINS || this == BIG_BETS;
    }

    public boolean highEffort() {
        return this == BIG_BETS || this == MONEY_PITS;
    }

    /** @return null unless both ratings are there */
    public static Quadrant of(Integer impact, Integer effort) {
        if (impact == null || effort == null) return null;
        boolean hi = impact >= HIGH;
        boolean he = effort >= HIGH;
        return hi ? (he ? BIG_BETS : QUICK_WINS) : (he ? MONEY_PITS : FILL_INS);
    }
}
