package dev.journeyboard.server.handoff;

/**
 * The four quadrants of the priority matrix: impact (vertical, high at 3 and above) against effort (horizontal,
 * high at 3 and above).
 */
public enum Quadrant {
    QUICK_WINS(Words.QUADRANT_QUICK_WINS, "#2f9e44", "#ebfbee"),
    BIG_BETS(Words.QUADRANT_BIG_BETS, "#1971c2", "#e7f5ff"),
    FILL_INS(Words.QUADRANT_FILL_INS, "#868e96", "#f8f9fa"),
    MONEY_PITS(Words.QUADRANT_MONEY_PITS, "#c92a2a", "#fff5f5");

    public static final int HIGH = 3;

    private final Words name;
    final String accent;
    final String fill;

    Quadrant(Words name, String accent, String fill) {
        this.name = name;
        this.accent = accent;
        this.fill = fill;
    }

    public String label(Lang lang) {
        return name.in(lang);
    }

    /** "速赢 · Quick wins" (the board's language first). */
    public String both(Lang lang) {
        return name.both(lang);
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
