package io.kechuang.common.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.Caller;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code Idempotency-Key} support for creates and imports. Inside the create's transaction, {@link #claim} inserts
 * the key; a concurrent request with the same key blocks on that row until the first commits, then sees the stored
 * response. If the first request rolls back, its claim goes with it and the retry proceeds. A key reused with a
 * different request body is a 409.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_KEY_LENGTH = 255;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "kechuang.idempotency.retention-hours", defaultValue = "48")
    int retentionHours;

    /**
     * Runs {@code action} at most once per caller and key, inside the caller's transaction. Without a key it simply
     * runs. With a key seen before, it returns the stored first response instead; otherwise it runs the action and
     * stores its result as the response to replay.
     *
     * @param scope the operation, e.g. {@code demand.create}; keys are unique per scope and caller
     * @param request what identifies the request (its body), to detect a key reused for a different request
     * @param status the HTTP status of a fresh response, stored for replays
     * @param location the {@code Location} of a fresh response, or null
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> CreateOutcome<T> once(String scope, Caller caller, String key, Object request, int status,
            Function<? super T, String> location, Supplier<T> action) {
        if (key == null) {
            return CreateOutcome.fresh(action.get());
        }
        String owner = caller.orgId() + "/" + caller.subject();
        Optional<StoredResponse> prior = claim(scope, owner, key, request);
        if (prior.isPresent()) {
            return CreateOutcome.replayed(prior.get());
        }
        T result = action.get();
        complete(scope, owner, key, status, location.apply(result), result);
        return CreateOutcome.fresh(result);
    }

    /**
     * Claims {@code key} for this caller and operation, or returns the response stored by the request that claimed
     * it first.
     *
     * @param request the request body, hashed to detect a key reused for a different request
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<StoredResponse> claim(String scope, String caller, String key, Object request) {
        validateKey(key);
        String hash = hash(request);
        int inserted = em.createNativeQuery("insert into idempotency_record (scope, caller, idem_key, request_hash) "
                        + "values (?1, ?2, ?3, ?4) on conflict do nothing")
                .setParameter(1, scope).setParameter(2, caller).setParameter(3, key).setParameter(4, hash)
                .executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select request_hash, status, location, body from idempotency_record "
                        + "where scope = ?1 and caller = ?2 and idem_key = ?3")
                .setParameter(1, scope).setParameter(2, caller).setParameter(3, key).getResultList();
        Object[] row = rows.getFirst();
        if (!hash.equals(row[0])) {
            throw ProblemException.conflict("Idempotency-Key '" + key + "' was already used for a different request",
                    Map.of("idempotencyKey", key));
        }
        return Optional.of(new StoredResponse(((Number) row[1]).intValue(), (String) row[2], (String) row[3]));
    }

    /** Stores the response of the request that claimed {@code key}, in the same transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public StoredResponse complete(String scope, String caller, String key, int status, String location, Object body) {
        String json = toJson(body);
        em.createNativeQuery("update idempotency_record set status = ?4, location = ?5, body = ?6 "
                        + "where scope = ?1 and caller = ?2 and idem_key = ?3")
                .setParameter(1, scope).setParameter(2, caller).setParameter(3, key)
                .setParameter(4, status).setParameter(5, location).setParameter(6, json)
                .executeUpdate();
        return new StoredResponse(status, location, json);
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void prune() {
        em.createNativeQuery("delete from idempotency_record where created_at < now() - make_interval(hours => ?1)")
                .setParameter(1, retentionHours).executeUpdate();
    }

    private static void validateKey(String key) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.validation(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
    }

    private String hash(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (request instanceof String s ? s : toJson(request)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String toJson(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
