package dev.journeyboard.protocol.message;

import static dev.journeyboard.protocol.ErrorCode.UNKNOWN_TYPE;
import static dev.journeyboard.protocol.message.JsonFields.NODES;
import static dev.journeyboard.protocol.message.JsonFields.bad;
import static dev.journeyboard.protocol.message.JsonFields.bool;
import static dev.journeyboard.protocol.message.JsonFields.positiveLong;
import static dev.journeyboard.protocol.message.JsonFields.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The {@code action} of a {@code facilitate} message, both ways. */
final class FacilitatorActionCodec {
    private static final long MAX_MS = 24L * 3600 * 1000;
    /** Targets of one emotion round, and the length of its label (it is shown in the emotion lane's legend). */
    static final int MAX_EMOTION_TARGETS = 200;
    static final int MAX_LABEL = 60;
    private static final Pattern ELEMENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final int MAX_VERSION_NAME = 100;

    private FacilitatorActionCodec() {}

    static FacilitatorAction decode(JsonNode n) {
        String action = n.path("action").isTextual() ? n.get("action").textValue() : null;
        if (action == null) throw bad("facilitate: needs a string 'action'");
        return switch (action) {
            case "timer.start" -> new FacilitatorAction.TimerStart(positiveLong(n, "durationMs", MAX_MS));
            case "timer.pause" -> new FacilitatorAction.TimerPause();
            case "timer.resume" -> new FacilitatorAction.TimerResume();
            case "timer.add" -> new FacilitatorAction.TimerAdd(positiveLong(n, "ms", MAX_MS));
            case "timer.stop" -> new FacilitatorAction.TimerStop();
            case "vote.open" -> {
                JsonNode lanes = n.get("lanes");
                if (lanes == null || !lanes.isArray() || lanes.isEmpty()) throw bad("vote.open: 'lanes' must be a non-empty array of lane ids");
                var ids = new ArrayList<String>();
                for (JsonNode l : lanes) {
                    if (!l.isTextual()) throw bad("vote.open: 'lanes' must hold lane ids");
                    if (ids.contains(l.textValue())) throw bad("vote.open: lane '" + l.textValue() + "' is named twice");
                    ids.add(l.textValue());
                }
                yield new FacilitatorAction.VoteOpen(List.copyOf(ids), (int) positiveLong(n, "votesPerPerson", 100),
                        JsonFields.optionalBool(n, "multiplePerCard", false));
            }
            case "vote.close" -> new FacilitatorAction.VoteClose();
            case "emotion.open" -> emotionOpen(n);
            case "emotion.close" -> new FacilitatorAction.EmotionClose();
            case "follow" -> new FacilitatorAction.Follow(bool(n, "on"));
            case "private" -> new FacilitatorAction.PrivateWriting(bool(n, "on"));
            case "lock.board" -> new FacilitatorAction.LockBoard(bool(n, "locked"));
            case "cursors.hide" -> new FacilitatorAction.HideCursors(bool(n, "hidden"));
            case "participant.role" -> {
                Role role = n.path("role").isTextual() ? Role.fromWire(n.get("role").textValue()) : null;
                if (role == null) throw bad("participant.role: 'role' must be facilitator, editor, commenter or viewer");
                yield new FacilitatorAction.SetRole(requiredText(n, "participant"), role);
            }
            case "participant.department" -> {
                JsonNode d = n.get("department");
                if (d == null || !(d.isNull() || (d.isTextual() && ELEMENT_ID.matcher(d.textValue()).matches()))) {
                    throw bad("participant.department: 'department' must be a department id or null");
                }
                yield new FacilitatorAction.SetDepartment(requiredText(n, "participant"), d.isNull() ? null : d.textValue());
            }
            case "participant.remove" -> new FacilitatorAction.Remove(requiredText(n, "participant"));
            case "links.rotate" -> new FacilitatorAction.RotateLinks();
            case "version.save" -> {
                String name = n.path("name").isTextual() ? n.get("name").textValue().strip() : "";
                if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_VERSION_NAME) {
                    throw bad("version.save: 'name' must be 1.." + MAX_VERSION_NAME + " characters");
                }
                yield new FacilitatorAction.VersionSave(name);
            }
            case "comments.viewers" -> new FacilitatorAction.CommentsViewers(bool(n, "on"));
            default -> throw new ProtocolException(UNKNOWN_TYPE, "unknown facilitator action '" + action + "'");
        };
    }

    private static FacilitatorAction.EmotionOpen emotionOpen(JsonNode n) {
        boolean stages = n.hasNonNull("stages"), cards = n.hasNonNull("cards");
        if (stages == cards) throw bad("emotion.open: give either 'stages' or 'cards', a non-empty array of ids");
        String field = stages ? "stages" : "cards";
        JsonNode list = n.get(field);
        if (!list.isArray() || list.isEmpty() || list.size() > MAX_EMOTION_TARGETS) {
            throw bad("emotion.open: '" + field + "' must be an array of 1.." + MAX_EMOTION_TARGETS + " ids");
        }
        var ids = new ArrayList<String>();
        for (JsonNode id : list) {
            if (!id.isTextual()) throw bad("emotion.open: '" + field + "' must hold element ids");
            ids.add(id.textValue());
        }
        String label = null;
        if (n.hasNonNull("label")) {
            if (!n.get("label").isTextual()) throw bad("emotion.open: 'label' must be a string");
            label = n.get("label").textValue().strip();
            if (label.codePointCount(0, label.length()) > MAX_LABEL) throw bad("emotion.open: 'label' must be at most " + MAX_LABEL + " characters");
            if (label.isEmpty()) label = null;
        }
        return new FacilitatorAction.EmotionOpen(stages ? List.copyOf(ids) : List.of(), cards ? List.copyOf(ids) : List.of(), label);
    }

    /** The whole {@code facilitate} message carrying {@code a}. */
    static ObjectNode toJson(FacilitatorAction a) {
        ObjectNode o = NODES.objectNode().put("type", "facilitate").put("action", a.name());
        switch (a) {
            case FacilitatorAction.TimerStart t -> o.put("durationMs", t.durationMs());
            case FacilitatorAction.TimerAdd t -> o.put("ms", t.ms());
            case FacilitatorAction.VoteOpen v -> {
                ArrayNode lanes = o.putArray("lanes");
                v.lanes().forEach(lanes::add);
                o.put("votesPerPerson", v.votesPerPerson()).put("multiplePerCard", v.multiplePerCard());
            }
            case FacilitatorAction.EmotionOpen e -> {
                ArrayNode ids = o.putArray(e.stages().isEmpty() ? "cards" : "stages");
                (e.stages().isEmpty() ? e.cards() : e.stages()).forEach(ids::add);
                if (e.label() != null) o.put("label", e.label());
            }
            case FacilitatorAction.EmotionClose e -> { }
            case FacilitatorAction.Follow f -> o.put("on", f.on());
            case FacilitatorAction.PrivateWriting p -> o.put("on", p.on());
            case FacilitatorAction.LockBoard l -> o.put("locked", l.locked());
            case FacilitatorAction.HideCursors h -> o.put("hidden", h.hidden());
            case FacilitatorAction.SetRole r -> o.put("participant", r.participant()).put("role", r.role().wire());
            case FacilitatorAction.SetDepartment d -> o.put("participant", d.participant()).put("department", d.department());
            case FacilitatorAction.Remove r -> o.put("participant", r.participant());
            case FacilitatorAction.VersionSave v -> o.put("name", v.versionName());
            case FacilitatorAction.CommentsViewers c -> o.put("on", c.on());
            case FacilitatorAction.TimerPause t -> { }
            case FacilitatorAction.TimerResume t -> { }
            case FacilitatorAction.TimerStop t -> { }
            case FacilitatorAction.VoteClose v -> { }
            case FacilitatorAction.RotateLinks r -> { }
        }
        return o;
    }
}
