package dev.journeyboard.server.history;

import java.util.Map;

/** The history endpoints on the embedded store. */
class EmbeddedHistoryHttpTest extends HistoryHttpContract {
    @Override
    Map<String, String> storeEnv() {
        return Map.of();
    }
}
