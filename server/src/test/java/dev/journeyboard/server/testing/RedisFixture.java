package dev.journeyboard.server.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throwaway Redis ({@link RedisProcess#start()}) for one test class: started before the class's own
 * {@code @BeforeAll} methods and closed after its {@code @AfterAll} ones, so a test can point a server at it in
 * its set-up. Use it as {@code @RegisterExtension static final RedisFixture redis = new RedisFixture();}. Tests
 * that stop and restart Redis on a port use {@link RedisProcess} directly.
 */
public final class RedisFixture implements BeforeAllCallback, AfterAllCallback {
    /** The key prefix the servers give their stores. */
    public static final String PREFIX = "jb:";

    private RedisProcess redis;

    @Override
    public void beforeAll(ExtensionContext context) {
        redis = RedisProcess.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (redis != null) redis.close();
        redis = null;
    }

    /** {@code redis://<host>:<port>/0} */
    public String url() {
        return process().url();
    }

    /** One command, its reply as text (see {@link RedisProcess#call}). */
    public String call(String... args) {
        return process().call(args);
    }

    public RedisProcess process() {
        if (redis == null) throw new IllegalStateException("the Redis runs only while the test class does");
        return redis;
    }

    /** A board's key as the stores lay it out: every key of a board under its hash tag, e.g. {@code jb:board:{id}:log}. */
    public static String boardKey(String boardId, String part) {
        return PREFIX + "board:{" + boardId + "}:" + part;
    }
}
