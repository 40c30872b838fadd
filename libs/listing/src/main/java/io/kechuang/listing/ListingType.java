package io.kechuang.listing;

import io.kechuang.listing.lifecycle.AllowedActions;
import io.kechuang.common.problem.FieldError;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.Caller;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Everything {@link Listings} needs to know about one kind of listing: its entity, who may post it, its status
 * machine and which statuses are public, how it maps to the API and to its event, what it needs before going public,
 * and when it expires. A service declares one, once, with {@link #of} and the {@link Builder}.
 *
 * @param <E> the entity
 * @param <S> its status enum
 * @param <R> the owner's create/replace request
 * @param <V> the API view
 */
public final class ListingType<E extends Listing, S extends Enum<S>, R extends ListingRequest, V extends ListingView> {

    /** Mapping between entity, request, view and event payload. */
    public record Mapping<E, R, V>(BiConsumer<R, E> apply, BiFunction<E, Disclosure, V> view, Function<E, ?> state) {
    }

    /** The status machine: where drafts start, which statuses are on the market, what each status allows. */
    public record Lifecycle<E, S extends Enum<S>>(Function<E, S> get, BiConsumer<E, S> set, S draft, Set<S> publicStatuses,
            AllowedActions<S> actions) {
    }

    private final Class<E> entity;
    private final Supplier<E> factory;
    private final String resource;
    private final String basePath;
    private final Predicate<Caller> writers;
    private final String writerRefusal;
    private final Lifecycle<E, S> lifecycle;
    private final Mapping<E, R, V> mapping;
    private final String topic;
    private final String updatedEvent;
    private final String resyncedEvent;
    private final String removedEvent;
    private final Transition<E, S> publication;
    private final BiFunction<E, LocalDate, List<FieldError>> readiness;
    private final String dueIdsSql;
    private final Transition<E, S> expiry;

    private ListingType(Builder<E, S, R, V> b) {
        this.entity = b.entity;
        this.factory = b.factory;
        this.resource = b.entity.getSimpleName();
        this.basePath = b.basePath;
        this.writers = Objects.requireNonNull(b.writers, "postedBy");
        this.writerRefusal = b.writerRefusal;
        this.lifecycle = Objects.requireNonNull(b.lifecycle, "lifecycle");
        this.mapping = Objects.requireNonNull(b.mapping, "mapping");
        this.topic = Objects.requireNonNull(b.topic, "events");
        this.updatedEvent = b.updatedEvent;
        this.resyncedEvent = Objects.requireNonNull(b.resyncedEvent, "resyncs");
        this.removedEvent = Objects.requireNonNull(b.removedEvent, "resyncs");
        this.publication = Objects.requireNonNull(b.publication, "goesPublic");
        this.readiness = b.readiness;
        this.dueIdsSql = b.dueIdsSql;
        this.expiry = b.expiry;
    }

    /**
     * Starts the declaration of a kind of listing.
     *
     * @param basePath the collection's path, e.g. {@code /api/demands}; a listing's {@code Location} is below it
     */
    public static <E extends Listing, S extends Enum<S>, R extends ListingRequest, V extends ListingView>
            Builder<E, S, R, V> of(Class<E> entity, Supplier<E> factory, String basePath) {
        return new Builder<>(entity, factory, basePath);
    }

    /** Collects a declaration; every part but {@link #expires} is required. */
    public static final class Builder<E extends Listing, S extends Enum<S>, R extends ListingRequest, V extends ListingView> {
        private final Class<E> entity;
        private final Supplier<E> factory;
        private final String basePath;
        private Predicate<Caller> writers;
        private String writerRefusal;
        private Lifecycle<E, S> lifecycle;
        private Mapping<E, R, V> mapping;
        private String topic;
        private String updatedEvent;
        private String resyncedEvent;
        private String removedEvent;
        private Transition<E, S> publication;
        private BiFunction<E, LocalDate, List<FieldError>> readiness;
        private String dueIdsSql;
        private Transition<E, S> expiry;

        private Builder(Class<E> entity, Supplier<E> factory, String basePath) {
            this.entity = entity;
            this.factory = factory;
            this.basePath = basePath;
        }

        /** Who may create listings of this kind and change their own (403 for everyone else, with {@code refusal}). */
        public Builder<E, S, R, V> postedBy(Predicate<Caller> writers, String refusal) {
            this.writers = writers;
            this.writerRefusal = refusal;
            return this;
        }

        public Builder<E, S, R, V> lifecycle(Lifecycle<E, S> lifecycle) {
            this.lifecycle = lifecycle;
            return this;
        }

        public Builder<E, S, R, V> mapping(Mapping<E, R, V> mapping) {
            this.mapping = mapping;
            return this;
        }

        /** Where events go, and the type an edit of a public listing emits. Drafts never emit. */
        public Builder<E, S, R, V> events(String topic, String updatedEvent) {
            this.topic = topic;
            this.updatedEvent = updatedEvent;
            return this;
        }

        /**
         * The event types of a resync ({@link ListingResync}): a listing republished as it is, and a key Kafka knows
         * that the database no longer has on the market.
         */
        public Builder<E, S, R, V> resyncs(String resyncedEvent, String removedEvent) {
            this.resyncedEvent = resyncedEvent;
            this.removedEvent = removedEvent;
            return this;
        }

        /**
         * How a listing goes public (used by imports that publish straight away), and what it must satisfy whenever
         * it enters a public status or is edited while public.
         */
        public Builder<E, S, R, V> goesPublic(Transition<E, S> publication,
                BiFunction<E, LocalDate, List<FieldError>> readiness) {
            this.publication = publication;
            this.readiness = readiness;
            return this;
        }

        /**
         * @param dueIdsSql native SQL selecting the ids of listings due as of {@code ?1} (a date), in processing order
         * @param expiry the move the expiry job makes; it needs no owner and no allowed action
         */
        public Builder<E, S, R, V> expires(String dueIdsSql, Transition<E, S> expiry) {
            this.dueIdsSql = dueIdsSql;
            this.expiry = expiry;
            return this;
        }

        public ListingType<E, S, R, V> build() {
            return new ListingType<>(this);
        }
    }

    public String resource() {
        return resource;
    }

    public Class<E> entity() {
        return entity;
    }

    /** An {@code Idempotency-Key} scope of this kind, e.g. {@code demand.create}. */
    public String scope(String operation) {
        return resource.toLowerCase(Locale.ROOT) + "." + operation;
    }

    public String location(UUID id) {
        return basePath + "/" + id;
    }

    void requireWriter(Caller caller) {
        if (!writers.test(caller)) {
            throw ProblemException.forbidden(writerRefusal);
        }
    }

    E newDraft() {
        E listing = factory.get();
        lifecycle.set().accept(listing, lifecycle.draft());
        return listing;
    }

    S status(E listing) {
        return lifecycle.get().apply(listing);
    }

    void status(E listing, S status) {
        lifecycle.set().accept(listing, status);
    }

    boolean isPublic(S status) {
        return lifecycle.publicStatuses().contains(status);
    }

    Set<S> publicStatuses() {
        return lifecycle.publicStatuses();
    }

    AllowedActions<S> actions() {
        return lifecycle.actions();
    }

    void apply(R request, E listing) {
        mapping.apply().accept(request, listing);
    }

    V view(E listing, Disclosure disclosure) {
        return mapping.view().apply(listing, disclosure);
    }

    Object state(E listing) {
        return mapping.state().apply(listing);
    }

    String topic() {
        return topic;
    }

    String updatedEvent() {
        return updatedEvent;
    }

    String resyncedEvent() {
        return resyncedEvent;
    }

    String removedEvent() {
        return removedEvent;
    }

    boolean isDraft(E listing) {
        return status(listing) == lifecycle.draft();
    }

    Transition<E, S> publication() {
        return publication;
    }

    List<FieldError> readiness(E listing, LocalDate today) {
        return readiness.apply(listing, today);
    }

    String dueIdsSql() {
        if (dueIdsSql == null) {
            throw new IllegalStateException(resource + " listings do not expire");
        }
        return dueIdsSql;
    }

    Transition<E, S> expiry() {
        return expiry;
    }
}
