package io.kechuang.console;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Gives a test class one {@link Browser} ({@code zh-CN}): annotate the class with
 * {@code @ExtendWith(BrowserExtension.class)} and take a {@code Browser} as a parameter of a test, a
 * {@code @BeforeAll} or a constructor. It starts on first use and closes after the class. When a test fails, the page
 * it failed on is kept as {@code target/console-screenshots/<Class>-<method>-failed.png}.
 *
 * <p>The browser lives in the class's store, not the test's: JUnit closes a test's store before it tells a
 * {@link TestWatcher} of the failure, and the screenshot needs the browser still open. Independent of
 * {@code PlatformExtension}: a class that also needs the platform declares both.
 */
public final class BrowserExtension implements ParameterResolver, TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrowserExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return classStore(context).computeIfAbsent("browser", key -> new Open(Browser.start()), Open.class).browser();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Optional.ofNullable(classStore(context).get("browser", Open.class)).ifPresent(open -> {
            String name = context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getTestMethod().map(method -> method.getName()).orElse("class") + "-failed";
            try {
                Path file = open.browser().screenshot(name);
                System.out.println("The page " + name + " failed on: " + file);
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        });
    }

    private static ExtensionContext.Store classStore(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE);
    }

    /** Closed by JUnit with the class's context. */
    private record Open(Browser browser) implements AutoCloseable {
        @Override
        public void close() {
            browser.close();
        }
    }
}
