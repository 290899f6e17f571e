package dev.journeyboard.server.board;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Unguessable ids and capability tokens. */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private Tokens() {}

    /**
     * A fresh capability token per role and a data token (for integrations), and the hashes a board's metadata
     * keeps of them.
     */
    public record Issued(java.util.Map<dev.journeyboard.protocol.board.Role, String> tokens,
                         java.util.Map<dev.journeyboard.protocol.board.Role, String> hashes,
                         String data, String dataHash) {
        /** Links and tokens by the wire names clients use: facilitator, edit, comment, view. */
        public java.util.Map<String, String> links(String base) {
            return java.util.Map.of("facilitator", base + tokens.get(dev.journeyboard.protocol.board.Role.FACILITATOR),
                    "edit", base + tokens.get(dev.journeyboard.protocol.board.Role.EDITOR),
                    "comment", base + tokens.get(dev.journeyboard.protocol.board.Role.COMMENTER),
                    "view", base + tokens.get(dev.journeyboard.protocol.board.Role.VIEWER));
        }

        /** The tokens by those names plus {@code data}: what board creation and a rotation give facilitators. */
        public java.util.Map<String, String> tokensWithData() {
            var all = new java.util.LinkedHashMap<>(links(""));
            all.put("data", data);
            return all;
        }
    }

    public static Issued issue() {
        var tokens = new java.util.EnumMap<dev.journeyboard.protocol.board.Role, String>(dev.journeyboard.protocol.board.Role.class);
        var hashes = new java.util.EnumMap<dev.journeyboard.protocol.board.Role, String>(dev.journeyboard.protocol.board.Role.class);
        for (var r : dev.journeyboard.protocol.board.Role.values()) {
            String t = newToken();
            tokens.put(r, t);
            hashes.put(r, hash(t));
        }
        String data = newToken();
        return new Issued(java.util.Map.copyOf(tokens), java.util.Map.copyOf(hashes), data, hash(data));
    }

    /** 256 random bits, base64url without padding. */
    public static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** A board id: 12 base-62 characters (71 bits): not a secret, but not enumerable either. */
    public static String newBoardId() {
        char[] c = new char[12];
        for (int i = 0; i < c.length; i++) c[i] = ID_CHARS[RANDOM.nextInt(ID_CHARS.length)];
        return new String(c);
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
