package io.kechuang.gateway.identity.service;

import io.kechuang.common.idempotency.CreateOutcome;
import io.kechuang.common.idempotency.Idempotency;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.paging.Where;
import io.kechuang.common.problem.FieldErrors;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.Caller;
import io.kechuang.common.security.Roles;
import io.kechuang.events.taxonomy.OrgType;
import io.kechuang.gateway.identity.ApiClient;
import io.kechuang.gateway.identity.Organisation;
import io.kechuang.gateway.identity.PasswordChanged;
import io.kechuang.gateway.identity.UserAccount;
import io.kechuang.gateway.identity.events.IdentityEvents;
import io.kechuang.gateway.identity.mapping.IdentityMapper;
import io.kechuang.gateway.identity.api.ClientCredentials;
import io.kechuang.gateway.identity.api.ClientRequest;
import io.kechuang.gateway.identity.api.ClientView;
import io.kechuang.gateway.identity.api.OrganisationRequest;
import io.kechuang.gateway.identity.api.OrganisationView;
import io.kechuang.gateway.identity.api.UserRequest;
import io.kechuang.gateway.identity.api.UserView;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Organisations, users and API clients: the platform admin's side of identity. Every rule that the database cannot
 * express is checked here, and all broken rules of a request are reported together.
 */
@ApplicationScoped
@Transactional
public class IdentityService {

    /** Bytes of randomness in a generated client secret (43 characters of URL-safe Base64). */
    static final int SECRET_BYTES = 32;

    @Inject
    Secrets secrets;

    @Inject
    EntityManager em;

    @Inject
    Idempotency idempotency;

    @Inject
    IdentityEvents events;

    @Inject
    Event<PasswordChanged> passwordChanged;

    // ------------------------------------------------------------------ organisations

    /** Where organisations live in the admin API, for Location headers. */
    public static final String ORGANISATIONS = "/api/admin/organisations";

    /** Registers an organisation, at most once per caller and {@code Idempotency-Key}. */
    public CreateOutcome<OrganisationView> createOrganisation(Caller caller, OrganisationRequest request,
            String idempotencyKey) {
        return idempotency.once("organisation.create", caller, idempotencyKey, request, 201,
                view -> ORGANISATIONS + "/" + view.id(), () -> createOrganisation(request));
    }

    OrganisationView createOrganisation(OrganisationRequest request) {
        if (request.id() != null && Organisation.findById(request.id()) != null) {
            throw ProblemException.conflict("An organisation with id " + request.id() + " already exists",
                    Map.of("id", request.id()));
        }
        if (request.creditCode() != null && Organisation.count("creditCode", request.creditCode()) > 0) {
            throw ProblemException.conflict("An organisation with credit code " + request.creditCode()
                    + " already exists", Map.of("creditCode", request.creditCode()));
        }
        Organisation org = new Organisation();
        org.id = request.id() != null ? request.id() : UUID.randomUUID();
        org.name = request.name().trim();
        org.type = request.type();
        org.regionCode = request.regionCode();
        org.creditCode = request.creditCode();
        org.createdAt = now();
        persist(org, "An organisation with this id or credit code already exists");
        events.organisationChanged(org);
        return IdentityMapper.view(org);
    }

    /**
     * Enables or disables an organisation: a disabled one's users and clients get no tokens. The platform's own
     * organisation holds the administrators and cannot be disabled (409). A change is published on identity.v1.
     */
    public Optional<OrganisationView> setOrganisationEnabled(UUID id, boolean enabled) {
        return Organisation.<Organisation>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).map(org -> {
            if (!enabled && org.type == OrgType.PLATFORM) {
                throw ProblemException.conflict("The platform's own organisation holds the administrators and "
                        + "cannot be disabled", Map.of("id", org.id));
            }
            if (org.enabled != enabled) {
                org.enabled = enabled;
                events.organisationChanged(org);
            }
            return IdentityMapper.view(org);
        });
    }

    public Page<OrganisationView> organisations(OrgType type, PageRequest page) {
        Where where = new Where().andIf(type, "type = :type", "type");
        return page(Organisation.<Organisation>find(where.query(), Sort.by("createdAt").and("id"), where.parameters()),
                page, IdentityMapper::view);
    }

    public Optional<OrganisationView> organisation(UUID id) {
        return Organisation.<Organisation>findByIdOptional(id).map(IdentityMapper::view);
    }

    // ------------------------------------------------------------------ users

    public UserView createUser(UserRequest request) {
        String username = UserRequest.normalise(request.username());
        Organisation org = Organisation.findById(request.organisationId());
        boolean lead = Boolean.TRUE.equals(request.lead());
        FieldErrors errors = new FieldErrors().check(Secrets.fits(request.password()), "password", Secrets.TOO_LONG);
        if (lead && org != null) {
            checkLead(org, normalisedRoles(request.roles()), errors);
        }
        Set<String> roles = checkAccount(org, request.roles(), "organisationId", errors);
        requireFreeSubject(username, "username");
        UserAccount user = new UserAccount();
        user.id = UUID.randomUUID();
        user.username = username;
        user.displayName = request.displayName();
        user.passwordHash = secrets.hash(request.password());
        user.organisationId = org.id;
        user.roles = roles;
        user.lead = lead;
        user.createdAt = now();
        persist(user, "The username " + username + " is taken");
        events.userChanged(user);
        return IdentityMapper.view(user);
    }

    public Page<UserView> users(UUID organisationId, PageRequest page) {
        Where where = new Where().andIf(organisationId, "organisationId = :org", "org");
        return page(UserAccount.<UserAccount>find(where.query(), Sort.by("createdAt").and("id"), where.parameters()),
                page, IdentityMapper::view);
    }

    public Optional<UserView> user(UUID id) {
        return UserAccount.<UserAccount>findByIdOptional(id).map(IdentityMapper::view);
    }

    /** Enables or disables a user; a change is published on identity.v1. */
    public Optional<UserView> setUserEnabled(UUID id, boolean enabled) {
        return UserAccount.<UserAccount>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).map(u -> {
            if (u.enabled != enabled) {
                u.enabled = enabled;
                events.userChanged(u);
            }
            return IdentityMapper.view(u);
        });
    }

    /**
     * Makes a user a broker lead, or takes it back; a change is published on identity.v1. Only a BROKER of a
     * BROKERAGE may lead: 400 naming {@code lead} otherwise. Taking the flag away is always allowed.
     */
    public Optional<UserView> setUserLead(UUID id, boolean lead) {
        return UserAccount.<UserAccount>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).map(u -> {
            if (lead) {
                FieldErrors errors = checkLead(Organisation.findById(u.organisationId), u.roles, new FieldErrors());
                if (!errors.list().isEmpty()) {
                    throw ProblemException.validation(errors.list());
                }
            }
            if (u.lead != lead) {
                u.lead = lead;
                events.userChanged(u);
            }
            return IdentityMapper.view(u);
        });
    }

    /**
     * Replaces a user's password hash, made by {@link Passwords} before this transaction so that no row lock is held
     * while bcrypt runs, and fires {@link PasswordChanged} in this transaction. Nothing goes on identity.v1: nothing
     * public about the user changed, so neither the version nor the event stream moves.
     */
    Optional<UserView> setPasswordHash(UUID id, String passwordHash) {
        return UserAccount.<UserAccount>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).map(u -> {
            u.passwordHash = passwordHash;
            passwordChanged.fire(new PasswordChanged(u.id, u.username));
            return IdentityMapper.view(u);
        });
    }

    /** Whether any enabled user holds {@code ADMIN}. */
    public boolean anyAdmin() {
        return ((Number) em.createNativeQuery(
                "select count(*) from app_user where enabled and roles @> cast('[\"ADMIN\"]' as jsonb)")
                .getSingleResult()).longValue() > 0;
    }

    // ------------------------------------------------------------------ clients

    public ClientCredentials createClient(ClientRequest request) {
        Organisation org = Organisation.findById(request.organisationId());
        Set<String> roles = checkAccount(org, request.roles(), "organisationId", new FieldErrors());
        String clientId = request.clientId() != null ? request.clientId() : "kc-" + Secrets.hex(8);
        requireFreeSubject(clientId, "clientId");
        String secret = Secrets.generate(SECRET_BYTES);
        ApiClient client = new ApiClient();
        client.id = UUID.randomUUID();
        client.clientId = clientId;
        client.name = request.name().trim();
        client.secretHash = secrets.hash(secret);
        client.organisationId = org.id;
        client.roles = roles;
        client.rateLimit = request.rateLimit();
        client.createdAt = now();
        persist(client, "The client id " + clientId + " is taken");
        return new ClientCredentials(IdentityMapper.view(client), secret);
    }

    public Page<ClientView> clients(UUID organisationId, PageRequest page) {
        Where where = new Where().andIf(organisationId, "organisationId = :org", "org");
        return page(ApiClient.<ApiClient>find(where.query(), Sort.by("createdAt").and("id"), where.parameters()),
                page, IdentityMapper::view);
    }

    public Optional<ClientView> client(UUID id) {
        return ApiClient.<ApiClient>findByIdOptional(id).map(IdentityMapper::view);
    }

    public Optional<ClientView> setClientEnabled(UUID id, boolean enabled) {
        return ApiClient.<ApiClient>findByIdOptional(id).map(c -> {
            c.enabled = enabled;
            return IdentityMapper.view(c);
        });
    }

    /**
     * Lets a client use its write roles ({@code granted}), recording the admin and the time, or takes that back. A
     * client whose roles are all read-only has nothing to grant: 409.
     */
    public Optional<ClientView> setClientWriteGrant(UUID id, boolean granted, Caller admin) {
        return ApiClient.<ApiClient>findByIdOptional(id).map(c -> {
            if (granted) {
                if (RoleRules.readOnly(c.roles).equals(c.roles)) {
                    throw ProblemException.conflict("Client " + c.clientId + " has only read-only roles "
                            + c.roles + ": there is no write to grant", Map.of("roles", c.roles));
                }
                c.writeGrantedBy = admin.subject();
                c.writeGrantedAt = now();
            } else {
                c.writeGrantedBy = null;
                c.writeGrantedAt = null;
            }
            return IdentityMapper.view(c);
        });
    }

    /** Replaces a client's secret; the old one stops working at once (tokens already issued run out on their own). */
    public Optional<ClientCredentials> resetSecret(UUID id) {
        return ApiClient.<ApiClient>findByIdOptional(id).map(c -> {
            String secret = Secrets.generate(SECRET_BYTES);
            c.secretHash = secrets.hash(secret);
            return new ClientCredentials(IdentityMapper.view(c), secret);
        });
    }

    // ------------------------------------------------------------------ rules

    /** A lead leads brokers of a brokerage: the user must hold BROKER and belong to a BROKERAGE. */
    private static FieldErrors checkLead(Organisation org, Set<String> roles, FieldErrors errors) {
        return errors.check(org.type == OrgType.BROKERAGE && roles.contains(Roles.BROKER), "lead",
                "only a user with the role BROKER of an organisation of type BROKERAGE can be a lead (this user: "
                        + "roles " + new java.util.TreeSet<>(roles) + ", organisation type " + org.type + ")");
    }

    private static Set<String> normalisedRoles(Set<String> requested) {
        Set<String> roles = new LinkedHashSet<>();
        requested.forEach(raw -> roles.add(role(raw)));
        return roles;
    }

    /** Roles are matched upper-case, whatever the request wrote. */
    private static String role(String raw) {
        return raw == null ? "" : raw.trim().toUpperCase(java.util.Locale.ROOT);
    }

    /** The roles, upper-cased, if the organisation exists and may hold each of them; otherwise a 400 listing everything wrong. */
    private static Set<String> checkAccount(Organisation org, Set<String> requested, String orgField, FieldErrors errors) {
        errors.check(org != null, orgField, "no such organisation");
        Set<String> roles = new LinkedHashSet<>();
        for (String raw : requested) {
            String role = role(raw);
            if (!RoleRules.known(role)) {
                errors.check(false, "roles", "unknown role '" + raw + "'; roles are " + RoleRules.ALL);
            } else if (org != null && !RoleRules.allowed(role, org.type)) {
                errors.check(false, "roles", role + " is only for organisations of type " + RoleRules.heldBy(role)
                        + ", not " + org.type);
            } else {
                roles.add(role);
            }
        }
        if (!errors.list().isEmpty()) {
            throw ProblemException.validation(errors.list());
        }
        return roles;
    }

    /** Usernames and client ids are both token subjects, so they must not collide with each other either. */
    private static void requireFreeSubject(String subject, String field) {
        if (UserAccount.count("username", subject) > 0 || ApiClient.count("clientId", subject) > 0) {
            throw ProblemException.conflict("'" + subject + "' is already a username or client id",
                    Map.of(field, subject));
        }
    }

    private void persist(Object entity, String duplicateMessage) {
        try {
            em.persist(entity);
            em.flush();
        } catch (PersistenceException e) {
            if (e instanceof ConstraintViolationException || e.getCause() instanceof ConstraintViolationException) {
                throw ProblemException.conflict(duplicateMessage, Map.of());
            }
            throw e;
        }
    }

    private static <E, T> Page<T> page(PanacheQuery<E> query, PageRequest request, Function<E, T> view) {
        long total = query.count();
        List<T> items = query.page(request.page, request.size).list().stream().map(view).toList();
        return Page.of(items, request, total);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
