package dev.ownergate.app.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code X-Hub-Signature-256}: {@code sha256=} and the hex HMAC-SHA256 of the raw body under the webhook
 * secret (docs: "Validating webhook deliveries"). The comparison takes the same time whatever the input.
 */
public final class WebhookSignature {
    private static final String PREFIX = "sha256=";
    private final SecretKeySpec key;

    public WebhookSignature(byte[] secret) {
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    public boolean verify(byte[] body, String header) {
        return verify(mac -> mac.update(body), header);
    }

    /**
     * Checks a body fed to the MAC piece by piece, so a body that arrived in chunks is never joined (nor held
     * twice) before its signature is known.
     */
    public boolean verify(Consumer<Mac> body, String header) {
        if (header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(PREFIX.length()).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        Mac mac = newMac();
        body.accept(mac);
        return MessageDigest.isEqual(mac.doFinal(), given);
    }

    /** The header value GitHub would send for this body; used by tests and the load generator. */
    public String sign(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac(body));
    }

    public static String sign(String secret, byte[] body) {
        return new WebhookSignature(secret.getBytes(StandardCharsets.UTF_8)).sign(body);
    }

    private byte[] mac(byte[] body) {
        return newMac().doFinal(body);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
