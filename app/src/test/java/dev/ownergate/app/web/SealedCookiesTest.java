package dev.ownergate.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SealedCookiesTest {
    static final byte[] SECRET = "a-session-secret-of-at-least-32-characters".getBytes(StandardCharsets.UTF_8);
    static final Clock NOW = Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC);

    final SealedCookies cookies = new SealedCookies(SECRET, NOW);

    @Test
    void aSealedValueOpensWithTheSameSecretOnAnotherReplica() {
        String value = cookies.seal("s", SealedCookies.fields().put("login", "viv"), Duration.ofHours(1));

        assertThat(new SealedCookies(SECRET, NOW).open("s", value)).hasValueSatisfying(
                f -> assertThat(f.path("login").asText()).isEqualTo("viv"));
        assertThat(value).doesNotContain("viv");
    }

    @Test
    void aValueSealedUnderAnotherSecretDoesNotOpen() {
        String value = new SealedCookies(SealedCookies.randomSecret(), NOW)
                .seal("s", SealedCookies.fields().put("login", "viv"), Duration.ofHours(1));

        assertThat(cookies.open("s", value)).isEmpty();
    }

    @Test
    void anyChangedByteIsRejected() {
        String value = cookies.seal("s", SealedCookies.fields().put("login", "viv"), Duration.ofHours(1));
        byte[] raw = Base64.getUrlDecoder().decode(value);
        for (int i = 0; i < raw.length; i++) {
            byte[] changed = raw.clone();
            changed[i] ^= 1;
            assertThat(cookies.open("s", Base64.getUrlEncoder().withoutPadding().encodeToString(changed)))
                    .as("byte %d flipped", i).isEmpty();
        }
    }

    @Test
    void aValueIsBoundToItsCookieName() {
        String value = cookies.seal("ownergate_sign_in", SealedCookies.fields().put("state", "x"), Duration.ofHours(1));

        assertThat(cookies.open("ownergate_session", value)).isEmpty();
    }

    @Test
    void anExpiredValueDoesNotOpen() {
        String value = cookies.seal("s", SealedCookies.fields().put("login", "viv"), Duration.ofMinutes(10));

        assertThat(new SealedCookies(SECRET, Clock.offset(NOW, Duration.ofMinutes(11))).open("s", value)).isEmpty();
        assertThat(new SealedCookies(SECRET, Clock.offset(NOW, Duration.ofMinutes(9))).open("s", value)).isPresent();
    }

    @Test
    void garbageIsNoSession() {
        assertThat(cookies.open("s", null)).isEmpty();
        assertThat(cookies.open("s", "")).isEmpty();
        assertThat(cookies.open("s", "not base64 at all!")).isEmpty();
        assertThat(cookies.open("s", "AAAA")).isEmpty();
    }
}
