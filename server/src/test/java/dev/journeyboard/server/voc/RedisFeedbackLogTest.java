package dev.journeyboard.server.voc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.server.board.Tokens;
import dev.journeyboard.server.testing.RedisFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The feedback log contract on Redis (a redis-server of the test's own), and its key. */
class RedisFeedbackLogTest extends FeedbackLogContract {
    @RegisterExtension
    static final RedisFixture redis = new RedisFixture();

    @Override
    protected FeedbackLog newStore() {
        return new RedisFeedbackLog(vertx, redis.url(), "jb:", java.time.Duration.ofSeconds(10));
    }

    @Test
    void itIsAListUnderTheBoardsHashTag() {
        String b = Tokens.newBoardId();
        await(store.append(b, 0, records("支付", "b")));
        String key = RedisFixture.boardKey(b, "feedback");
        assertThat(redis.call("TYPE", key)).isEqualTo("list");
        assertThat(redis.call("LLEN", key)).isEqualTo("2");
        assertThat(redis.call("LINDEX", key, "0")).isEqualTo("{\"t\":\"item\",\"text\":\"支付\"}");
    }
}
