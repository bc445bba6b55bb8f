package dev.ownergate.app.setup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * The App's manifest: deploy/github-app/manifest.json (packaged into the jar, one source for the permissions
 * and events), with this server's addresses filled in.
 */
public final class AppManifest {
    static final String RESOURCE = "/dev/ownergate/app/setup/manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AppManifest() {}

    /** The manifest for an App whose webhooks and manifest-flow redirect go to {@code publicUrl}. */
    public static String forServer(URI publicUrl, String name) {
        ObjectNode manifest = template();
        if (name != null && !name.isBlank()) {
            manifest.put("name", name.strip());
        }
        ((ObjectNode) manifest.get("hook_attributes")).put("url", publicUrl + "/webhook");
        manifest.put("redirect_url", publicUrl + "/setup/callback");
        return manifest.toString();
    }

    static ObjectNode template() {
        try (InputStream in = AppManifest.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path (packaged from deploy/github-app)");
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
