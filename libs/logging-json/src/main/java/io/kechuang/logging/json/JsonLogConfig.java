package io.kechuang.logging.json;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** JSON console logs: one JSON object per line, for a log shipper. */
@ConfigMapping(prefix = "kechuang.log.json")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface JsonLogConfig {

    /** Whether the console log is JSON; off, it keeps the pattern of {@code quarkus.log.console.format}. */
    @WithDefault("false")
    boolean enabled();

    /**
     * Put on every line as {@code service}, so lines from several services can be told apart once shipped; by
     * default {@code quarkus.application.name}.
     */
    @WithDefault("${quarkus.application.name:unnamed}")
    String service();
}
