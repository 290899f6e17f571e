package dev.journeyboard.protocol.message;

import static dev.journeyboard.protocol.ErrorCode.BAD_MESSAGE;
import static dev.journeyboard.protocol.ErrorCode.UNKNOWN_TYPE;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.ProtocolException;
import dev.journeyboard.protocol.board.ElementCodec;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.op.OpCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JSON codec for every message, both directions: the server decodes {@link ClientMessage}s and
 * encodes {@link ServerMessage}s; Java clients (tests, load generator) do the opposite.
 */
public final class MessageCodec {
    public static final int VERSION = 1;
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_NAME = 64;
    private static final int MAX_SELECTION = 1000;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // emoji as 4-byte UTF-8, not as escaped surrogate pairs
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8.mappedFeature());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MessageCodec() {}

    public static ObjectMapper json() {
        return JSON;
    }

    // ---------------------------------------------------------------- client -> server

    public static ClientMessage decodeClient(byte[] utf8) {
        return decodeClient(parseObject(utf8));
    }

    public static ClientMessage decodeClient(String text) {
        return decodeClient(parseObject(text));
    }

    private static ClientMessage decodeClient(JsonNode n) {
        String type = type(n);
        return switch (type) {
            case "hello" -> {
                JsonNode v = n.get("v");
                if (v == null || !v.isIntegralNumber()) throw bad("hello: 'v' (protocol version) must be an integer");
                String name = n.path("name").isTextual() ? n.get("name").textValue().strip() : null;
                if (name == null || name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME) {
                    throw bad("hello: 'name' must be 1.." + MAX_NAME + " characters");
                }
                String client = n.path("client").isTextual() ? n.get("client").textValue() : null;
                if (client == null || !CLIENT_ID.matcher(client).matches()) {
                    throw bad("hello: 'client' must be 1..64 characters of A-Z a-z 0-9 _ -");
                }
                yield new ClientMessage.Hello(v.intValue(), name, client, optionalSeq(n, "lastSeq", "hello"));
            }
            case "ops" -> {
                JsonNode cid = n.get("cid");
                if (cid == null || !cid.isIntegralNumber() || !cid.canConvertToLong() || cid.longValue() <= 0) {
                    throw bad("ops: 'cid' must be a positive integer");
                }
                var ops = OpCodec.parseList(n.get("ops"));
                if (ops.isEmpty()) throw bad("ops: 'ops' must not be empty");
                yield new ClientMessage.Ops(cid.longValue(), optionalSeq(n, "baseSeq", "ops"), ops);
            }
            case "presence" -> new ClientMessage.Presence(presenceFields(n));
            case "facilitate" -> new ClientMessage.Facilitate(action(n));
            case "vote" -> {
                String card = n.path("card").isTextual() ? n.get("card").textValue() : null;
                JsonNode delta = n.get("delta");
                if (card == null || delta == null || !delta.isIntegralNumber() || Math.abs(delta.intValue()) != 1) {
                    throw bad("vote: needs 'card' and 'delta' of 1 or -1");
                }
                yield new ClientMessage.Vote(card, delta.intValue());
            }
            default -> throw new ProtocolException(UNKNOWN_TYPE, "unknown message type '" + type + "'");
        };
    }

    private static FacilitatorAction action(JsonNode n) {
        String action = n.path("action").isTextual() ? n.get("action").textValue() : null;
        if (action == null) throw bad("facilitate: needs an 'action'");
        return switch (action) {
            case "timer.start" -> new FacilitatorAction.TimerStart(positiveLong(n, "durationMs", 24L * 3600 * 1000));
            case "timer.pause" -> new FacilitatorAction.TimerPause();
            case "timer.resume" -> new FacilitatorAction.TimerResume();
            case "timer.add" -> new FacilitatorAction.TimerAdd(positiveLong(n, "ms", 24L * 3600 * 1000));
            case "timer.stop" -> new FacilitatorAction.TimerStop();
            case "vote.open" -> {
                JsonNode lanes = n.get("lanes");
                if (lanes == null || !lanes.isArray() || lanes.isEmpty()) throw bad("vote.open: 'lanes' must be a non-empty array of lane ids");
                var ids = new ArrayList<String>();
                for (JsonNode l : lanes) {
                    if (!l.isTextual()) throw bad("vote.open: 'lanes' must hold lane ids");
                    ids.add(l.textValue());
                }
                yield new FacilitatorAction.VoteOpen(List.copyOf(ids), (int) positiveLong(n, "votesPerPerson", 100),
                        n.path("multiplePerCard").asBoolean(false));
            }
            case "vote.close" -> new FacilitatorAction.VoteClose();
            case "follow" -> new FacilitatorAction.Follow(bool(n, "on"));
            case "private" -> new FacilitatorAction.PrivateWriting(bool(n, "on"));
            case "lock.board" -> new FacilitatorAction.LockBoard(bool(n, "locked"));
            case "cursors.hide" -> new FacilitatorAction.HideCursors(bool(n, "hidden"));
            case "participant.role" -> {
                Role role = Role.fromWire(n.path("role").asText(""));
                if (role == null) throw bad("participant.role: 'role' must be facilitator, editor or viewer");
                yield new FacilitatorAction.SetRole(requiredText(n, "participant"), role);
            }
            case "participant.remove" -> new FacilitatorAction.Remove(requiredText(n, "participant"));
            case "links.rotate" -> new FacilitatorAction.RotateLinks();
            default -> throw new ProtocolException(UNKNOWN_TYPE, "unknown facilitator action '" + action + "'");
        };
    }

    private static long positiveLong(JsonNode n, String field, long max) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || v.longValue() <= 0 || v.longValue() > max) {
            throw bad("'" + field + "' must be an integer from 1 to " + max);
        }
        return v.longValue();
    }

    private static boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isBoolean()) throw bad("'" + field + "' must be true or false");
        return v.booleanValue();
    }

    private static String requiredText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) throw bad("'" + field + "' must be a string");
        return v.textValue();
    }

    private static ObjectNode actionJson(FacilitatorAction a) {
        ObjectNode o = NODES.objectNode().put("type", "facilitate").put("action", a.name());
        switch (a) {
            case FacilitatorAction.TimerStart t -> o.put("durationMs", t.durationMs());
            case FacilitatorAction.TimerAdd t -> o.put("ms", t.ms());
            case FacilitatorAction.VoteOpen v -> {
                ArrayNode lanes = o.putArray("lanes");
                v.lanes().forEach(lanes::add);
                o.put("votesPerPerson", v.votesPerPerson()).put("multiplePerCard", v.multiplePerCard());
            }
            case FacilitatorAction.Follow f -> o.put("on", f.on());
            case FacilitatorAction.PrivateWriting p -> o.put("on", p.on());
            case FacilitatorAction.LockBoard l -> o.put("locked", l.locked());
            case FacilitatorAction.HideCursors h -> o.put("hidden", h.hidden());
            case FacilitatorAction.SetRole r -> o.put("participant", r.participant()).put("role", r.role().wire());
            case FacilitatorAction.Remove r -> o.put("participant", r.participant());
            case FacilitatorAction.TimerPause t -> { }
            case FacilitatorAction.TimerResume t -> { }
            case FacilitatorAction.TimerStop t -> { }
            case FacilitatorAction.VoteClose v -> { }
            case FacilitatorAction.RotateLinks r -> { }
        }
        return o;
    }

    private static ObjectNode presenceFields(JsonNode n) {
        ObjectNode out = NODES.objectNode();
        if (n.has("cursor")) {
            JsonNode c = n.get("cursor");
            if (!c.isNull() && !(c.isObject() && finite(c.get("x")) && finite(c.get("y")))) {
                throw bad("presence: 'cursor' must be {x, y} or null");
            }
            out.set("cursor", c.isNull() ? c : NODES.objectNode().put("x", c.get("x").doubleValue()).put("y", c.get("y").doubleValue()));
        }
        if (n.has("selection")) {
            JsonNode s = n.get("selection");
            if (!s.isNull()) {
                if (!s.isArray() || s.size() > MAX_SELECTION) throw bad("presence: 'selection' must be an array of at most " + MAX_SELECTION + " ids");
                for (JsonNode id : s) {
                    if (!id.isTextual() || !CLIENT_ID.matcher(id.textValue()).matches()) throw bad("presence: 'selection' must hold element ids");
                }
            }
            out.set("selection", s);
        }
        if (n.has("viewport")) {
            JsonNode v = n.get("viewport");
            if (!v.isNull()) {
                if (!v.isObject()) throw bad("presence: 'viewport' must be {x, y, w, h, zoom} or null");
                ObjectNode vp = NODES.objectNode();
                for (String f : List.of("x", "y", "w", "h", "zoom")) {
                    if (!finite(v.get(f))) throw bad("presence: 'viewport." + f + "' must be a finite number");
                    vp.put(f, v.get(f).doubleValue());
                }
                v = vp;
            }
            out.set("viewport", v);
        }
        return out;
    }

    public static byte[] encode(ClientMessage m) {
        ObjectNode o = NODES.objectNode();
        switch (m) {
            case ClientMessage.Hello h -> o.put("type", "hello").put("v", h.v()).put("name", h.name())
                    .put("client", h.client()).put("lastSeq", h.lastSeq());
            case ClientMessage.Ops ops -> {
                o.put("type", "ops").put("cid", ops.cid()).put("baseSeq", ops.baseSeq());
                o.set("ops", OpCodec.toJson(ops.ops()));
            }
            case ClientMessage.Presence p -> {
                o.put("type", "presence");
                o.setAll(p.fields());
            }
            case ClientMessage.Facilitate f -> o = actionJson(f.action());
            case ClientMessage.Vote v -> o.put("type", "vote").put("card", v.card()).put("delta", v.delta());
        }
        return bytes(o);
    }

    // ---------------------------------------------------------------- server -> client

    public static byte[] encode(ServerMessage m) {
        return bytes(toJson(m));
    }

    /** A {@code batch} frame from messages encoded already (each once, for every socket). */
    public static byte[] encodeBatch(List<byte[]> encoded) {
        byte[] head = "{\"type\":\"batch\",\"messages\":[".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int size = head.length + 2 + Math.max(0, encoded.size() - 1);
        for (byte[] e : encoded) size += e.length;
        byte[] out = new byte[size];
        System.arraycopy(head, 0, out, 0, head.length);
        int at = head.length;
        for (int i = 0; i < encoded.size(); i++) {
            if (i > 0) out[at++] = ',';
            System.arraycopy(encoded.get(i), 0, out, at, encoded.get(i).length);
            at += encoded.get(i).length;
        }
        out[at++] = ']';
        out[at] = '}';
        return out;
    }

    /** For text frames: the same JSON as {@link #encode(ServerMessage)}, as a string. */
    public static String encodeText(ServerMessage m) {
        try {
            return JSON.writeValueAsString(toJson(m));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a JSON tree", e);
        }
    }

    /** A JSON array of elements, for {@link #encodeWelcome} to splice into many welcomes. */
    public static String encodeElements(java.util.Collection<dev.journeyboard.protocol.board.Element> elements) {
        try {
            return JSON.writeValueAsString(ElementCodec.toJson(elements));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a JSON tree", e);
        }
    }

    /**
     * A welcome as text; with {@code elementsJson} (from {@link #encodeElements}) its snapshot's elements are
     * that pre-encoded array instead of {@code w.snapshot().elements()}: a board joined by many is encoded once.
     */
    public static String encodeWelcome(ServerMessage.Welcome w, String elementsJson) {
        ObjectNode o = toJson(w);
        if (elementsJson != null) {
            ((ObjectNode) o.get("snapshot")).putRawValue("elements", new com.fasterxml.jackson.databind.util.RawValue(elementsJson));
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a JSON tree", e);
        }
    }

    public static ObjectNode toJson(ServerMessage m) {
        ObjectNode o = NODES.objectNode();
        switch (m) {
            case ServerMessage.Welcome w -> {
                o.put("type", "welcome").put("v", w.v());
                o.putObject("board").put("id", w.board().id()).put("title", w.board().title()).put("template", w.board().template());
                o.set("you", toJson(w.you()));
                ArrayNode ps = o.putArray("participants");
                w.participants().forEach(p -> ps.add(toJson(p)));
                o.put("seq", w.seq());
                if (w.snapshot() != null) {
                    ObjectNode s = o.putObject("snapshot").put("seq", w.snapshot().seq());
                    s.set("elements", ElementCodec.toJson(w.snapshot().elements()));
                } else {
                    o.putNull("snapshot");
                }
                if (w.missed() != null) {
                    ArrayNode missed = o.putArray("missed");
                    w.missed().forEach(a -> missed.add(toJson(a)));
                } else {
                    o.putNull("missed");
                }
                o.putObject("limits").put("maxFrameBytes", w.limits().maxFrameBytes()).put("opsPerSecond", w.limits().opsPerSecond())
                        .put("maxElements", w.limits().maxElements()).put("maxTextLength", w.limits().maxTextLength());
            }
            case ServerMessage.Applied a -> {
                o.put("type", "applied").put("seq", a.seq()).put("author", a.author()).put("client", a.client()).put("cid", a.cid());
                o.set("ops", OpCodec.toJson(a.ops()));
            }
            case ServerMessage.Ack a -> o.put("type", "ack").put("cid", a.cid()).put("duplicate", a.duplicate());
            case ServerMessage.Rejected r -> o.put("type", "rejected").put("cid", r.cid()).put("code", r.code().name()).put("message", r.message());
            case ServerMessage.Error e -> o.put("type", "error").put("code", e.code().name()).put("message", e.message());
            case ServerMessage.Joined j -> {
                o.put("type", "joined");
                o.set("participant", toJson(j.participant()));
            }
            case ServerMessage.Left l -> o.put("type", "left").put("id", l.id());
            case ServerMessage.Presence p -> {
                o.put("type", "presence");
                ArrayNode peers = o.putArray("peers");
                p.peers().forEach(peers::add);
            }
            case ServerMessage.Session s -> {
                o.put("type", "session");
                ObjectNode t = o.putObject("timer").put("state", s.timer().state()).put("durationMs", s.timer().durationMs())
                        .put("remainingMs", s.timer().remainingMs());
                t.put("endsAt", s.timer().endsAt());
                if (s.vote() == null) {
                    o.putNull("vote");
                } else {
                    ObjectNode v = o.putObject("vote").put("votesPerPerson", s.vote().votesPerPerson()).put("multiplePerCard", s.vote().multiplePerCard());
                    ArrayNode lanes = v.putArray("lanes");
                    s.vote().lanes().forEach(lanes::add);
                }
                o.put("follow", s.follow()).put("privateWriting", s.privateWriting()).put("boardLocked", s.boardLocked())
                        .put("cursorsHidden", s.cursorsHidden()).put("serverTime", s.serverTime());
            }
            case ServerMessage.Votes v -> {
                o.put("type", "votes");
                ObjectNode mine = o.putObject("mine");
                v.mine().forEach(mine::put);
                o.put("remaining", v.remaining()).put("cast", v.cast());
            }
            case ServerMessage.VoteResult r -> {
                o.put("type", "voteResult");
                ArrayNode ranked = o.putArray("ranked");
                r.ranked().forEach(x -> ranked.addObject().put("card", x.card()).put("votes", x.votes()));
            }
            case ServerMessage.Batch b -> {
                o.put("type", "batch");
                ArrayNode messages = o.putArray("messages");
                b.messages().forEach(m2 -> messages.add(toJson(m2)));
            }
            case ServerMessage.ParticipantChanged p -> {
                o.put("type", "participant");
                o.set("participant", toJson(p.participant()));
            }
            case ServerMessage.Links l -> {
                o.put("type", "links");
                ObjectNode links = o.putObject("links");
                l.links().forEach(links::put);
                ObjectNode tokens = o.putObject("tokens");
                l.tokens().forEach(tokens::put);
            }
        }
        return o;
    }

    public static ServerMessage decodeServer(byte[] utf8) {
        return decodeServer(parseObject(utf8));
    }

    public static ServerMessage decodeServer(String text) {
        return decodeServer(parseObject(text));
    }

    private static ServerMessage decodeServer(JsonNode n) {
        String type = type(n);
        return switch (type) {
            case "welcome" -> {
                JsonNode b = n.get("board");
                JsonNode s = n.get("snapshot");
                List<ServerMessage.Applied> missed = null;
                if (n.hasNonNull("missed")) {
                    missed = new ArrayList<>();
                    for (JsonNode a : n.get("missed")) missed.add(applied(a));
                }
                var participants = new ArrayList<Participant>();
                for (JsonNode p : n.path("participants")) participants.add(participant(p));
                JsonNode l = n.path("limits");
                yield new ServerMessage.Welcome(n.path("v").intValue(),
                        new ServerMessage.BoardInfo(b.path("id").textValue(), b.path("title").textValue(), b.path("template").textValue()),
                        participant(n.get("you")), participants, n.path("seq").longValue(),
                        s == null || s.isNull() ? null : new ServerMessage.Snapshot(s.path("seq").longValue(), ElementCodec.listFromJson(s.get("elements"))),
                        missed,
                        new ServerMessage.LimitsInfo(l.path("maxFrameBytes").intValue(), l.path("opsPerSecond").intValue(),
                                l.path("maxElements").intValue(), l.path("maxTextLength").intValue()));
            }
            case "applied" -> applied(n);
            case "ack" -> new ServerMessage.Ack(n.path("cid").longValue(), n.path("duplicate").booleanValue());
            case "rejected" -> new ServerMessage.Rejected(n.path("cid").longValue(), ErrorCode.valueOf(n.path("code").textValue()),
                    n.path("message").textValue());
            case "error" -> new ServerMessage.Error(ErrorCode.valueOf(n.path("code").textValue()), n.path("message").textValue());
            case "joined" -> new ServerMessage.Joined(participant(n.get("participant")));
            case "left" -> new ServerMessage.Left(n.path("id").textValue());
            case "presence" -> {
                var peers = new ArrayList<ObjectNode>();
                for (JsonNode p : n.path("peers")) peers.add((ObjectNode) p);
                yield new ServerMessage.Presence(peers);
            }
            case "session" -> {
                JsonNode t = n.path("timer");
                JsonNode v = n.path("vote");
                ServerMessage.VoteInfo vote = null;
                if (v.isObject()) {
                    var lanes = new ArrayList<String>();
                    v.path("lanes").forEach(l -> lanes.add(l.textValue()));
                    vote = new ServerMessage.VoteInfo(lanes, v.path("votesPerPerson").intValue(), v.path("multiplePerCard").booleanValue());
                }
                yield new ServerMessage.Session(new ServerMessage.Timer(t.path("state").textValue(), t.path("durationMs").longValue(),
                        t.path("remainingMs").longValue(), t.path("endsAt").isNumber() ? t.get("endsAt").longValue() : null),
                        vote, n.path("follow").textValue(), n.path("privateWriting").booleanValue(), n.path("boardLocked").booleanValue(),
                        n.path("cursorsHidden").booleanValue(), n.path("serverTime").longValue());
            }
            case "votes" -> {
                var mine = new java.util.LinkedHashMap<String, Integer>();
                n.path("mine").fields().forEachRemaining(f -> mine.put(f.getKey(), f.getValue().intValue()));
                yield new ServerMessage.Votes(mine, n.path("remaining").intValue(), n.path("cast").intValue());
            }
            case "voteResult" -> {
                var ranked = new ArrayList<ServerMessage.Ranked>();
                n.path("ranked").forEach(r -> ranked.add(new ServerMessage.Ranked(r.path("card").textValue(), r.path("votes").intValue())));
                yield new ServerMessage.VoteResult(ranked);
            }
            case "participant" -> new ServerMessage.ParticipantChanged(participant(n.get("participant")));
            case "batch" -> {
                var messages = new ArrayList<ServerMessage>();
                for (JsonNode m : n.path("messages")) messages.add(decodeServer(requireObject(m)));
                yield new ServerMessage.Batch(messages);
            }
            case "links" -> {
                var links = new java.util.LinkedHashMap<String, String>();
                n.path("links").fields().forEachRemaining(f -> links.put(f.getKey(), f.getValue().textValue()));
                var tokens = new java.util.LinkedHashMap<String, String>();
                n.path("tokens").fields().forEachRemaining(f -> tokens.put(f.getKey(), f.getValue().textValue()));
                yield new ServerMessage.Links(links, tokens);
            }
            default -> throw new ProtocolException(UNKNOWN_TYPE, "unknown message type '" + type + "'");
        };
    }

    /** Decodes an {@code applied} message: also the op-log record format of the stores. */
    public static ServerMessage.Applied applied(JsonNode n) {
        if (n == null || !n.isObject() || !n.path("seq").canConvertToLong()) throw bad("applied: bad record");
        return new ServerMessage.Applied(n.path("seq").longValue(), n.path("author").textValue(), n.path("client").textValue(),
                n.path("cid").longValue(), OpCodec.parseList(n.get("ops")));
    }

    public static ObjectNode toJson(Participant p) {
        return NODES.objectNode().put("id", p.id()).put("name", p.name()).put("color", p.color()).put("role", p.role().wire());
    }

    private static Participant participant(JsonNode p) {
        return new Participant(p.path("id").textValue(), p.path("name").textValue(), p.path("color").textValue(),
                Role.fromWire(p.path("role").textValue()));
    }

    // ---------------------------------------------------------------- plumbing

    public static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a JSON tree", e); // a tree always encodes
        }
    }

    public static JsonNode parseObject(byte[] utf8) {
        try {
            return requireObject(JSON.readTree(utf8));
        } catch (IOException e) {
            throw bad("not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    public static JsonNode parseObject(String text) {
        try {
            return requireObject(JSON.readTree(text));
        } catch (IOException e) {
            throw bad("not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    private static JsonNode requireObject(JsonNode n) {
        if (n == null || !n.isObject()) throw bad("a message must be a JSON object");
        return n;
    }

    private static String type(JsonNode n) {
        JsonNode t = n.get("type");
        if (t == null || !t.isTextual()) throw bad("a message needs a string 'type'");
        return t.textValue();
    }

    private static Long optionalSeq(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) throw bad(where + ": '" + field + "' must be a seq >= 0");
        return v.longValue();
    }

    private static boolean finite(JsonNode v) {
        return v != null && v.isNumber() && Double.isFinite(v.doubleValue());
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static ProtocolException bad(String message) {
        return new ProtocolException(BAD_MESSAGE, message);
    }
}
