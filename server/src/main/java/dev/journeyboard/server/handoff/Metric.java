package dev.journeyboard.server.handoff;

import java.util.Locale;

/**
 * One touchpoint metric of a card: its current value, the responses behind it and its target, if set.
 *
 * @param n      responses behind the value, or null
 * @param target the value the team aims for, or null
 */
public record Metric(Kind kind, double value, Integer n, Double target) {

    /** CSAT (1..5, higher is better), NPS (-100..100, higher is better), CES (1..7, lower is better: less effort). */
    public enum Kind {
        CSAT(1, 5, 1.25, true), NPS(-100, 100, 1 / 40.0, true), CES(1, 7, 0.833, false);

        public final double min;
        public final double max;
        /** What one unit of shortfall counts on the 0..5 gap scale of the priority score (CONTRACTS / PROTOCOL.md). */
        private final double gapFactor;
        private final boolean higherIsBetter;

        Kind(double min, double max, double gapFactor, boolean higherIsBetter) {
            this.min = min;
            this.max = max;
            this.gapFactor = gapFactor;
            this.higherIsBetter = higherIsBetter;
        }

        /** The property name: {@code csat}, {@code nps}, {@code ces}. */
        public String prop() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String label() {
            return name();
        }

        /** How far {@code value} falls short of {@code target}, on a 0..5 scale; 0 when it meets it. */
        public double gap(double value, double target) {
            double shortfall = higherIsBetter ? target - value : value - target;
            return Math.min(5, Math.max(0, shortfall) * gapFactor);
        }

        public boolean misses(double value, double target) {
            return higherIsBetter ? value < target : value > target;
        }

        /** A value as shown on a badge: 3.8, 32, 4 (no trailing zeros). */
        public static String format(double v) {
            return Num.format(v);
        }

        public static Kind of(String prop) {
            for (Kind k : values()) if (k.prop().equals(prop)) return k;
            return null;
        }

        /** Green / amber / red, as the web client colours a value. */
        public Tone tone(double v) {
            return switch (this) {
                case CSAT -> v >= 4 ? Tone.GOOD : v >= 3 ? Tone.NEUTRAL : Tone.BAD;
                case NPS -> v >= 30 ? Tone.GOOD : v >= 0 ? Tone.NEUTRAL : Tone.BAD;
                case CES -> v <= 3 ? Tone.GOOD : v <= 4 ? Tone.NEUTRAL : Tone.BAD;
            };
        }
    }

    public enum Tone { GOOD, NEUTRAL, BAD }

    public boolean hasTarget() {
        return target != null;
    }

    public boolean missesTarget() {
        return target != null && kind.misses(value, target);
    }

    /** The gap to target on the 0..5 scale; 0 without a target. */
    public double gap() {
        return target == null ? 0 : kind.gap(value, target);
    }
}
