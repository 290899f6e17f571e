package dev.journeyboard.protocol.board;

import java.util.regex.Pattern;

/**
 * Fractional-index strings: base-62 digits read as a fraction in [0, 1), compared as plain ASCII
 * strings. A new key can always be made between two others, so reordering one element never
 * renumbers its siblings. Keys never end in '0' so that no two distinct keys denote the same fraction.
 */
public final class FractionalIndex {
    public static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Pattern VALID = Pattern.compile("[0-9A-Za-z]{0,63}[1-9A-Za-z]");

    private FractionalIndex() {}

    public static boolean isValid(String key) {
        return key != null && VALID.matcher(key).matches();
    }

    /**
     * A key strictly between {@code a} and {@code b}.
     *
     * @param a lower bound, or null for "before everything"
     * @param b upper bound, or null for "after everything"
     */
    public static String between(String a, String b) {
        if (a != null && b != null && a.compareTo(b) >= 0) {
            throw new IllegalArgumentException(a + " >= " + b);
        }
        var out = new StringBuilder();
        int i = 0;
        while (true) {
            int da = a != null && i < a.length() ? DIGITS.indexOf(a.charAt(i)) : 0;
            int db = b != null && i < b.length() ? DIGITS.indexOf(b.charAt(i)) : DIGITS.length();
            if (db - da > 1) {
                out.append(DIGITS.charAt((da + db) / 2));
                return out.toString();
            }
            // digits adjacent or equal: keep a's digit and look further to the right
            out.append(DIGITS.charAt(da));
            if (db - da == 1) {
                // everything after this position only has to stay above a's remainder
                b = null;
            }
            i++;
        }
    }

    /** {@code n} keys in increasing order, evenly spread (short keys for templates and bulk inserts). */
    public static String[] sequence(int n) {
        int width = 1;
        for (long span = 62; span <= n; span *= 62) width++;
        long span = (long) Math.pow(62, width);
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            long v = (i + 1) * span / (n + 1);
            char[] digits = new char[width];
            for (int d = width - 1; d >= 0; d--) {
                digits[d] = DIGITS.charAt((int) (v % 62));
                v /= 62;
            }
            int len = width;
            while (digits[len - 1] == '0') len--; // trailing zeros add nothing to the fraction
            keys[i] = new String(digits, 0, len);
        }
        return keys;
    }
}
