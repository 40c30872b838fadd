package io.kechuang.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import com.deque.html.axecore.results.Results;
import com.sun.net.httpserver.HttpServer;

/**
 * The browser harness is real, without the platform: Debian's Chromium renders pages served by an HTTP server inside
 * the test, runs their scripts, axe-core passes an accessible page and names the rules an inaccessible one breaks,
 * screenshots are PNGs, and a failing test leaves one. Cheap (one Chromium, no platform boot: it never asks
 * {@code PlatformExtension}), so it runs first among the module's classes.
 */
@Order(10)
@ExtendWith(BrowserExtension.class)
class BrowserTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static final String ACCESSIBLE = """
            <!doctype html>
            <html lang="zh-CN">
            <head><meta charset="utf-8"><title>浏览器测试</title></head>
            <body>
              <main>
                <h1>浏览器测试</h1>
                <label for="name">姓名</label>
                <input id="name" type="text">
                <button id="greet" type="button">问候</button>
                <p id="status" role="status">等待</p>
              </main>
              <script>
                document.getElementById('greet').addEventListener('click', () => {
                  document.getElementById('status').textContent = '你好，' + document.getElementById('name').value;
                });
              </script>
            </body>
            </html>
            """;

    /** An image without a text alternative and a field without a label: both critical for axe-core. */
    private static final String INACCESSIBLE = """
            <!doctype html>
            <html lang="zh-CN">
            <head><meta charset="utf-8"><title>无障碍问题</title></head>
            <body>
              <main>
                <h1>无障碍问题</h1>
                <img id="logo" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40">
                <input id="unlabelled" type="text">
              </main>
            </body>
            </html>
            """;

    private static HttpServer server;
    private static String base;
    private static volatile String acceptLanguage;
    /** Lets {@link FailingJourney} run only when {@link #aFailingTestLeavesAScreenshotOfThePage} launches it. */
    private static volatile boolean runFailingJourney;

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Map.of("/accessible", ACCESSIBLE, "/inaccessible", INACCESSIBLE).forEach((path, html) ->
                server.createContext(path, exchange -> {
                    acceptLanguage = exchange.getRequestHeaders().getFirst("Accept-Language");
                    byte[] body = html.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                    exchange.sendResponseHeaders(200, body.length);
                    try (var out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void rendersThePageAndRunsItsScriptInChinese(Browser browser) {
        browser.open(base + "/accessible");
        assertEquals("等待", browser.waitFor(By.id("status")).getText());

        browser.type(By.id("name"), "张三");
        browser.click(By.id("greet"));

        assertEquals("你好，张三", browser.waitForText(By.id("status"), "你好"));
        assertEquals("zh-CN", navigatorLanguage(browser));
        assertTrue(acceptLanguage != null && acceptLanguage.startsWith("zh-CN"), "Accept-Language: " + acceptLanguage);
    }

    @Test
    void axePassesAnAccessiblePage(Browser browser) {
        browser.open(base + "/accessible");

        Results results = browser.axe("accessible page");

        assertFalse(results.getPasses().isEmpty(), "axe-core checked nothing");
        assertTrue(results.getViolations().isEmpty(), () -> "violations: " + results.getViolations());
    }

    @Test
    void axeNamesEverySeriousViolation(Browser browser) {
        browser.open(base + "/inaccessible");

        AssertionError failure = assertThrows(AssertionError.class, () -> browser.axe("inaccessible page"));

        String message = failure.getMessage();
        assertTrue(message.contains("inaccessible page"), message);
        assertTrue(message.contains("image-alt [critical]") && message.contains("#logo"), message);
        assertTrue(message.contains("label [critical]") && message.contains("#unlabelled"), message);
    }

    @Test
    void aScreenshotIsAPngOfTheWindow(Browser browser) throws IOException {
        browser.open(base + "/accessible");

        Path file = browser.screenshot("browser-harness");

        assertEquals(Browser.screenshots().resolve("browser-harness.png"), file);
        byte[] png = Files.readAllBytes(file);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length));
        BufferedImage image = ImageIO.read(file.toFile());
        assertTrue(image.getWidth() > 1000 && image.getHeight() > 600, image.getWidth() + "x" + image.getHeight());
    }

    @Test
    void aFailingTestLeavesAScreenshotOfThePage() throws IOException {
        Path expected = Browser.screenshots().resolve("FailingJourney-failsOnThePage-failed.png");
        Files.deleteIfExists(expected);
        SummaryGeneratingListener listener = new SummaryGeneratingListener();

        runFailingJourney = true;
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(FailingJourney.class)).build(), listener);
        } finally {
            runFailingJourney = false;
        }

        TestExecutionSummary summary = listener.getSummary();
        assertEquals(1, summary.getTotalFailureCount(), "the journey was meant to fail once");
        assertTrue(summary.getFailures().getFirst().getException().getMessage().contains("meant to fail"));
        byte[] png = Files.readAllBytes(expected);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length));
    }

    private static String navigatorLanguage(Browser browser) {
        return (String) ((JavascriptExecutor) browser.driver()).executeScript("return navigator.language");
    }

    static boolean failingJourneyRequested() {
        return runFailingJourney;
    }

    /** A journey that fails on a page, run only through the launcher above. */
    @ExtendWith(BrowserExtension.class)
    @EnabledIf("io.kechuang.console.BrowserTest#failingJourneyRequested")
    static class FailingJourney {
        @Test
        void failsOnThePage(Browser browser) {
            browser.open(base + "/accessible");
            throw new AssertionError("meant to fail");
        }
    }
}
