package io.kechuang.common.problem;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Collects every broken rule of a record before answering, so one 400 lists all of them, e.g. what a draft still
 * lacks before it may go public.
 */
public final class FieldErrors {

    private final List<FieldError> errors = new ArrayList<>();

    /** Records {@code message} for {@code field} unless {@code valid}. */
    public FieldErrors check(boolean valid, String field, String message) {
        if (!valid) {
            errors.add(new FieldError(field, message));
        }
        return this;
    }

    /** Records {@code message} for {@code field} if {@code value} is null, blank text or an empty collection. */
    public FieldErrors present(Object value, String field, String message) {
        boolean missing = value == null
                || value instanceof String text && text.isBlank()
                || value instanceof Collection<?> values && values.isEmpty();
        return check(!missing, field, message);
    }

    public List<FieldError> list() {
        return List.copyOf(errors);
    }
}
