package io.kechuang.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kechuang.local.DemoUser;
import io.kechuang.local.RunningPlatform;
import io.kechuang.reliability.HarnessPlatform;
import io.kechuang.reliability.PlatformExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's journeys in a real Chromium against the whole platform (the module's one boot): an enterprise posts
 * and opens a demand and sees its suggestions; a broker claims one, requests access, the enterprise grants it, the
 * broker introduces the parties, schedules a meeting and records a contract; the enterprise sees the contact and
 * the FULFILLED demand; an admin registers an organisation and a user, who signs in. Every page is checked with
 * axe-core (no serious or critical violation), and the security rules are checked in the browser: another
 * organisation's user cannot reach a record, the session cookie is HttpOnly and SameSite=Strict and unreadable by
 * JavaScript, a write without the CSRF token is refused, and sign-out ends the session on the server.
 */
@Order(150)
@ExtendWith({PlatformExtension.class, BrowserExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleJourneysTest {

    private static final Duration SUGGESTIONS = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static RunningPlatform platform;
    private static String console;
    private static Browser enterprise;
    private static Browser broker;
    private static Browser admin;
    private static String demandId;
    private static String matchId;
    private static String newUsername;

    @BeforeAll
    static void start(HarnessPlatform shared, Browser browser) {
        platform = shared.platform();
        console = platform.gatewayUrl().toString().replaceAll("/$", "") + "/console";
        enterprise = browser;
    }

    @AfterAll
    static void close() {
        for (Browser b : new Browser[] {broker, admin}) {
            if (b != null) {
                b.close();
            }
        }
    }

    @Test
    @Order(1)
    void anEnterprisePostsAndOpensADemandAndSeesItsSuggestions() throws Exception {
        assertTrue(platform.summary().contains(":" + platform.gatewayUrl().getPort() + "/console"),
                "the launcher prints the console's URL");
        enterprise.open(console + "/sign-in");
        enterprise.axe("sign-in");
        signIn(enterprise, DemoUser.ENTERPRISE.subject(), DemoUser.DEMO_PASSWORD);
        enterprise.waitFor(By.id("new-demand"));
        enterprise.axe("my-demands");

        JsonNode achievement = publishedAchievement();
        enterprise.click(By.id("new-demand"));
        enterprise.type(By.id("d-title"), "寻求合作：" + achievement.path("title").asText());
        enterprise.type(By.id("d-problemStatement"), achievement.path("summary").asText());
        enterprise.type(By.id("d-confidentialDetails"), "内部测试线数据可在签署保密协议后提供");
        enterprise.type(By.id("d-contact-person"), "刘工（研发中心）");
        enterprise.type(By.id("d-contact-phone"), "028-86000000");
        enterprise.type(By.id("d-keywords"), String.join(", ", texts(achievement.path("keywords"))));
        new Select(enterprise.waitFor(By.id("d-technicalField"))).selectByValue(
                achievement.path("technicalField").asText("OTHER"));
        enterprise.type(By.id("d-budget-min"), "300000");
        enterprise.type(By.id("d-budget-max"), "2000000");
        new Select(enterprise.waitFor(By.id("d-budget-currency"))).selectByValue("CNY");
        setValue(enterprise, By.id("d-deadline"), LocalDate.now().plusMonths(6).toString());
        for (WebElement mode : enterprise.driver().findElements(By.name("cooperationModes:array"))) {
            mode.click();
        }
        enterprise.type(By.id("d-region"), "510100");
        enterprise.axe("demand-form");
        enterprise.screenshot("enterprise-demand-form");
        enterprise.click(By.id("save-demand"));

        enterprise.waitForText(By.id("listing-status"), "草稿");
        demandId = lastSegment(enterprise.driver().getCurrentUrl());
        enterprise.click(By.id("open"));
        enterprise.waitForText(By.id("listing-status"), "已发布");

        WebElement first = refreshUntil(enterprise, By.cssSelector("#suggestions li h3 a"), SUGGESTIONS);
        matchId = lastSegment(first.getAttribute("href"));
        assertTrue(enterprise.driver().findElement(By.id("suggestions")).getText().contains("得分"),
                "each suggestion shows its score and explanation");
        enterprise.axe("demand-with-suggestions");
        enterprise.open(console + "/demands/imports");
        enterprise.waitFor(By.id("upload"));
        enterprise.axe("imports");
        enterprise.open(console + "/password");
        enterprise.waitFor(By.id("change-password"));
        enterprise.axe("password");
        enterprise.open(console + "/demands/" + demandId);
        scrollTo(enterprise, By.id("h-suggestions"));
        enterprise.screenshot("enterprise-suggestions");
    }

    @Test
    @Order(2)
    void aBrokerCarriesTheMatchFromClaimToContractWithTheEnterprisesConsent() {
        assertNotNull(matchId, "the first journey found a suggestion");
        broker = Browser.start();
        broker.open(console + "/sign-in");
        signIn(broker, DemoUser.BROKER.subject(), DemoUser.DEMO_PASSWORD);
        broker.waitFor(By.id("match-list"));
        broker.axe("queue");
        broker.screenshot("broker-queue");

        broker.open(console + "/matches/" + matchId);
        broker.click(By.id("claim"));
        broker.waitFor(By.id("request-access-demand"));
        broker.click(By.id("request-access-demand"));
        broker.waitFor(By.cssSelector("p.notice"));

        // The enterprise grants the broker's request on its demand's page.
        enterprise.open(console + "/demands/" + demandId);
        WebElement grant = enterprise.waitFor(By.cssSelector("#access-requests button.primary"));
        grant.click();
        enterprise.waitForText(By.id("access-requests"), "已同意");

        broker.open(console + "/matches/" + matchId);
        assertTrue(broker.waitFor(By.id("demand-confidential")).getText().contains("保密协议"),
                "the granted broker reads the confidential details");
        assertTrue(broker.driver().findElements(By.cssSelector(".side-by-side mark")).size() > 0,
                "shared terms are marked in both texts");
        broker.axe("match");
        broker.screenshot("broker-match");

        broker.click(By.id("introduce"));
        broker.waitForText(By.id("match-status"), "已引荐");
        setValue(broker, By.id("meeting-at"), LocalDate.now().plusDays(7) + "T14:00");
        broker.type(By.id("meeting-place"), "成都市高新区天府软件园E3-5会议室");
        broker.type(By.id("meeting-participants"), "刘工\n王教授");
        broker.click(By.id("schedule-meeting"));
        broker.waitForText(By.id("match-status"), "已约会议");
        broker.click(By.id("negotiate"));
        broker.waitForText(By.id("match-status"), "洽谈中");
        broker.type(By.id("contract-amount"), "1200000");
        new Select(broker.waitFor(By.id("contract-cooperationMode"))).selectByValue("TRANSFER");
        setValue(broker, By.id("contract-signedOn"), LocalDate.now().toString());
        broker.axe("match-negotiating");
        broker.click(By.id("record-contract"));
        broker.waitForText(By.id("match-status"), "已签约");
        assertTrue(broker.waitFor(By.id("contract")).getText().contains("1200000"));
        assertTrue(broker.driver().findElements(By.id("claim")).isEmpty(), "no button the workflow does not allow");

        broker.open(console + "/stats");
        broker.until(d -> !d.findElements(By.cssSelector("[data-chart-key='funnel'] svg")).isEmpty());
        assertTrue(broker.driver().findElement(By.tagName("main")).getText().contains("已签约"),
                "the funnel counts the contract");
        broker.axe("stats");
        broker.screenshot("broker-stats");
        broker.open(console + "/search?q=" + java.net.URLEncoder.encode("锅炉", StandardCharsets.UTF_8));
        broker.waitFor(By.id("results"));
        broker.axe("search");
    }

    @Test
    @Order(3)
    void theEnterpriseSeesTheContactAndTheFulfilledDemand() {
        enterprise.open(console + "/matches/" + matchId);
        assertFalse(enterprise.waitFor(By.id("achievement-contact")).getText().isBlank(),
                "introduced: the achievement's contact is shown to the enterprise");
        enterprise.axe("enterprise-match");
        enterprise.open(console + "/demands/" + demandId);
        refreshUntilText(enterprise, By.id("listing-status"), "已解决", Duration.ofSeconds(60));
        enterprise.screenshot("enterprise-fulfilled");
    }

    @Test
    @Order(4)
    void anAdminRegistersAnOrganisationAndAUserWhoThenSignsIn() {
        admin = Browser.start("en");
        admin.open(console + "/sign-in");
        signIn(admin, "admin", platform.adminPassword());
        admin.waitFor(By.id("organisations"));
        admin.axe("admin-organisations");
        String name = "Console test enterprise " + UUID.randomUUID().toString().substring(0, 6);
        admin.click(By.id("open-new-organisation"));
        admin.type(By.id("org-name"), name);
        new Select(admin.waitFor(By.id("org-type"))).selectByValue("ENTERPRISE");
        admin.type(By.id("org-regionCode"), "510100");
        admin.click(By.id("create-organisation"));
        // Registered: the console goes on to the organisation's users, with the organisation chosen.
        admin.waitForText(By.id("organisation-name"), name);
        newUsername = "console-" + UUID.randomUUID().toString().substring(0, 8);
        admin.type(By.id("user-username"), newUsername);
        admin.type(By.id("user-displayName"), "Console tester");
        admin.type(By.id("user-password"), "too-short");
        assertEquals(name + " (Enterprise)",
                new Select(admin.waitFor(By.id("user-organisationId"))).getFirstSelectedOption().getText().trim());
        admin.driver().findElement(By.cssSelector("input[name='roles:array'][value='ENTERPRISE']")).click();
        admin.click(By.id("create-user"));
        // The API's problem shows next to the field it names.
        admin.until(d -> !d.findElement(By.id("err-user-password")).getText().isBlank());
        assertEquals("true", admin.driver().findElement(By.id("user-password")).getAttribute("aria-invalid"));
        admin.axe("admin-users-error");
        admin.screenshot("admin-field-error");
        admin.driver().findElement(By.id("user-password")).clear();
        admin.type(By.id("user-password"), "console-test-password-42");
        admin.click(By.id("create-user"));
        admin.waitForText(By.id("users"), newUsername);

        try (Browser newcomer = Browser.start()) {
            newcomer.open(console + "/sign-in");
            signIn(newcomer, newUsername, "console-test-password-42");
            newcomer.waitFor(By.id("new-demand"));
        }
    }

    @Test
    @Order(5)
    void anotherOrganisationsUserCannotReachTheRecordsThroughTheConsole() throws Exception {
        assertNotNull(newUsername);
        String draft = createDraftDemandAsTheDemoEnterprise();
        try (Browser other = Browser.start()) {
            other.open(console + "/sign-in");
            signIn(other, newUsername, "console-test-password-42");
            other.waitFor(By.id("new-demand"));
            other.open(console + "/demands/" + draft);
            other.waitForText(By.tagName("h1"), "未找到");
            other.open(console + "/demands/" + demandId);
            other.waitForText(By.tagName("h1"), "未找到");
            // An open demand of another enterprise: its public part only.
            JsonNode open = api("GET", "/api/demands?status=OPEN&size=1", null, DemoUser.ADMIN).path("items").get(0);
            JsonNode full = api("GET", "/api/demands/" + open.path("id").asText(), null, DemoUser.ADMIN);
            assertTrue(full.has("contact"), "the admin sees the contact the others must not");
            other.open(console + "/demands/" + open.path("id").asText());
            other.waitFor(By.id("listing-status"));
            assertTrue(other.driver().findElements(By.id("demand-confidential")).isEmpty());
            assertTrue(other.driver().findElements(By.id("suggestions")).isEmpty(), "no owner's sections");
            assertTrue(other.driver().findElements(By.id("contact")).isEmpty(), "no contact");
            assertFalse(other.driver().getPageSource().contains(full.path("contact").path("person").asText("\u0000")));
            other.open(console + "/matches/" + matchId);
            other.until(d -> d.findElement(By.tagName("h1")).getText().matches("未找到|无权访问"));
        }
    }

    @Test
    @Order(6)
    void theSessionCookieIsHttpOnlyStrictAndUnreadableAndWritesNeedTheCsrfToken() throws Exception {
        enterprise.open(console + "/demands");
        Cookie session = enterprise.driver().manage().getCookieNamed("kc_session");
        assertNotNull(session, "signed in through a session cookie");
        assertTrue(session.isHttpOnly());
        assertEquals("Strict", session.getSameSite());
        assertFalse(session.isSecure(), "plain HTTP here; Secure only over TLS");
        Object visible = ((JavascriptExecutor) enterprise.driver()).executeScript("return document.cookie");
        assertFalse(String.valueOf(visible).contains(session.getValue()), "no session or token reaches JavaScript");
        String page = enterprise.driver().getPageSource();
        assertFalse(page.contains("eyJ"), "no bearer token in the page");

        String cookie = "kc_session=" + session.getValue();
        HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(URI.create(console + "/action"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_method=POST&_path=/api/demands/" + demandId + "/close"
                        + "&reason=OTHER&comment=forged")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, forged.statusCode(), "a write without the CSRF token is refused");
        HttpResponse<String> wrong = HTTP.send(HttpRequest.newBuilder(URI.create(console + "/action"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=not-the-token&_method=POST&_path=/api/demands/"
                        + demandId + "/close&reason=OTHER&comment=forged")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, wrong.statusCode(), "a wrong CSRF token is refused");

        enterprise.open(console + "/demands/" + demandId);
        assertEquals("已解决", enterprise.waitFor(By.id("listing-status")).getText(), "nothing changed");

        enterprise.click(By.id("sign-out"));
        enterprise.waitFor(By.id("sign-in"));
        HttpResponse<String> after = HTTP.send(HttpRequest.newBuilder(URI.create(console + "/demands"))
                .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, after.statusCode(), "sign-out ended the session on the server");
        assertTrue(after.headers().firstValue("Location").orElse("").contains("/console/sign-in"));
    }

    // ------------------------------------------------------------------ helpers

    private static void signIn(Browser browser, String username, String password) {
        browser.type(By.id("username"), username);
        browser.type(By.id("password"), password);
        browser.click(By.id("sign-in"));
        browser.until(d -> !d.getCurrentUrl().contains("/sign-in"));
    }

    private static void scrollTo(Browser browser, By by) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView(true);",
                browser.waitFor(by));
    }

    private static void setValue(Browser browser, By by, String value) {
        WebElement element = browser.waitFor(by);
        ((JavascriptExecutor) browser.driver()).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));", element, value);
    }

    private static WebElement refreshUntil(Browser browser, By by, Duration limit) {
        return new WebDriverWait(browser.driver(), limit, Duration.ofSeconds(2)).until(d -> {
            List<WebElement> found = d.findElements(by);
            if (found.isEmpty()) {
                d.navigate().refresh();
                return null;
            }
            return found.get(0);
        });
    }

    private static void refreshUntilText(Browser browser, By by, String text, Duration limit) {
        new WebDriverWait(browser.driver(), limit, Duration.ofSeconds(2)).until((WebDriver d) -> {
            List<WebElement> found = d.findElements(by);
            if (!found.isEmpty() && found.get(0).getText().contains(text)) {
                return true;
            }
            d.navigate().refresh();
            return false;
        });
    }

    private static String lastSegment(String url) {
        String path = URI.create(url).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static List<String> texts(JsonNode array) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out.isEmpty() ? List.of("技术") : out;
    }

    private static JsonNode publishedAchievement() throws Exception {
        JsonNode page = api("GET", "/api/achievements?status=PUBLISHED&size=5", null, DemoUser.UNIVERSITY);
        JsonNode first = page.path("items").get(0);
        assertNotNull(first, "the demo data has published achievements");
        return api("GET", "/api/achievements/" + first.path("id").asText(), null, DemoUser.UNIVERSITY);
    }

    private static String createDraftDemandAsTheDemoEnterprise() throws Exception {
        JsonNode created = api("POST", "/api/demands", "{\"title\":\"未公开的草稿需求\"}", DemoUser.ENTERPRISE);
        return created.path("id").asText();
    }

    private static JsonNode api(String method, String path, String body, DemoUser user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.gatewayUrl().resolve(path))
                .header("Authorization", "Bearer " + platform.token(user)).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() < 300, method + " " + path + " → " + response.statusCode() + " "
                + response.body());
        return JSON.readTree(response.body());
    }
}
