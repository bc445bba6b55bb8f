package dev.ownergate.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cookie values that the browser carries but can neither read nor change: JSON sealed with AES-256-GCM (an
 * authenticated cipher, so a changed byte fails to open), under a key derived from the session secret. The
 * cookie's name is bound in as associated data, so a value cannot be moved from one cookie to another.
 *
 * <p>Sealed rather than only signed because a session carries the viewer's GitHub token. The JDK's own
 * cipher is enough here; a session library would bring server-side storage the replicas would have to share.
 */
public final class SealedCookies {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final Clock clock;

    public SealedCookies(byte[] secret, Clock clock) {
        this.key = new SecretKeySpec(derive(secret), "AES");
        this.clock = clock;
    }

    /** A fresh random secret, for a server started without {@code OWNERGATE_SESSION_SECRET}. */
    public static byte[] randomSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** URL-safe random text, e.g. a CSRF token or an OAuth state. */
    public static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Seals {@code fields} for cookie {@code name}, valid for {@code lifetime}. */
    public String seal(String name, ObjectNode fields, Duration lifetime) {
        ObjectNode body = fields.deepCopy().put("exp", clock.instant().plus(lifetime).getEpochSecond());
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(JSON.writeValueAsBytes(body));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot seal a cookie", e);
        }
    }

    /** The fields of a value this server sealed for cookie {@code name}; empty when forged, altered or expired. */
    public Optional<JsonNode> open(String name, String value) {
        if (value == null || value.isEmpty() || value.length() > 8192) {
            return Optional.empty();
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(value);
            if (raw.length <= NONCE_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            JsonNode body = JSON.readTree(cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES));
            if (body.path("exp").asLong(0) < clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(body);
        } catch (GeneralSecurityException | IllegalArgumentException | java.io.IOException e) {
            return Optional.empty(); // a forged or damaged cookie is no session
        }
    }

    public static ObjectNode fields() {
        return JSON.createObjectNode();
    }

    private static byte[] derive(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal("ownergate session cookies v1".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
