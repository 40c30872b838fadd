/**
 * The console's browser tests (issue 28): journeys through the gateway's {@code /console} in a real headless Chromium.
 *
 * <ul>
 *   <li>{@link io.kechuang.console.Browser}: one Chromium driven by Selenium through Debian's {@code chromium} and
 *       {@code chromium-driver} (paths from {@code -Dbrowser.chromium} / {@code -Dbrowser.chromedriver}, nothing
 *       downloaded), with explicit waits, screenshots under {@code target/console-screenshots} and axe-core's
 *       accessibility check (serious and critical violations fail);</li>
 *   <li>{@link io.kechuang.console.BrowserExtension}: a {@code Browser} per test class as a parameter, and a
 *       screenshot of the page a test failed on;</li>
 *   <li>{@code BrowserTest}: the harness itself against pages served inside the test, without the platform.</li>
 * </ul>
 *
 * Journeys that need the platform take it from {@code io.kechuang.reliability.PlatformExtension} as well, and keep to
 * what a user can do in the console: they must not change the platform's configuration.
 */
package io.kechuang.console;
