package dev.ownergate.app.web;

/** What every page's header shows: who is signed in, and the token the sign-out form carries. */
public record Header(String login, String csrf) {
    public static final Header NOBODY = new Header("", "");

    public boolean signedIn() {
        return !login.isEmpty();
    }
}
