package dev.ownergate.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ownergate.app.webhook.WebhookSignature;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Request handling up to the signature check, on anyone's bytes: the body reader and the signature check never
 * throw on bad input, never hold more than the body plus one chunk, and only the right HMAC passes. Regression
 * mode in the normal build (seeds in {@code RequestBodiesFuzzTestInputs}); {@code JAZZER_FUZZ=1} fuzzes.
 */
class RequestBodiesFuzzTest {
    private static final WebhookSignature SIGNATURE =
            new WebhookSignature("fuzzing-secret-long-enough".getBytes(StandardCharsets.UTF_8));

    @FuzzTest(maxDuration = "60s")
    void unsignedBodiesAreReadWithinTheirLimitsAndNeverPassTheSignatureCheck(FuzzedDataProvider data)
            throws IOException {
        long declared = data.consumeLong(-2, RequestBodies.MAX_BODY + 2);
        String header = data.consumeString(100);
        boolean signIt = data.consumeBoolean();
        byte[] body = data.consumeRemainingAsBytes();
        // Small limits, so the fuzzer reaches the large-body paths with small inputs.
        RequestBodies bodies = new RequestBodies(1, 2 * RequestBodies.CHUNK);

        RequestBodies.Outcome outcome = bodies.read(new ByteArrayInputStream(body), declared);

        assertThat(bodies.inUse()).isZero(); // every byte of budget is given back
        switch (outcome) {
            case RequestBodies.Refused refused -> assertThat(refused.status()).isIn(413, 503);
            case RequestBodies.Body read -> {
                assertThat(read.bytes()).isEqualTo(body);
                assertThat(read.chunks()).hasSizeLessThanOrEqualTo(body.length / RequestBodies.CHUNK + 1);
                String given = signIt ? SIGNATURE.sign(body) : header;
                boolean valid = SIGNATURE.verify(read::update, given);
                assertThat(valid).isEqualTo(SIGNATURE.verify(body, given));
                if (signIt) {
                    assertThat(valid).isTrue();
                } else if (!header.equals(SIGNATURE.sign(body))) {
                    assertThat(valid).isFalse();
                }
            }
        }
    }
}
