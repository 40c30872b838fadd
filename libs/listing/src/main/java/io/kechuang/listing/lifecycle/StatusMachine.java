package io.kechuang.listing.lifecycle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A listing's status machine: where drafts start, which statuses are on the market (public), and what each status
 * allows ({@link AllowedActions}, whose 409 lists the allowed actions). Plain Java, so the tables of both services
 * are tested without starting anything.
 *
 * @param <S> the status enum
 */
public final class StatusMachine<S extends Enum<S>> {

    private final S draft;
    private final Set<S> onMarket;
    private final AllowedActions<S> actions;

    private StatusMachine(S draft, Set<S> onMarket, AllowedActions<S> actions) {
        if (onMarket.contains(draft)) {
            throw new IllegalArgumentException("A draft is never on the market: " + draft);
        }
        this.draft = draft;
        this.onMarket = Set.copyOf(onMarket);
        this.actions = actions;
    }

    /**
     * @param draft where every listing starts; private, emits nothing
     * @param onMarket the public statuses: visible to every signed-in caller, and entered only when ready
     * @param actions what each status allows
     */
    public static <S extends Enum<S>> StatusMachine<S> of(S draft, Set<S> onMarket, AllowedActions<S> actions) {
        return new StatusMachine<>(draft, onMarket, actions);
    }

    public S draft() {
        return draft;
    }

    public Set<S> onMarket() {
        return onMarket;
    }

    public boolean isOnMarket(S status) {
        return onMarket.contains(status);
    }

    /** Whether a move from {@code from} to {@code to} puts the listing on the market, so that it must be ready. */
    public boolean entersMarket(S from, S to) {
        return isOnMarket(to) && !isOnMarket(from);
    }

    /** The actions {@code status} allows, in the order a 409 lists them. */
    public List<String> allowed(S status) {
        return actions.in(status);
    }

    /** Every status with the actions it allows: the whole transition table, e.g. for a test or a document. */
    public Map<S, List<String>> table() {
        Map<S, List<String>> table = new LinkedHashMap<>();
        for (S status : draft.getDeclaringClass().getEnumConstants()) {
            table.put(status, allowed(status));
        }
        return table;
    }

    public boolean allows(S status, String action) {
        return actions.in(status).contains(action);
    }

    /** Passes if {@code action} is allowed in {@code status}, else throws the 409 that lists what is. */
    public void require(S status, String action) {
        actions.require(status, action);
    }
}
