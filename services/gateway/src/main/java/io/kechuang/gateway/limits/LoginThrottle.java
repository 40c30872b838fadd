package io.kechuang.gateway.limits;

import io.kechuang.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Throttles repeated failed sign-ins, per account (username or client id) and per client address, in PostgreSQL
 * windows shared by all replicas. An account or address with too many failures in the current window is refused
 * before its password is even checked, so a correct guess during the lockout reveals nothing. A successful sign-in
 * clears the account's failures.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);

    @Inject
    WindowCounters counters;

    @Inject
    GatewayConfig config;

    /** Seconds until the caller may try again, if {@code account} or {@code address} is locked out now. */
    public Optional<Long> lockedFor(String account, String address) {
        Duration window = config.login().window();
        try {
            long wait = 0;
            for (Bucket b : buckets(account, address)) {
                Optional<WindowCounters.Count> count = counters.peek(b.name(), window);
                if (count.isPresent() && count.get().hits() >= b.max()) {
                    wait = Math.max(wait, count.get().secondsLeft());
                }
            }
            return wait > 0 ? Optional.of(wait) : Optional.empty();
        } catch (SQLException e) {
            // Sign-in itself needs the database, so this only happens while it is failing anyway.
            throw new IllegalStateException("Login throttle unavailable", e);
        }
    }

    public void failed(String account, String address) {
        for (Bucket b : buckets(account, address)) {
            try {
                counters.hit(b.name(), config.login().window());
            } catch (SQLException e) {
                LOG.warnf("Could not count a failed sign-in for %s: %s", b.name(), e.getMessage());
            }
        }
    }

    public void succeeded(String account) {
        try {
            counters.clear(accountBucket(account));
        } catch (SQLException e) {
            LOG.warnf("Could not clear failed sign-ins of %s: %s", account, e.getMessage());
        }
    }

    private List<Bucket> buckets(String account, String address) {
        return List.of(new Bucket(accountBucket(account), config.login().maxFailuresPerAccount()),
                new Bucket("login:address:" + address, config.login().maxFailuresPerAddress()));
    }

    private static String accountBucket(String account) {
        return "login:account:" + account;
    }

    private record Bucket(String name, int max) {
    }
}
