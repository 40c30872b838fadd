package io.kechuang.local;

import java.nio.file.Path;
import java.util.List;

/**
 * A service that stopped without being asked to, or never became ready.
 *
 * @param service  its name
 * @param exitCode its exit code, or null if it was still running (not ready in time)
 * @param reason   what happened, in words
 * @param log      its log file
 * @param lastLines the end of that log
 */
public record ChildFailure(String service, Integer exitCode, String reason, Path log, List<String> lastLines) {

    public ChildFailure {
        lastLines = List.copyOf(lastLines);
    }

    /** The loud report: what failed, where to look, and the end of its log. */
    public String describe() {
        StringBuilder sb = new StringBuilder()
                .append("!!! ").append(service).append(' ').append(reason)
                .append(exitCode == null ? "" : " (exit code " + exitCode
                        + (exitCode > 128 ? ": killed by signal " + (exitCode - 128) : "") + ")").append('\n')
                .append("!!! log: ").append(log).append(lastLines.isEmpty() ? " (empty)" : ", its end without stack frames:")
                .append('\n');
        for (String line : lastLines) {
            sb.append("  | ").append(line).append('\n');
        }
        return sb.toString();
    }
}
