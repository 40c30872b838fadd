package io.kechuang.testing;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import io.quarkus.bootstrap.logging.InitialConfigurator;

/**
 * This module's tests are plain JUnit, but Quarkus' bootstrap (on the class path through quarkus-test-common)
 * installs a delayed log handler that only a starting Quarkus app activates; without this, every log record
 * of these tests would be buffered and lost. Activates it with Quarkus' default console handler.
 */
public class ConsoleLoggingForTests implements LauncherSessionListener {

    private static final Logger KEEP = Logger.getLogger("org.apache.kafka");

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!InitialConfigurator.DELAYED_HANDLER.isActivated()) {
            InitialConfigurator.DELAYED_HANDLER.setHandlers(new Handler[] { InitialConfigurator.createDefaultHandler() });
        }
        // The clients of these tests are chatty at INFO (config dumps, metrics); the broker is quieted anyway.
        KEEP.setLevel(Level.WARNING);
    }
}
