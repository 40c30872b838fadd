package io.kechuang.listing.lifecycle;

import io.kechuang.common.problem.ProblemException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A record's status machine as the actions each status allows. An action outside the list is a 409 whose body names
 * the current state and the actions that are allowed, so a client can tell what it may do next.
 *
 * @param <S> the status enum; every constant must be listed (an empty list makes a status final)
 */
public final class AllowedActions<S extends Enum<S>> {

    private final String resource;
    private final Map<S, List<String>> byStatus;

    private AllowedActions(String resource, Map<S, List<String>> byStatus) {
        this.resource = resource;
        this.byStatus = byStatus;
    }

    public static <S extends Enum<S>> AllowedActions<S> of(String resource, Class<S> type, Map<S, List<String>> byStatus) {
        EnumMap<S, List<String>> copy = new EnumMap<>(type);
        byStatus.forEach((status, actions) -> copy.put(status, List.copyOf(actions)));
        for (S status : type.getEnumConstants()) {
            if (!copy.containsKey(status)) {
                throw new IllegalArgumentException(resource + ": no actions listed for status " + status);
            }
        }
        return new AllowedActions<>(resource, copy);
    }

    public List<String> in(S status) {
        return byStatus.get(status);
    }

    /** Passes if {@code action} is allowed in {@code status}, else throws the 409. */
    public void require(S status, String action) {
        List<String> allowed = in(status);
        if (!allowed.contains(action)) {
            throw ProblemException.illegalTransition(resource, status, action, allowed);
        }
    }
}
