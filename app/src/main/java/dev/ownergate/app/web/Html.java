package dev.ownergate.app.web;

/** HTML text and attribute escaping, for the few pages not rendered from a jte template (the /setup flow). */
public final class Html {
    private Html() {}

    public static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
