package io.kechuang.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

/**
 * One headless Chromium for the console's browser journeys, driven by Selenium through Debian's {@code chromium} and
 * {@code chromium-driver} (never a downloaded browser or driver: the driver's path is given to the service, so Selenium
 * Manager is skipped). Paths default to {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}; the system
 * properties {@code browser.chromium} and {@code browser.chromedriver} point at another build. Each browser gets a
 * fresh profile in a temporary folder, deleted on {@link #close()}; the window is 1366 x 900 and the browser's language
 * {@code zh-CN} unless {@link #start(String)} says otherwise.
 *
 * <p>Every wait is explicit ({@link #WAIT}, 15 s): {@link #waitFor}, {@link #click}, {@link #type},
 * {@link #waitForText} and {@link #until}. {@link #axe} runs axe-core and fails on serious or critical violations;
 * {@link #screenshot} writes {@code target/console-screenshots/<name>.png}. With {@link BrowserExtension} a test
 * takes a {@code Browser} as a parameter and a failure leaves a screenshot.
 */
public final class Browser implements AutoCloseable {

    /** How long every explicit wait lasts. */
    public static final Duration WAIT = Duration.ofSeconds(15);
    /** The browser's language unless a test asks for another. */
    public static final String DEFAULT_LANGUAGE = "zh-CN";
    /** The axe-core rule tags checked: WCAG 2.0 A and AA, WCAG 2.1 AA. */
    public static final List<String> AXE_TAGS = List.of("wcag2a", "wcag2aa", "wcag21aa");

    private static final int WIDTH = 1366;
    private static final int HEIGHT = 900;
    /** Impacts that fail {@link #axe}; "moderate" and "minor" are only reported. */
    private static final Set<String> BLOCKING = Set.of("serious", "critical");
    private static final int TARGETS_SHOWN = 3;
    /**
     * Selenium warns at every start that it has no DevTools binding for the installed Chromium's version; the
     * journeys speak WebDriver only, so the warning says nothing. Held here, as java.util.logging keeps loggers
     * weakly.
     */
    private static final Logger CDP_VERSION_FINDER = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final WebDriverWait wait;

    private Browser(Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.profile = profile;
        this.service = service;
        this.driver = driver;
        this.wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
    }

    /** A browser whose language is {@code zh-CN}. */
    public static Browser start() {
        return start(DEFAULT_LANGUAGE);
    }

    /** A browser whose interface and {@code Accept-Language} are {@code language} (such as {@code en}). */
    public static Browser start(String language) {
        Path chromium = installed("browser.chromium", "/usr/bin/chromium");
        Path chromedriver = installed("browser.chromedriver", "/usr/bin/chromedriver");
        Path profile;
        try {
            profile = Files.createTempDirectory("kechuang-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary folder for Chromium's profile", e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // --no-sandbox: the tests may run as root. The rest keeps Chromium off the network it would otherwise try
        // (updates, sync, field trials), which on a closed network makes every start slow.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + HEIGHT,
                "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
            return new Browser(profile, service, driver);
        } catch (RuntimeException e) {
            service.stop();
            delete(profile);
            throw e;
        }
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    private static Path installed(String property, String fallback) {
        Path path = Path.of(System.getProperty(property, fallback));
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(path + " is missing: the browser tests drive Debian's Chromium through "
                    + "its driver. Install both (apt-get install chromium chromium-driver; .ci/run does), or point "
                    + "-D" + property + "=... at another build.");
        }
        return path;
    }

    /** The WebDriver, for what the helpers here do not cover. */
    public WebDriver driver() {
        return driver;
    }

    /** Loads {@code url} and waits until the document has loaded. */
    public Browser open(String url) {
        driver.get(url);
        until(d -> "complete".equals(driver.executeScript("return document.readyState")));
        return this;
    }

    /** Waits until an element matching {@code by} is visible, and returns it. */
    public WebElement waitFor(By by) {
        return until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits until the element is clickable, then clicks it. */
    public WebElement click(By by) {
        WebElement element = until(ExpectedConditions.elementToBeClickable(by));
        element.click();
        return element;
    }

    /** Waits until the field is visible, clears it and types {@code text}. */
    public WebElement type(By by, String text) {
        WebElement field = waitFor(by);
        field.clear();
        field.sendKeys(text);
        return field;
    }

    /** Waits until the element's visible text contains {@code text}, and returns its whole text. */
    public String waitForText(By by, String text) {
        until(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return driver.findElement(by).getText();
    }

    /** Waits up to {@link #WAIT} until {@code condition} returns a value that is neither null nor false. */
    public <T> T until(Function<? super WebDriver, T> condition) {
        return wait.until(condition);
    }

    /** Writes a PNG of the viewport to {@code target/console-screenshots/<name>.png} and returns its path. */
    public Path screenshot(String name) {
        Path file = screenshots().resolve(name.replaceAll("[^\\p{Alnum}._-]+", "-") + ".png");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        return file;
    }

    /** Where screenshots go: {@code -Dbrowser.screenshots}, set by the module's build, else the relative default. */
    static Path screenshots() {
        return Path.of(System.getProperty("browser.screenshots", "target/console-screenshots")).toAbsolutePath();
    }

    /**
     * Runs axe-core on the current page against {@link #AXE_TAGS}. Throws an {@link AssertionError} listing every
     * serious or critical violation (rule id, impact, help, the first elements it found); prints the lesser ones and
     * returns the full results.
     */
    public Results axe(String pageName) {
        Results results = new AxeBuilder().withTags(AXE_TAGS).analyze(driver);
        if (results.isErrored()) {
            throw new AssertionError("axe-core could not check " + pageName + " (" + driver.getCurrentUrl() + "): "
                    + results.getErrorMessage());
        }
        Map<Boolean, List<Rule>> byBlocking = results.getViolations().stream()
                .collect(Collectors.partitioningBy(rule -> BLOCKING.contains(rule.getImpact())));
        byBlocking.get(false).forEach(rule -> System.out.println("axe " + pageName + ": " + describe(rule)));
        List<Rule> blocking = byBlocking.get(true);
        if (!blocking.isEmpty()) {
            throw new AssertionError(blocking.size() + " serious or critical accessibility violation(s) on " + pageName
                    + " (" + driver.getCurrentUrl() + ", axe-core " + String.join("/", AXE_TAGS) + "):\n"
                    + blocking.stream().map(rule -> "  - " + describe(rule)).collect(Collectors.joining("\n")));
        }
        return results;
    }

    private static String describe(Rule rule) {
        Stream<String> targets = rule.getNodes().stream().limit(TARGETS_SHOWN).map(node -> String.valueOf(node.getTarget()));
        int more = rule.getNodes().size() - TARGETS_SHOWN;
        return rule.getId() + " [" + rule.getImpact() + "] " + rule.getHelp() + " (" + rule.getHelpUrl() + ") at "
                + targets.collect(Collectors.joining(", ")) + (more > 0 ? " and " + more + " more" : "");
    }

    /** Quits the browser, stops the driver and deletes the profile. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            delete(profile);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // A profile left behind lies in the build's temporary folder; nothing depends on it being gone.
            System.err.println("could not delete Chromium's profile " + folder + ": " + e);
        }
    }
}
