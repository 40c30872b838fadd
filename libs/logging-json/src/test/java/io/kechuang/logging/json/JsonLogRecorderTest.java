package io.kechuang.logging.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.jboss.logmanager.MDC;
import org.junit.jupiter.api.Test;

class JsonLogRecorderTest {

    @Test
    void oneObjectPerLineWithTheServiceTheMdcAndTheStackTrace() {
        MDC.put("requestId", "req-42");
        MDC.put("topic", "demands.v1");
        try {
            ExtLogRecord record = new ExtLogRecord(Level.WARN, "Demand %s could not be indexed",
                    ExtLogRecord.FormatStyle.PRINTF, JsonLogRecorderTest.class.getName());
            record.setParameters(new Object[] {"d-1"});
            record.setLoggerName("io.kechuang.matching");
            record.setThrown(new IllegalStateException("index closed \"now\""));
            String line = JsonLogRecorder.formatter("matching-service").format(record);

            assertTrue(line.endsWith("\n"), line);
            assertFalse(line.strip().contains("\n"), "one line: " + line);
            JsonObject json = Json.createReader(new StringReader(line)).readObject();
            assertEquals("matching-service", json.getString("service"));
            assertEquals("WARN", json.getString("level"));
            assertEquals("io.kechuang.matching", json.getString("loggerName"));
            assertEquals("Demand d-1 could not be indexed", json.getString("message"));
            assertEquals("req-42", json.getJsonObject("mdc").getString("requestId"));
            assertEquals("demands.v1", json.getJsonObject("mdc").getString("topic"));
            assertTrue(json.getJsonObject("exception").toString().contains("index closed \\\"now\\\""), line);
            assertTrue(json.containsKey("stackTrace"), line);
        } finally {
            MDC.remove("requestId");
            MDC.remove("topic");
        }
    }
}
