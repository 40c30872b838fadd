package io.kechuang.gateway.openapi;

import java.util.List;

/** The prose of the merged API document: how to get a token, what errors look like, and what is missing. */
final class Descriptions {

    private Descriptions() {
    }

    /** One part of the platform: what it is called, what it owns, and the paths it serves. */
    record Service(String title, String description, List<String> paths) {
    }

    static String platform(List<String> missing, List<Service> services) {
        StringBuilder text = new StringBuilder("""
                The whole Kechuang platform through one gateway: achievements (科技成果), demands (技术需求), \
                match suggestions and search, plus sign-in and administration. Every call below goes to the gateway, \
                which checks your token and rate limit and passes the call to the service that owns it.

                ## Getting a token
                People sign in with the OAuth2 password grant:

                    curl -s -X POST "$GATEWAY/auth/token" -d grant_type=password -d username=li.ttc@scu -d password='...'

                Partner portals and other programs use client credentials (HTTP Basic or form fields):

                    curl -s -X POST "$GATEWAY/auth/token" -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials

                The answer's `access_token` is an RS256 JWT that expires after `expires_in` seconds (15 minutes). Send it \
                as `Authorization: Bearer <token>`. There are no refresh tokens: sign in again, or ask for a new client \
                credentials token, when it runs out. In Swagger UI, press Authorize and use the oauth2 scheme.

                ## Errors and limits
                Errors are RFC 9457 `application/problem+json`; validation errors list every field. 401: no token or \
                an invalid one. 403: your role may not do this. 404: unknown, or not yours to see. 413: body too \
                large. 429: too many requests (or failed sign-ins): wait `Retry-After` seconds. 503: the service \
                behind the path is down; 504: it did not answer in time. Every response carries `X-Request-Id`; quote \
                it when reporting a problem.
                """);
        if (!services.isEmpty()) {
            text.append("\n## Services\nEach path belongs to one service, which owns its data:\n");
            services.forEach(s -> text.append("- **").append(s.title()).append("** (`")
                    .append(String.join("`, `", s.paths())).append("`)")
                    .append(s.description().isBlank() ? "" : ": " + s.description()).append('\n'));
        }
        if (!missing.isEmpty()) {
            text.append("\n## Missing from this document\nThese services could not be reached when it was built, so "
                    + "their operations are not listed:\n");
            missing.forEach(m -> text.append("- ").append(m).append('\n'));
        }
        return text.toString();
    }
}
