package io.kechuang.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.gateway.console.ConsoleSession;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console's backend-for-frontend rules at the gateway: sign-in with a CSRF-protected form, the session cookie's
 * flags, CSRF on every write, server-side sign-out and expiry, sessions ended by a password change or a disabled
 * account, pages read through the API with the person's own rights, and the API's problem shown next to its field.
 */
@QuarkusTest
class ConsoleTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** A signed-in browser: its session cookie and the CSRF token of its pages. */
    record Session(String cookieName, String cookie, String csrf) {
    }

    @Test
    void signInNeedsItsFormsTokenAndSetsAnHttpOnlyStrictCookie() {
        String username = Gateway.createUser("ENTERPRISE", "ENTERPRISE");
        Response form = given().get("/console/sign-in");
        form.then().statusCode(200).header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Cache-Control", "no-store");
        String token = csrf(form.asString());
        String loginCookie = form.getCookie("kc_login_csrf");
        assertNotNull(loginCookie);

        // Without the form's cookie (a cross-site post): refused, no session.
        given().contentType(ContentType.URLENC.withCharset("UTF-8")).header("X-Forwarded-For", Gateway.newAddress())
                .formParam("_csrf", token).formParam("username", username).formParam("password", Gateway.PASSWORD)
                .post("/console/sign-in").then().statusCode(403).header("Set-Cookie", not(containsString("kc_session=")));

        Response signedIn = given().redirects().follow(false).contentType(ContentType.URLENC.withCharset("UTF-8"))
                .header("X-Forwarded-For", Gateway.newAddress()).cookie("kc_login_csrf", loginCookie)
                .formParam("_csrf", token).formParam("username", username).formParam("password", Gateway.PASSWORD)
                .formParam("next", "/console/demands").post("/console/sign-in");
        signedIn.then().statusCode(303).header("Location", containsString("/console/demands"));
        String setCookie = signedIn.getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("kc_session=")).findFirst().orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertFalse(setCookie.contains("Secure"), "plain HTTP: " + setCookie);
        assertTrue(setCookie.contains("Path=/"), setCookie);
    }

    @Test
    void overTlsTheCookieIsSecureWithTheHostPrefix() {
        String username = Gateway.createUser("ENTERPRISE", "ENTERPRISE");
        Response form = given().header("X-Forwarded-Proto", "https").get("/console/sign-in");
        Response signedIn = given().redirects().follow(false).contentType(ContentType.URLENC.withCharset("UTF-8"))
                .header("X-Forwarded-For", Gateway.newAddress()).header("X-Forwarded-Proto", "https")
                .cookie("kc_login_csrf", form.getCookie("kc_login_csrf")).formParam("_csrf", csrf(form.asString()))
                .formParam("username", username).formParam("password", Gateway.PASSWORD).post("/console/sign-in");
        signedIn.then().statusCode(303);
        String setCookie = signedIn.getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("__Host-kc_session=")).findFirst().orElseThrow();
        assertTrue(setCookie.contains("Secure") && setCookie.contains("HttpOnly")
                && setCookie.contains("SameSite=Strict"), setCookie);
    }

    @Test
    void aWrongPasswordIsShownOnTheFormAndOpensNoSession() {
        String username = Gateway.createUser("ENTERPRISE", "ENTERPRISE");
        Response form = given().get("/console/sign-in");
        Response refused = given().contentType(ContentType.URLENC.withCharset("UTF-8")).header("X-Forwarded-For", Gateway.newAddress())
                .cookie("kc_login_csrf", form.getCookie("kc_login_csrf")).formParam("_csrf", csrf(form.asString()))
                .formParam("username", username).formParam("password", "wrong-password-123").post("/console/sign-in");
        refused.then().statusCode(400).body(containsString("id=\"sign-in-error\""))
                .header("Set-Cookie", not(containsString("kc_session=")));
    }

    @Test
    void pagesNeedASessionAndAnUnsafeNextIsIgnored() {
        given().redirects().follow(false).get("/console/demands").then().statusCode(303)
                .header("Location", containsString("/console/sign-in?next=%2Fconsole%2Fdemands"));
        given().redirects().follow(false).header("HX-Request", "true").get("/console/queue").then().statusCode(200)
                .header("HX-Redirect", containsString("/console/sign-in"));
        String username = Gateway.createUser("ENTERPRISE", "ENTERPRISE");
        Response form = given().get("/console/sign-in");
        given().redirects().follow(false).contentType(ContentType.URLENC.withCharset("UTF-8")).header("X-Forwarded-For", Gateway.newAddress())
                .cookie("kc_login_csrf", form.getCookie("kc_login_csrf")).formParam("_csrf", csrf(form.asString()))
                .formParam("username", username).formParam("password", Gateway.PASSWORD)
                .formParam("next", "https://evil.example/console").post("/console/sign-in").then().statusCode(303)
                .header("Location", not(containsString("evil")));
    }

    @Test
    void adminPagesReadThroughTheApiWithThePersonsOwnRights() {
        String org = Gateway.createOrganisation("ENTERPRISE");
        String name = Gateway.as(Gateway.adminToken()).get("/api/admin/organisations/" + org).then().extract()
                .path("name");
        Session admin = signIn("admin", Gateway.ADMIN_PASSWORD);
        page(admin, "/console/admin/organisations?page=0").then().statusCode(200).body(containsString("organisations"));
        page(admin, "/console/admin/users?organisationId=" + org).then().statusCode(200)
                .body(containsString("id=\"organisation-name\">" + name));
        page(admin, "/console/admin/keys").then().statusCode(200).body(containsString("\"keys\""));

        Session enterprise = signIn(Gateway.createUser("ENTERPRISE", "ENTERPRISE"), Gateway.PASSWORD);
        page(enterprise, "/console/admin/organisations").then().statusCode(403).body(not(containsString(name)));
        page(enterprise, "/console/admin/users").then().statusCode(403);
    }

    @Test
    void writesNeedTheSessionsCsrfTokenAndRelayTheApisProblemToTheField() {
        Session admin = signIn("admin", Gateway.ADMIN_PASSWORD);
        String name = "控制台机构 " + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> org = Map.of("_method", "POST", "_path", "/api/admin/organisations", "_form", "org",
                "_back", "/console/admin/users?organisationId={id}", "name", name, "type", "ENTERPRISE");

        given().redirects().follow(false).cookie(admin.cookieName(), admin.cookie()).contentType(ContentType.URLENC.withCharset("UTF-8"))
                .formParams(org).post("/console/action").then().statusCode(403);
        given().redirects().follow(false).cookie(admin.cookieName(), admin.cookie()).contentType(ContentType.URLENC.withCharset("UTF-8"))
                .formParams(org).formParam("_csrf", "forged").post("/console/action").then().statusCode(403);
        assertFalse(organisationNames().contains(name), "nothing was written");

        String location = given().redirects().follow(false).cookie(admin.cookieName(), admin.cookie())
                .contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(org).formParam("_csrf", admin.csrf())
                .post("/console/action").then().statusCode(303).extract().header("Location");
        Matcher created = Pattern.compile("/console/admin/users\\?organisationId=([0-9a-f-]{36})&done=org")
                .matcher(location);
        assertTrue(created.find(), location);
        Gateway.as(Gateway.adminToken()).get("/api/admin/organisations/" + created.group(1)).then().statusCode(200)
                .body(containsString(name));

        // The API's 400 names the field: htmx gets the summary plus the message swapped in next to the field.
        Map<String, String> user = Map.of("_method", "POST", "_path", "/api/admin/users", "_form", "user",
                "_back", "/console/admin/users", "username", "console-" + UUID.randomUUID().toString().substring(0, 8),
                "password", "short", "organisationId", Gateway.createOrganisation("ENTERPRISE"),
                "roles:array", "ENTERPRISE", "_csrf", admin.csrf());
        given().cookie(admin.cookieName(), admin.cookie()).header("HX-Request", "true").contentType(ContentType.URLENC.withCharset("UTF-8"))
                .formParams(user).post("/console/action").then().statusCode(200)
                .header("HX-Retarget", "#errors-user")
                .body(containsString("role=\"alert\""), containsString("id=\"err-user-password\""),
                        containsString("hx-swap-oob=\"true\""));

        // Only API calls: nothing else is relayed.
        given().cookie(admin.cookieName(), admin.cookie()).contentType(ContentType.URLENC.withCharset("UTF-8"))
                .formParams(Map.of("_method", "POST", "_path", "/q/metrics", "_csrf", admin.csrf()))
                .post("/console/action").then().statusCode(400);
        given().cookie(admin.cookieName(), admin.cookie()).contentType(ContentType.URLENC.withCharset("UTF-8"))
                .formParams(Map.of("_method", "POST", "_path", "/api/admin/../../q/health", "_csrf", admin.csrf()))
                .post("/console/action").then().statusCode(400);
    }

    @Test
    void signOutEndsTheSessionOnTheServer() {
        Session session = signIn(Gateway.createUser("ENTERPRISE", "ENTERPRISE"), Gateway.PASSWORD);
        page(session, "/console/password").then().statusCode(200);
        given().redirects().follow(false).cookie(session.cookieName(), session.cookie()).contentType(ContentType.URLENC.withCharset("UTF-8"))
                .formParam("_csrf", session.csrf()).post("/console/sign-out").then().statusCode(303)
                .header("Set-Cookie", containsString("Max-Age=0"));
        page(session, "/console/password").then().statusCode(303).header("Location", containsString("sign-in"));
    }

    @Test
    void aPasswordChangeOrADisabledAccountEndsEverySession() {
        String username = Gateway.createUser("ENTERPRISE", "ENTERPRISE");
        Session first = signIn(username, Gateway.PASSWORD);
        Session second = signIn(username, Gateway.PASSWORD);
        String token = Gateway.token(username, Gateway.PASSWORD);
        Gateway.as(token).body(Map.of("currentPassword", Gateway.PASSWORD, "newPassword", "a-new-password-4242"))
                .put("/auth/password").then().statusCode(204);
        page(first, "/console/password").then().statusCode(303);
        page(second, "/console/password").then().statusCode(303);

        String other = Gateway.createUser("ENTERPRISE", "ENTERPRISE");
        Session session = signIn(other, Gateway.PASSWORD);
        String id = findUserId(other);
        Gateway.as(Gateway.adminToken()).body(Map.of("enabled", false)).put("/api/admin/users/" + id + "/enabled")
                .then().statusCode(200);
        page(session, "/console/password").then().statusCode(303);
    }

    @Test
    void anIdleSessionEnds() {
        Session session = signIn(Gateway.createUser("ENTERPRISE", "ENTERPRISE"), Gateway.PASSWORD);
        page(session, "/console/password").then().statusCode(200);
        String hash = sha256(session.cookie());
        QuarkusTransaction.requiringNew().run(() -> {
            ConsoleSession row = ConsoleSession.findById(hash);
            row.lastSeenAt = OffsetDateTime.now().minusMinutes(31);
        });
        page(session, "/console/password").then().statusCode(303);
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> ConsoleSession.count("idHash", hash)),
                "the expired row is gone");
    }

    @Test
    void theLanguageFollowsTheChoiceThenTheBrowser() {
        given().header("Accept-Language", "en-GB,en;q=0.8").get("/console/sign-in").then()
                .body(containsString("<html lang=\"en\">"), containsString("Sign in"));
        given().get("/console/sign-in").then().body(containsString("<html lang=\"zh-CN\">"), containsString("登录"));
        Response chosen = given().header("Accept-Language", "en").get("/console/sign-in?lang=zh");
        chosen.then().body(containsString("登录"));
        assertTrue(chosen.getHeaders().getValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("kc_lang=zh")),
                "the choice is remembered");
    }

    // ------------------------------------------------------------------ helpers

    static Session signIn(String username, String password) {
        Response form = given().get("/console/sign-in");
        Response signedIn = given().redirects().follow(false).contentType(ContentType.URLENC.withCharset("UTF-8"))
                .header("X-Forwarded-For", Gateway.newAddress()).cookie("kc_login_csrf", form.getCookie("kc_login_csrf"))
                .formParam("_csrf", csrf(form.asString())).formParam("username", username)
                .formParam("password", password).post("/console/sign-in");
        signedIn.then().statusCode(303);
        String cookie = signedIn.getCookie("kc_session");
        String csrf = csrf(given().cookie("kc_session", cookie).get("/console/password").then().statusCode(200)
                .extract().asString());
        return new Session("kc_session", cookie, csrf);
    }

    static Response page(Session session, String path) {
        return given().redirects().follow(false).cookie(session.cookieName(), session.cookie()).get(path);
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertTrue(m.find(), "the page carries a CSRF token");
        return m.group(1);
    }

    private static List<String> organisationNames() {
        List<String> names = new java.util.ArrayList<>();
        for (int page = 0; page < 100; page++) {
            List<String> items = Gateway.as(Gateway.adminToken()).get("/api/admin/organisations?size=100&page=" + page)
                    .then().extract().jsonPath().getList("items.name", String.class);
            names.addAll(items);
            if (items.size() < 100) {
                break;
            }
        }
        return names;
    }

    private static String findUserId(String username) {
        for (int page = 0; page < 50; page++) {
            List<Map<String, Object>> items = Gateway.as(Gateway.adminToken())
                    .get("/api/admin/users?size=100&page=" + page).then().extract().jsonPath().getList("items");
            for (Map<String, Object> item : items) {
                if (username.equals(item.get("username"))) {
                    return (String) item.get("id");
                }
            }
            if (items.size() < 100) {
                break;
            }
        }
        throw new AssertionError("no user " + username);
    }

    private static String sha256(String value) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
