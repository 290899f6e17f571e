package dev.journeyboard.server.net;

import dev.journeyboard.server.ServerConfig;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * Headers on every answer, page and API alike: a Content-Security-Policy that lets the page load only the app's
 * own scripts, styles, images and fonts and talk only to its own server (HTTP and WebSocket), may not be framed by
 * other sites (unless {@code JB_FRAME_ANCESTORS} names some), no MIME sniffing, no Referer (board links carry
 * their token in the fragment, but a page URL still names the board). Also the caching rule: the page itself
 * ({@code /}, {@code /b/{id}}, {@code index.html}) is revalidated on every load, so an upgrade reaches browsers at
 * once; only the content-hashed files under {@code /assets/} are cached for good.
 */
final class SecurityHeaders {
    /** A Host header as it may appear in a CSP source: host name or address and an optional port. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}\\](:[0-9]{1,5})?");
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final String fixedPart;
    private final String publicWs;
    private final boolean denyFraming;

    SecurityHeaders(ServerConfig config) {
        this.denyFraming = config.frameAncestors().isEmpty();
        String ancestors = denyFraming ? "'none'" : config.frameAncestors();
        // style-src-attr: the client sets a few style attributes (swatch colours, a hidden textarea); stylesheets
        // and <style> elements still come only from the app's own files
        this.fixedPart = "default-src 'none'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
                + "img-src 'self' data: blob:; font-src 'self' data:; manifest-src 'self'; base-uri 'none'; "
                + "form-action 'self'; object-src 'none'; frame-ancestors " + ancestors + "; connect-src 'self'";
        String ws = null;
        if (config.publicUrl() != null) {
            URI u = URI.create(config.publicUrl());
            if (u.getRawAuthority() != null) ws = ("https".equalsIgnoreCase(u.getScheme()) ? "wss://" : "ws://") + u.getRawAuthority();
        }
        this.publicWs = ws;
    }

    void handle(RoutingContext ctx) {
        HttpServerResponse r = ctx.response();
        var authority = ctx.request().authority(); // Host in HTTP/1.1, :authority in HTTP/2
        r.putHeader("content-security-policy", policy(authority == null ? null : authority.toString()));
        r.putHeader("x-content-type-options", "nosniff");
        r.putHeader("referrer-policy", "no-referrer");
        if (denyFraming) r.putHeader("x-frame-options", "DENY"); // for browsers without frame-ancestors
        String path = ctx.normalizedPath();
        if (path.startsWith("/assets/")) r.putHeader("cache-control", IMMUTABLE);
        else if (!path.startsWith("/api/") && !path.startsWith("/ws/")) r.putHeader("cache-control", "no-cache");
        ctx.next();
    }

    /** The policy with the WebSocket origin of this server: the public URL's, else the request's own host. */
    String policy(String host) {
        // 'self' covers ws: and wss: of the same host in current browsers (CSP 3); older ones need them named
        if (publicWs != null) return fixedPart + " " + publicWs;
        if (host == null || !HOST.matcher(host).matches()) return fixedPart;
        return fixedPart + " ws://" + host + " wss://" + host;
    }
}
