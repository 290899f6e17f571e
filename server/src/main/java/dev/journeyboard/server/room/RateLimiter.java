package dev.journeyboard.server.room;

/** A token bucket: {@code perSecond} tokens a second, bursts up to {@code burst}. Used from one thread. */
public final class RateLimiter {
    private final double perNano;
    private final double burst;
    private double tokens;
    private long last = System.nanoTime();

    public RateLimiter(double perSecond, double burst) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
    }

    public boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
    }
}
