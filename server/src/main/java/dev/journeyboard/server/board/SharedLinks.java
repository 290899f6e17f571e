package dev.journeyboard.server.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.board.Role;
import dev.journeyboard.protocol.message.MessageCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The board's shared role links (edit, comment and view) and its data token (integrations), kept so that a facilitator
 * on any device can see them again (`GET /api/boards/{id}/links`) without replacing them. Tokens are otherwise kept only as hashes,
 * so a leaked data folder or Redis dump hands out no working link; to keep that, these two tokens are
 * sealed (AES-256-GCM) with a key derived from the board's facilitator token, which the server itself
 * never stores: only someone who presents the facilitator link can open them.
 */
public final class SharedLinks {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CONTEXT = "journey-board shared links v1\n";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private SharedLinks() {}

    /** The edit, comment and view tokens of a fresh issue, sealed with its facilitator token. */
    public static String seal(Tokens.Issued issued) {
        ObjectNode plain = JsonNodeFactory.instance.objectNode()
                .put("edit", issued.tokens().get(Role.EDITOR))
                .put("comment", issued.tokens().get(Role.COMMENTER))
                .put("view", issued.tokens().get(Role.VIEWER))
                .put("data", issued.data());
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key(issued.tokens().get(Role.FACILITATOR)), new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = c.doFinal(MessageCodec.bytes(plain));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /**
     * The tokens by wire name (edit, comment, view, data; comment is missing from links sealed before commenters), or an empty map when {@code sealed} is null (a board made
     * before links were kept) or {@code facilitatorToken} is not the one it was sealed with.
     */
    public static Map<String, String> open(String sealed, String facilitatorToken) {
        if (sealed == null || facilitatorToken == null) return Map.of();
        try {
            byte[] all = Base64.getUrlDecoder().decode(sealed);
            if (all.length <= IV_BYTES) return Map.of();
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key(facilitatorToken), new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            JsonNode plain = MessageCodec.parseObject(c.doFinal(all, IV_BYTES, all.length - IV_BYTES));
            Map<String, String> out = new LinkedHashMap<>();
            for (String k : new String[] {"edit", "comment", "view", "data"}) {
                if (plain.path(k).isTextual()) out.put(k, plain.get(k).textValue());
            }
            return out;
        } catch (GeneralSecurityException | IllegalArgumentException | dev.journeyboard.protocol.ProtocolException e) {
            return Map.of();
        }
    }

    private static SecretKeySpec key(String facilitatorToken) throws GeneralSecurityException {
        byte[] k = MessageDigest.getInstance("SHA-256").digest((CONTEXT + facilitatorToken).getBytes(StandardCharsets.UTF_8));
        return new SecretKeySpec(k, "AES");
    }
}
