package io.kechuang.local;

import java.util.Optional;

/** The platform did not come up; everything that had started has been stopped again. */
public final class PlatformStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ChildFailure failure;

    PlatformStartException(String message, ChildFailure failure, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    /** The message of {@code e}, and of its root cause when that is another exception: why a part did not start. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + t;
    }

    /** The service that failed, when a service was the cause. */
    public Optional<ChildFailure> failure() {
        return Optional.ofNullable(failure);
    }
}
