package dev.ownergate.app.access;

/** Who is asking: a person signed in with GitHub, or a caller holding the API's admin token. */
public sealed interface Viewer {

    /** A name for logs and pages; never the token. */
    String name();

    /**
     * A person signed in through the App's OAuth client.
     *
     * @param token their user-to-server token: repository access is checked with it, as GitHub would answer them
     */
    record User(String login, String token) implements Viewer {
        @Override
        public String name() {
            return login;
        }

        @Override
        public String toString() {
            return "User[" + login + "]"; // the token stays out of logs
        }
    }

    /** A caller of the API with {@code Authorization: Bearer} and {@code OWNERGATE_ADMIN_TOKEN}. */
    record AdminToken() implements Viewer {
        @Override
        public String name() {
            return "admin-token";
        }
    }
}
