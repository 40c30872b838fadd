package io.kechuang.logging.json;

import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import java.util.Optional;
import java.util.logging.Formatter;
import org.jboss.logmanager.formatters.JsonFormatter;
import org.jboss.logmanager.formatters.StructuredFormatter;

/** Builds the console formatter when the application starts, from the run-time configuration. */
@Recorder
public class JsonLogRecorder {

    private final RuntimeValue<JsonLogConfig> config;

    public JsonLogRecorder(RuntimeValue<JsonLogConfig> config) {
        this.config = config;
    }

    public RuntimeValue<Optional<Formatter>> consoleFormatter() {
        JsonLogConfig json = config.getValue();
        return new RuntimeValue<>(json.enabled() ? Optional.of(formatter(json.service())) : Optional.empty());
    }

    /**
     * One object per line: timestamp, level, logger, thread, message, the MDC (the request id of a request, the
     * topic, partition and offset of a consumed record), the exception with its stack trace, and the service.
     */
    public static JsonFormatter formatter(String service) {
        JsonFormatter formatter = new JsonFormatter();
        formatter.setPrettyPrint(false);
        formatter.setPrintDetails(false);
        formatter.setExceptionOutputType(StructuredFormatter.ExceptionOutputType.DETAILED_AND_FORMATTED);
        formatter.setRecordDelimiter("\n");
        formatter.setMetaData("service=" + service.replace(",", "\\,"));
        return formatter;
    }
}
