package io.kechuang.gateway.limits;

import io.kechuang.common.problem.Problem;
import io.kechuang.gateway.GatewayConfig;
import io.kechuang.gateway.GatewayProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Throttles repeated sign-in attempts, per account (username or client id) and per client address, in PostgreSQL
 * windows shared by all replicas. Every attempt is counted before its password is checked, in one atomic upsert per
 * bucket that returns the new count, and an attempt whose count goes over the limit is refused without a password
 * check. So parallel guesses cannot all read the same old count and slip through together: exactly the allowed
 * number get their password checked, and a correct guess during the lockout reveals nothing. A successful sign-in
 * clears the account's count and takes its own attempt back from the address's count, so only failed and refused
 * attempts use up a window.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);

    @Inject
    WindowCounters counters;

    @Inject
    GatewayConfig config;

    /**
     * Counts an attempt for {@code account} and {@code address}, and returns the seconds until the caller may try
     * again if either is now over its limit (then the password must not be checked). A {@code null} address counts
     * the account only.
     */
    public Optional<Long> attempt(String account, String address) {
        Duration window = config.login().window();
        try {
            long wait = 0;
            for (Bucket b : buckets(account, address)) {
                WindowCounters.Count count = counters.hit(b.name(), window);
                if (count.hits() > b.max()) {
                    wait = Math.max(wait, count.secondsLeft());
                }
            }
            return wait > 0 ? Optional.of(wait) : Optional.empty();
        } catch (SQLException e) {
            // Sign-in itself needs the database, so this only happens while it is failing anyway.
            throw new IllegalStateException("Login throttle unavailable", e);
        }
    }

    /**
     * The problem+json 429 of a throttled attempt, with {@code Retry-After}: what a password change answers. The
     * token endpoint adds its OAuth2 members to {@link #throttledProblem}.
     */
    public static GatewayProblem throttled(long retryAfterSeconds) {
        return new GatewayProblem(throttledProblem(retryAfterSeconds).build(),
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    /** The body of a throttled attempt's 429, still open for more members. */
    public static Problem.Builder throttledProblem(long retryAfterSeconds) {
        return Problem.of(429, "sign-in-throttled", "Too many failed sign-ins")
                .detail("Too many failed sign-ins for this account or from this address; try again in "
                        + retryAfterSeconds + " seconds")
                .with("retryAfterSeconds", retryAfterSeconds);
    }

    /** After a successful attempt: the account starts afresh, and the attempt no longer counts against the address. */
    public void succeeded(String account, String address) {
        try {
            counters.clear(accountBucket(account));
            if (address != null) {
                counters.takeBack(addressBucket(address), config.login().window());
            }
        } catch (SQLException e) {
            LOG.warnf("Could not clear failed sign-ins of %s: %s", account, e.getMessage());
        }
    }

    private List<Bucket> buckets(String account, String address) {
        Bucket perAccount = new Bucket(accountBucket(account), config.login().maxFailuresPerAccount());
        return address == null ? List.of(perAccount)
                : List.of(perAccount, new Bucket(addressBucket(address), config.login().maxFailuresPerAddress()));
    }

    private static String addressBucket(String address) {
        return "login:address:" + address;
    }

    private static String accountBucket(String account) {
        return "login:account:" + account;
    }

    private record Bucket(String name, int max) {
    }
}
