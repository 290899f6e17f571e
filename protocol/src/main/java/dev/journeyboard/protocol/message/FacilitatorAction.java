package dev.journeyboard.protocol.message;

import dev.journeyboard.protocol.board.Role;
import java.util.List;

/**
 * What a facilitator can do to run a session (the {@code action} of a {@code facilitate} message). Only
 * facilitators may send these; anyone else gets FORBIDDEN.
 */
public sealed interface FacilitatorAction {
    /** Wire name, e.g. {@code timer.start}: every action's in one table, as the codec reads them. */
    default String name() {
        return switch (this) {
            case TimerStart a -> "timer.start";
            case TimerPause a -> "timer.pause";
            case TimerResume a -> "timer.resume";
            case TimerAdd a -> "timer.add";
            case TimerStop a -> "timer.stop";
            case VoteOpen a -> "vote.open";
            case VoteClose a -> "vote.close";
            case EmotionOpen a -> "emotion.open";
            case EmotionClose a -> "emotion.close";
            case Follow a -> "follow";
            case PrivateWriting a -> "private";
            case LockBoard a -> "lock.board";
            case HideCursors a -> "cursors.hide";
            case SetRole a -> "participant.role";
            case SetDepartment a -> "participant.department";
            case Remove a -> "participant.remove";
            case VersionSave a -> "version.save";
            case CommentsViewers a -> "comments.viewers";
            case RotateLinks a -> "links.rotate";
        };
    }

    record TimerStart(long durationMs) implements FacilitatorAction {}

    record TimerPause() implements FacilitatorAction {}

    record TimerResume() implements FacilitatorAction {}

    /** Adds time to a running or paused timer (a minute from the UI). */
    record TimerAdd(long ms) implements FacilitatorAction {}

    record TimerStop() implements FacilitatorAction {}

    /** Opens a dot vote on the cards of {@code lanes}, {@code votesPerPerson} dots each. */
    record VoteOpen(List<String> lanes, int votesPerPerson, boolean multiplePerCard) implements FacilitatorAction {}

    /** Closes the vote: totals go onto the cards' {@code votes} and a ranked result goes to everyone. */
    record VoteClose() implements FacilitatorAction {}

    /**
     * Opens an emotion round: each editor and facilitator scores every target -2..+2, secret until the close.
     * Exactly one of {@code stages} and {@code cards} is non-empty (the other is empty); {@code label} may be null.
     */
    record EmotionOpen(List<String> stages, List<String> cards, String label) implements FacilitatorAction {}

    /** Closes the round: each target's mean, spread and count are appended to its {@code emotionRounds}. */
    record EmotionClose() implements FacilitatorAction {}

    /** Everyone's viewport follows the facilitator's until they pan away themselves. */
    record Follow(boolean on) implements FacilitatorAction {}

    /** While on, new cards are seen by their author only; turning it off reveals them to all at once. */
    record PrivateWriting(boolean on) implements FacilitatorAction {}

    /** Only facilitators edit while the board is locked. */
    record LockBoard(boolean locked) implements FacilitatorAction {}

    record HideCursors(boolean hidden) implements FacilitatorAction {}

    record SetRole(String participant, Role role) implements FacilitatorAction {}

    /** Gives the participant a department of the board ({@code department} null: none); told to everyone as {@code participant}. */
    record SetDepartment(String participant, String department) implements FacilitatorAction {}

    /** Disconnects the participant; their tab cannot rejoin while the board stays loaded. */
    record Remove(String participant) implements FacilitatorAction {}

    /** Names the board as it is now (a {@code version} element the server creates): "after workshop 1". */
    record VersionSave(String versionName) implements FacilitatorAction {}

    /** Whether viewers may comment (a board setting, kept with the board's metadata). */
    record CommentsViewers(boolean on) implements FacilitatorAction {}

    /** New links for every role; old links stop working and their sockets are closed. */
    record RotateLinks() implements FacilitatorAction {}
}
