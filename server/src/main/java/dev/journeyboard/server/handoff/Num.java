package dev.journeyboard.server.handoff;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers as people read them in a plan: 12, 3.8, 7.5 (at most two decimals, no trailing zeros, no exponent). */
final class Num {
    private Num() {}

    static String format(double v) {
        if (!Double.isFinite(v)) return "";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    static String format(Integer v) {
        return v == null ? "" : v.toString();
    }
}
