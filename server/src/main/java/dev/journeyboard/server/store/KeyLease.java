package dev.journeyboard.server.store;

/**
 * Lua for a key that one holder keeps with a time to live: a board's lease (RedisStore) and a room's owner key
 * (cluster/Cluster) are renewed and released the same way.
 */
public final class KeyLease {
    private KeyLease() {}

    /** KEYS key; ARGV holder ttl-ms. Extends the holder's key, or takes it back if it lapsed and nobody took it; 0 when another holds it. */
    public static final String RENEW = """
            local holder = redis.call('GET', KEYS[1])
            if holder and holder ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 1
            """;

    /** KEYS key; ARGV holder. Deletes the key if this holder has it. */
    public static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """;
}
