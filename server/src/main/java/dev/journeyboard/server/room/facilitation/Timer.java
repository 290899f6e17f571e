package dev.journeyboard.server.room.facilitation;

import static dev.journeyboard.protocol.ErrorCode.INVALID_VALUE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.server.room.RoomActions;

/**
 * The workshop's timer. The server owns the clock: clients count down from what the {@code session} message
 * says, and everyone hears the end (a {@code session} with {@code ended}). Room context only.
 */
final class Timer {
    /** The timer's state; each one keeps the duration last set (clients show it). */
    sealed interface State {
        long durationMs();
    }

    record Idle(long durationMs) implements State {}

    /** @param timerId the room timer that ends it: there is one exactly while the timer runs */
    record Running(long endsAt, long durationMs, long timerId) implements State {}

    record Paused(long remainingMs, long durationMs) implements State {}

    record Ended(long durationMs) implements State {}

    private final RoomActions room;
    private final Runnable ended;
    private State state = new Idle(0);

    /** @param ended runs when a running timer reaches its end (the session tells everyone) */
    Timer(RoomActions room, Runnable ended) {
        this.room = room;
        this.ended = ended;
    }

    State state() {
        return state;
    }

    void start(long durationMs) {
        runUntil(System.currentTimeMillis() + durationMs, durationMs);
    }

    void pause() {
        if (!(state instanceof Running r)) throw new ProtocolException(INVALID_VALUE, "timer.pause: the timer is not running");
        room.cancelTimer(r.timerId());
        state = new Paused(Math.max(0, r.endsAt() - System.currentTimeMillis()), r.durationMs());
    }

    void resume() {
        if (!(state instanceof Paused p)) throw new ProtocolException(INVALID_VALUE, "timer.resume: the timer is not paused");
        runUntil(System.currentTimeMillis() + p.remainingMs(), p.durationMs());
    }

    /** More time on a running or paused timer (the UI adds a minute). */
    void add(long ms) {
        switch (state) {
            case Running r -> runUntil(r.endsAt() + ms, r.durationMs() + ms);
            case Paused p -> state = new Paused(p.remainingMs() + ms, p.durationMs() + ms);
            case Idle i -> throw new ProtocolException(INVALID_VALUE, "timer.add: no timer is running or paused");
            case Ended e -> throw new ProtocolException(INVALID_VALUE, "timer.add: no timer is running or paused");
        }
    }

    void stop() {
        cancel();
        state = new Idle(state.durationMs());
    }

    /**
     * The durable form: {@code {"state":"running","endsAt":…,"durationMs":…}}, {@code {"state":"paused",
     * "remainingMs":…,"durationMs":…}}, or {@code {"state":"idle"|"ended","durationMs":…}}. A running timer is kept
     * by its end on the server clock, so after a restart it shows what that clock says.
     */
    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        switch (state) {
            case Idle i -> o.put("state", "idle");
            case Running r -> o.put("state", "running").put("endsAt", r.endsAt());
            case Paused p -> o.put("state", "paused").put("remainingMs", p.remainingMs());
            case Ended e -> o.put("state", "ended");
        }
        return o.put("durationMs", state.durationMs());
    }

    /** Takes back a saved timer; one whose end passed meanwhile (the server was down) has ended. */
    void restore(JsonNode o) {
        long duration = o.path("durationMs").asLong(0);
        switch (o.path("state").asText("idle")) {
            case "running" -> {
                long endsAt = o.path("endsAt").asLong(0);
                if (endsAt > System.currentTimeMillis()) runUntil(endsAt, duration);
                else state = new Ended(duration);
            }
            case "paused" -> state = new Paused(Math.max(0, o.path("remainingMs").asLong(0)), duration);
            case "ended" -> state = new Ended(duration);
            default -> state = new Idle(duration);
        }
    }

    /** The room unloads. */
    void close() {
        cancel();
    }

    /** How the {@code session} message puts it, at {@code now} (server epoch millis). */
    ServerMessage.Timer wire(long now) {
        return switch (state) {
            case Idle i -> new ServerMessage.Timer("idle", i.durationMs(), 0, null);
            case Running r -> new ServerMessage.Timer("running", r.durationMs(), Math.max(0, r.endsAt() - now), r.endsAt());
            case Paused p -> new ServerMessage.Timer("paused", p.durationMs(), p.remainingMs(), null);
            case Ended e -> new ServerMessage.Timer("ended", e.durationMs(), 0, null);
        };
    }

    /** Runs until {@code endsAt} (server epoch millis), replacing whatever timer there was. */
    private void runUntil(long endsAt, long durationMs) {
        cancel();
        long[] id = new long[1];
        id[0] = room.setTimer(Math.max(1, endsAt - System.currentTimeMillis()), () -> {
            if (state instanceof Running r && r.timerId() == id[0]) { // still this run, not one that replaced it
                state = new Ended(r.durationMs());
                ended.run(); // every client shows its gentle end signal on this
            }
        });
        state = new Running(endsAt, durationMs, id[0]);
    }

    private void cancel() {
        if (state instanceof Running r) room.cancelTimer(r.timerId());
    }
}
