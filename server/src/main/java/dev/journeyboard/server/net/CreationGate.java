package dev.journeyboard.server.net;

import dev.journeyboard.server.board.Tokens;
import dev.journeyboard.server.room.RateLimiter;
import java.util.HashMap;
import java.util.Map;

/**
 * Who may create boards: anyone who can reach the server would otherwise fill its disk. Each client address may
 * create {@code JB_CREATES_PER_MINUTE} boards a minute (bursts of that many; the address is the TCP peer's, never
 * a forwarded header a client could forge), and when {@code JB_CREATE_TOKEN} is set a request must carry it as
 * {@code Authorization: Bearer <key>}. Shared by every HTTP verticle; thread-safe.
 */
final class CreationGate {
    /** Above this many tracked addresses, the full (idle) buckets are dropped: memory stays bounded. */
    private static final int MAX_TRACKED = 10_000;

    private final int perMinute;
    private final String key;
    private final Map<String, RateLimiter> byAddress = new HashMap<>();

    CreationGate(int perMinute, String key) {
        this.perMinute = perMinute;
        this.key = key;
    }

    boolean keyRequired() {
        return key != null;
    }

    /** Whether the request's {@code Authorization} header carries the creation key (always true when none is set). */
    boolean keyAccepted(String authorization) {
        if (key == null) return true;
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
        return Tokens.constantTimeEquals(Tokens.hash(authorization.substring(7).strip()), Tokens.hash(key));
    }

    /** Takes one creation from the address's allowance; false when it has none left. */
    synchronized boolean tryCreate(String address) {
        if (perMinute <= 0) return true;
        if (byAddress.size() > MAX_TRACKED) byAddress.clear(); // a scan of many addresses: start afresh rather than grow
        return byAddress.computeIfAbsent(address, a -> new RateLimiter(perMinute / 60.0, perMinute)).tryAcquire();
    }
}
