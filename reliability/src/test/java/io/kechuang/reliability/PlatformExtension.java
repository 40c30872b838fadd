package io.kechuang.reliability;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import io.kechuang.local.Progress;

/**
 * The one platform boot every platform-level test class of this module shares (issue 27, the CI budget): annotate
 * the class with {@code @ExtendWith(PlatformExtension.class)} and take a {@link HarnessPlatform} as a parameter of a
 * test, a {@code @BeforeAll} or a constructor. The first class that asks starts it (30 to 90 s on two cores); it is
 * kept in the root context's store and stopped once, when the whole run ends. Surefire runs every class of the module
 * in one JVM, so the fuzz suite and the fault harness meet the same platform: the order of the classes
 * (junit-platform.properties: {@code @Order}) puts the fault harness after the other checks and the fuzz suite,
 * which rotates the signing key, last.
 *
 * <p>The platform is the harness's: every service restarts when it dies, and each reaches PostgreSQL through a proxy.
 * A class that breaks something must leave it as it found it (the fault harness restores every proxy and waits until
 * every service is ready again before its checks).
 */
public final class PlatformExtension implements ParameterResolver {

    private static final Path ROOT = Path.of("target", "reliability-platform").toAbsolutePath();

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == HarnessPlatform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    /** The shared platform, started on first use. */
    public static HarnessPlatform shared(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(PlatformExtension.class))
                .getOrComputeIfAbsent("platform", key -> new Shared(HarnessPlatform.start(ROOT, Progress.console())),
                        Shared.class).platform();
    }

    /** Closed by JUnit when the root context closes: after the last class. */
    private record Shared(HarnessPlatform platform) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            platform.close();
        }
    }
}
