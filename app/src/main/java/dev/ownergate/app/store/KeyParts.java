package dev.ownergate.app.store;

/** The repository and pull request a job key names ({@code owner/name#12}, {@code owner/name@branch}, ...). */
record KeyParts(String repo, int number) {
    static KeyParts of(String key) {
        int hash = key.indexOf('#');
        int at = key.indexOf('@');
        if (hash > 0 && (at < 0 || hash < at)) {
            try {
                return new KeyParts(key.substring(0, hash), Integer.parseInt(key.substring(hash + 1)));
            } catch (NumberFormatException e) {
                return new KeyParts(key.substring(0, hash), 0);
            }
        }
        return new KeyParts(at > 0 ? key.substring(0, at) : "", 0);
    }
}
