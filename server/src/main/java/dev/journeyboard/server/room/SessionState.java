package dev.journeyboard.server.room;

import dev.journeyboard.protocol.message.ServerMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A board's facilitation state: timer, dot vote, follow-me, private writing, board lock, hidden cursors.
 * Lives in the room (same context, no locks) and is not persisted: a session is a live workshop. What a
 * session produces that must last (vote totals, revealed cards, element locks) goes into the document as ops.
 */
final class SessionState {
    // timer
    String timerState = "idle";
    long durationMs;
    long remainingMs;
    long endsAt;
    long timerId = -1;

    // dot vote: client id -> card id -> dots
    ServerMessage.VoteInfo vote;
    final Map<String, Map<String, Integer>> votes = new HashMap<>();

    String follow;
    boolean privateWriting;
    boolean boardLocked;
    boolean cursorsHidden;

    ServerMessage.Session message() {
        long now = System.currentTimeMillis();
        long remaining = switch (timerState) {
            case "running" -> Math.max(0, endsAt - now);
            case "paused" -> remainingMs;
            default -> 0;
        };
        var timer = new ServerMessage.Timer(timerState, durationMs, remaining, timerState.equals("running") ? endsAt : null);
        return new ServerMessage.Session(timer, vote, follow, privateWriting, boardLocked, cursorsHidden, now);
    }

    Map<String, Integer> votesOf(String client) {
        return votes.getOrDefault(client, Map.of());
    }

    int cast() {
        int n = 0;
        for (var m : votes.values()) for (int v : m.values()) n += v;
        return n;
    }

    ServerMessage.Votes votesMessage(String client) {
        Map<String, Integer> mine = new LinkedHashMap<>(votesOf(client));
        int used = 0;
        for (int v : mine.values()) used += v;
        return new ServerMessage.Votes(mine, vote == null ? 0 : vote.votesPerPerson() - used, cast());
    }

    /** Totals per card, most votes first (ties by card id). */
    List<ServerMessage.Ranked> ranked() {
        Map<String, Integer> totals = new HashMap<>();
        for (var m : votes.values()) m.forEach((card, n) -> totals.merge(card, n, Integer::sum));
        var ranked = new ArrayList<ServerMessage.Ranked>();
        totals.forEach((card, n) -> {
            if (n > 0) ranked.add(new ServerMessage.Ranked(card, n));
        });
        ranked.sort((a, b) -> a.votes() != b.votes() ? Integer.compare(b.votes(), a.votes()) : a.card().compareTo(b.card()));
        return ranked;
    }
}
