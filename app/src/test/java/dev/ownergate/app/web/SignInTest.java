package dev.ownergate.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignInTest {

    @Test
    void afterSignInTheBrowserGoesOnlyToAPathOnThisServer() {
        assertThat(SignIn.safeNext("/pulls/acme/app/3?x=1")).isEqualTo("/pulls/acme/app/3?x=1");
        assertThat(SignIn.safeNext("/admin")).isEqualTo("/admin");
    }

    @Test
    void anythingElseGoesHome() {
        assertThat(SignIn.safeNext(null)).isEqualTo("/");
        assertThat(SignIn.safeNext("https://evil.example")).isEqualTo("/");
        assertThat(SignIn.safeNext("//evil.example/x")).isEqualTo("/");
        assertThat(SignIn.safeNext("/\\evil.example")).isEqualTo("/");
        assertThat(SignIn.safeNext("/a\r\nSet-Cookie: x=y")).isEqualTo("/");
        assertThat(SignIn.safeNext("admin")).isEqualTo("/");
    }
}
