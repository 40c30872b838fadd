package io.kechuang.gateway;

import io.kechuang.gateway.identity.PasswordChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Hears {@link PasswordChanged} as the browser console does: only once the change has committed. */
@ApplicationScoped
public class PasswordChangedRecorder {

    private final List<PasswordChanged> heard = new CopyOnWriteArrayList<>();

    void onPasswordChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) PasswordChanged event) {
        heard.add(event);
    }

    /** What was heard about user {@code id}. */
    List<PasswordChanged> of(String id) {
        UUID userId = UUID.fromString(id);
        return heard.stream().filter(e -> e.userId().equals(userId)).toList();
    }
}
