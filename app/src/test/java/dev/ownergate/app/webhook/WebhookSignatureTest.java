package dev.ownergate.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    // The example from GitHub's docs ("Validating webhook deliveries: testing the webhook payload validation").
    static final String SECRET = "It's a Secret to Everybody";
    static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    static final String EXPECTED = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    final WebhookSignature signature = new WebhookSignature(SECRET.getBytes(StandardCharsets.UTF_8));

    @Test
    void matchesGitHubsDocumentedExample() {
        assertThat(signature.sign(BODY)).isEqualTo(EXPECTED);
        assertThat(signature.verify(BODY, EXPECTED)).isTrue();
    }

    @Test
    void rejectsMissingMalformedOrWrongSignatures() {
        assertThat(signature.verify(BODY, null)).isFalse();
        assertThat(signature.verify(BODY, "")).isFalse();
        assertThat(signature.verify(BODY, EXPECTED.substring(7))).as("no sha256= prefix").isFalse();
        assertThat(signature.verify(BODY, "sha1=757107ea")).isFalse();
        assertThat(signature.verify(BODY, "sha256=zz")).isFalse();
        assertThat(signature.verify(BODY, EXPECTED.substring(0, EXPECTED.length() - 2))).isFalse();
        assertThat(signature.verify("Hello, World?".getBytes(StandardCharsets.UTF_8), EXPECTED)).isFalse();
    }
}
