package dev.journeyboard.server.history;

import dev.journeyboard.server.testing.RedisFixture;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The history endpoints on the Redis store (a redis-server of the test's own). */
class RedisHistoryHttpTest extends HistoryHttpContract {
    @RegisterExtension
    static final RedisFixture redis = new RedisFixture();

    @Override
    Map<String, String> storeEnv() {
        return Map.of("JB_REDIS_URL", redis.url());
    }
}
