package io.kechuang.gateway.console;

import io.kechuang.common.problem.ProblemException;
import io.kechuang.gateway.identity.Identity;
import io.kechuang.gateway.identity.Organisation;
import io.kechuang.gateway.identity.PasswordChanged;
import io.kechuang.gateway.identity.UserAccount;
import io.kechuang.gateway.identity.api.UserRequest;
import io.kechuang.gateway.identity.service.Secrets;
import io.kechuang.gateway.token.IssuedToken;
import io.kechuang.gateway.token.TokenIssuer;
import io.kechuang.gateway.token.TokenService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console sessions, kept server-side in PostgreSQL so that sign-out, expiry and a password change end them on every
 * gateway replica. A session names a user, never a token: the bearer token for API calls is minted here from the
 * user's current state (enabled, organisation enabled, roles) and cached in memory per session until shortly before
 * it expires. Sign-in goes through the token endpoint's own checks and throttle.
 */
@ApplicationScoped
public class Sessions {

    /** A cached token is replaced this long before it expires, so no API call carries one about to lapse. */
    private static final long TOKEN_MARGIN_SECONDS = 60;
    /** last_seen_at is written at most this often, so reading pages does not write a row each time. */
    private static final long TOUCH_EVERY_SECONDS = 60;

    @Inject
    TokenService tokens;

    @Inject
    TokenIssuer issuer;

    @Inject
    ConsoleConfig config;

    private final Map<String, CachedToken> tokenCache = new ConcurrentHashMap<>();

    /** A signed-in person as the console shows them. */
    @io.quarkus.qute.TemplateData
    public record Person(String sessionHash, String csrfToken, UUID userId, String username, String displayName,
            UUID organisationId, String organisationName, String orgType, java.util.Set<String> roles, boolean lead) {

        public boolean has(String role) {
            return roles.contains(role);
        }

        /** The listings this person's organisation owns: {@code demands} (enterprises), {@code achievements}
         * (universities and institutes), or empty. */
        public java.util.Optional<String> ownListings() {
            return switch (orgType) {
                case "ENTERPRISE" -> java.util.Optional.of("demands");
                case "UNIVERSITY", "RESEARCH_INSTITUTE" -> java.util.Optional.of("achievements");
                default -> java.util.Optional.empty();
            };
        }
    }

    /** A new session: the cookie value (shown once, to the browser) and the person. */
    public record Started(String cookieValue, Person person) {
    }

    private record CachedToken(String token, Instant expiresAt) {
    }

    /**
     * Signs a person in with the password grant's rules (throttle included) and opens a session. Throws the token
     * endpoint's problem (400 wrong username or password, 429 throttled) when it fails.
     */
    public Started signIn(String username, String password, String address) {
        IssuedToken token = tokens.password(username, password, address);
        String cookie = randomToken();
        String hash = hash(cookie);
        Person person = QuarkusTransaction.requiringNew().call(() -> {
            UserAccount user = UserAccount.find("username", UserRequest.normalise(username)).firstResult();
            if (user == null) {
                throw ProblemException.forbidden("Only people sign in to the console");
            }
            ConsoleSession session = new ConsoleSession();
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            session.idHash = hash;
            session.userId = user.id;
            session.username = user.username;
            session.csrfToken = randomToken();
            session.createdAt = now;
            session.lastSeenAt = now;
            session.expiresAt = now.plus(config.absoluteTimeout());
            session.persist();
            return person(session, user).orElseThrow();
        });
        tokenCache.put(hash, new CachedToken(token.accessToken(),
                Instant.now().plusSeconds(token.expiresIn())));
        return new Started(cookie, person);
    }

    /** The live session for a cookie value, touched; empty if unknown, expired, or its user can no longer sign in. */
    public Optional<Person> find(String cookieValue) {
        if (cookieValue == null || cookieValue.length() != 43) {
            return Optional.empty();
        }
        String hash = hash(cookieValue);
        return QuarkusTransaction.requiringNew().call(() -> {
            ConsoleSession session = ConsoleSession.findById(hash);
            if (session == null) {
                return Optional.<Person>empty();
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            boolean expired = now.isAfter(session.expiresAt)
                    || now.isAfter(session.lastSeenAt.plus(config.idleTimeout()));
            Optional<Person> person = expired ? Optional.empty()
                    : person(session, UserAccount.findById(session.userId));
            if (person.isEmpty()) {
                session.delete();
                tokenCache.remove(hash);
                return person;
            }
            if (session.lastSeenAt.plusSeconds(TOUCH_EVERY_SECONDS).isBefore(now)) {
                session.lastSeenAt = now;
            }
            return person;
        });
    }

    /** A bearer token for the person's API calls, minted again shortly before the cached one expires. */
    public String token(Person person) {
        CachedToken cached = tokenCache.get(person.sessionHash());
        if (cached != null && cached.expiresAt().isAfter(Instant.now().plusSeconds(TOKEN_MARGIN_SECONDS))) {
            return cached.token();
        }
        IssuedToken issued = issuer.issue(new Identity(person.username(), person.organisationId(),
                io.kechuang.events.taxonomy.OrgType.valueOf(person.orgType()), person.roles()));
        tokenCache.put(person.sessionHash(), new CachedToken(issued.accessToken(),
                Instant.now().plusSeconds(issued.expiresIn())));
        return issued.accessToken();
    }

    /** Sign-out: the session is gone on every replica; its cached token is dropped here. */
    public void end(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank()) {
            return;
        }
        String hash = hash(cookieValue);
        tokenCache.remove(hash);
        QuarkusTransaction.requiringNew().run(() -> ConsoleSession.deleteById(hash));
    }

    /** A changed or reset password ends every console session of that user. */
    void passwordChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) PasswordChanged changed) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (ConsoleSession s : ConsoleSession.<ConsoleSession>list("userId", changed.userId())) {
                tokenCache.remove(s.idHash);
                s.delete();
            }
        });
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeExpired() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        QuarkusTransaction.requiringNew().run(() -> ConsoleSession.delete("expiresAt < ?1 or lastSeenAt < ?2", now,
                now.minus(config.idleTimeout())));
        tokenCache.entrySet().removeIf(e -> e.getValue().expiresAt().isBefore(Instant.now()));
    }

    private static Optional<Person> person(ConsoleSession session, UserAccount user) {
        if (user == null || !user.enabled) {
            return Optional.empty();
        }
        Organisation org = Organisation.findById(user.organisationId);
        if (org == null || !org.enabled) {
            return Optional.empty();
        }
        return Optional.of(new Person(session.idHash, session.csrfToken, user.id, user.username,
                user.displayName == null ? user.username : user.displayName, org.id, org.name, org.type.name(),
                java.util.Set.copyOf(user.roles), user.lead));
    }

    /** A 256-bit random value, URL-safe Base64 (43 characters): session cookies and CSRF tokens. */
    static String randomToken() {
        return Secrets.generate(32);
    }

    static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
