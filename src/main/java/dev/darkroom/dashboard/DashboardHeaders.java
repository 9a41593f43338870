package dev.darkroom.dashboard;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The dashboard's files (static resources under {@code /dashboard}) run with a strict Content-Security-Policy:
 * scripts, styles and calls from this server only, images from it or from the blob: URLs the page makes of the
 * images it fetched with its token. Nothing can be loaded from elsewhere, no inline script runs, no other site may
 * frame the page, so an error message or a case id that holds markup can do no more than be read.
 */
@ServerFilter({"/dashboard", "/dashboard/**"})
@Requires(property = "darkroom.roles.status", notEquals = "false")
public class DashboardHeaders {

    static final String POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' blob:",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'");

    @ResponseFilter
    public void secure(MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                // The page is small and changes with the jar: a browser asks again each time, a 304 is cheap.
                .header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }
}
