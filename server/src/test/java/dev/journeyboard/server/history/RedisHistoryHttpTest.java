package dev.journeyboard.server.history;

import dev.journeyboard.server.testing.RedisProcess;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The history endpoints on the Redis store (a redis-server of the test's own). */
class RedisHistoryHttpTest extends HistoryHttpContract {
    static RedisProcess redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) redis.close();
    }

    @Override
    Map<String, String> storeEnv() {
        return Map.of("JB_REDIS_URL", redis.url());
    }
}
