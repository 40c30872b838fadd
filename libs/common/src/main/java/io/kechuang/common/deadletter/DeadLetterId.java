package io.kechuang.common.deadletter;

import io.kechuang.common.problem.ProblemException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dead letter's stable id: its place on the dead-letter topic, {@code <partition>-<offset>} ({@code 0-42}). Records
 * on a Kafka topic never move, so the id stays valid until retention deletes the record.
 */
public record DeadLetterId(int partition, long offset) {

    /** The id's format, as the API document declares it. */
    public static final String PATTERN = "^[0-9]{1,9}-[0-9]{1,18}$";
    private static final Pattern FORMAT = Pattern.compile("([0-9]{1,9})-([0-9]{1,18})");

    /** @throws ProblemException 400 naming {@code id} unless the text is {@code <partition>-<offset>} */
    public static DeadLetterId parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches()) {
            throw ProblemException.validation("id", "must be <partition>-<offset> of the dead-letter topic, e.g. 0-42");
        }
        return new DeadLetterId(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
    }

    @Override
    public String toString() {
        return partition + "-" + offset;
    }
}
