package io.kechuang.demand;

import static io.kechuang.demand.DemandApi.demand;
import static io.kechuang.demand.DemandApi.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.listing.ExpiryJob;
import io.kechuang.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * Confidential details and contacts reach the owner and admins only: never an event, never the log. Every check
 * searches the raw text for the secret itself, so a new field or a new event type cannot leak it unnoticed.
 */
@QuarkusTest
class ConfidentialityTest {

    @Inject
    ExpiryJob expiry;

    @Test
    void confidentialTextNeverReachesEventsOrLogs() {
        String owner = TestTokens.enterprise(UUID.randomUUID());
        String secret = "保密：主机厂客户为某头部车企，电芯循环寿命实测1811次 " + UUID.randomUUID();
        String phone = "028-8" + (1000000 + (int) (Math.random() * 8999999));
        String email = "secret-" + UUID.randomUUID() + "@example.com";
        String comment = "关闭备注仅内部可见 " + UUID.randomUUID();
        Map<String, Object> body = DemandApi.openable("动力电池SOH估计（保密测试）", secret);
        body.put("contact", Map.of("person", "刘工", "phone", phone, "email", email));

        LogCapture log = LogCapture.start();
        List<String> raw = new ArrayList<>();
        try (DemandEvents events = DemandEvents.watch()) {
            // Every kind of event: opened, updated, in-negotiation and closed on one demand...
            String id = DemandApi.opened(owner, body);
            with(owner).header("If-Match", "\"1\"").body(body).put(demand(id)).then().statusCode(200);
            with(owner).post(demand(id) + "/negotiate").then().statusCode(200);
            with(owner).body(Map.of("reason", "OTHER", "comment", comment)).post(demand(id) + "/close").then()
                    .statusCode(200);
            events.await(id, "kechuang.demand.closed");
            // ... fulfilled on a second, expired on a third.
            String fulfilled = DemandApi.opened(owner, body);
            with(owner).post(demand(fulfilled) + "/fulfil").then().statusCode(200);
            events.await(fulfilled, "kechuang.demand.fulfilled");
            Map<String, Object> dueSoon = new java.util.HashMap<>(body);
            dueSoon.put("deadline", DemandApi.today().plusDays(1).toString());
            String expired = DemandApi.opened(owner, dueSoon);
            expiry.expireAll(DemandApi.today().plusDays(2));
            events.await(expired, "kechuang.demand.expired");

            raw.addAll(events.raw(id));
            raw.addAll(events.raw(fulfilled));
            raw.addAll(events.raw(expired));
            assertEquals(List.of("opened@1", "updated@2", "in-negotiation@3", "closed@4"), events.history(id));
            assertTrue(log.text().contains(id), "the log capture works: the service logged the state changes");
        } finally {
            log.stop();
        }

        assertEquals(8, raw.size(), "four events on the first demand, two on each of the others");
        for (String event : raw) {
            for (String confidential : List.of(secret, phone, email, comment, "confidentialDetails", "\"contact\"",
                    "closeComment")) {
                assertFalse(event.contains(confidential), "event leaks '" + confidential + "': " + event);
            }
        }
        for (String confidential : List.of(secret, phone, email, comment)) {
            assertFalse(log.text().contains(confidential), "the log leaks '" + confidential + "'");
        }
    }

    /** Collects every log record of the application while a test runs, formatted as it would be written. */
    static final class LogCapture extends Handler {
        private final StringBuilder text = new StringBuilder();

        static LogCapture start() {
            LogCapture capture = new LogCapture();
            Logger.getLogger("").addHandler(capture);
            return capture;
        }

        void stop() {
            Logger.getLogger("").removeHandler(this);
        }

        synchronized String text() {
            return text.toString();
        }

        @Override
        public synchronized void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            text.append(record.getLoggerName()).append(' ').append(message);
            if (record.getThrown() != null) {
                text.append(' ').append(record.getThrown());
            }
            text.append('\n');
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
