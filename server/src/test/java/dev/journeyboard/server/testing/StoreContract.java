package dev.journeyboard.server.testing;

import io.vertx.core.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of a contract run against every backing of one kind of store (images, feedback log): each test gets a
 * {@link #store} fresh from the subclass's {@link #newStore}, closed after it. A test may close it and open
 * another over the same backing (as after a restart); the one in the field then is what gets closed.
 */
public abstract class StoreContract<S> extends VertxContract {
    private final Function<S, Future<Void>> close;
    protected S store;

    /** @param close how a store of this kind is closed (its {@code close()}) */
    protected StoreContract(Function<S, Future<Void>> close) {
        this.close = close;
    }

    /** A store over this backing: the same data as the stores before it in this test. */
    protected abstract S newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        await(close.apply(store));
    }
}
