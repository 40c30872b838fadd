package io.kechuang.logging.json.deployment;

import io.kechuang.logging.json.JsonLogRecorder;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.LogConsoleFormatBuildItem;

/** Gives the console handler the JSON formatter when {@code kechuang.log.json.enabled} is on at run time. */
public final class JsonLogProcessor {

    private static final String FEATURE = "kechuang-logging-json";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    LogConsoleFormatBuildItem consoleFormat(JsonLogRecorder recorder) {
        return new LogConsoleFormatBuildItem(recorder.consoleFormatter());
    }
}
