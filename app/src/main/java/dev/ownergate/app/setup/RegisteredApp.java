package dev.ownergate.app.setup;

/**
 * A GitHub App just created from the manifest: what {@code POST /app-manifests/{code}/conversions} answers.
 * {@link #toString()} leaves out the key and the secrets so it can be logged.
 */
public record RegisteredApp(long id, String slug, String name, String htmlUrl, String owner, String pem,
                            String webhookSecret, String clientId, String clientSecret) {
    @Override
    public String toString() {
        return "RegisteredApp[id=" + id + ", slug=" + slug + ", owner=" + owner + ", clientId=" + clientId
                + ", pem=(set), webhookSecret=(set), clientSecret=(set)]";
    }
}
