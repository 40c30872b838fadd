package io.kechuang.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

import io.kechuang.local.DemoUser;
import io.kechuang.local.RunningPlatform;
import io.kechuang.reliability.Gateway.Answer;
import io.kechuang.reliability.Ledger.Kind;
import io.kechuang.reliability.Ledger.Listing;

/**
 * The checks after quiescence, against the services' databases (read directly over JDBC, not through the proxies),
 * the topics (read whole, outside any group), the matching service's search and the services' health. Each finding
 * is lost (an acknowledged write or an event that is not where it must be), duplicate (an effect applied twice) or
 * divergent (two services, or a service and its index, disagree).
 */
final class Checks {

    enum Category { LOST, DUPLICATE, DIVERGENT }

    record Finding(Category category, String check, String detail) {
    }

    /** What the checks found, and what they looked at. */
    record Result(List<Finding> findings, Map<String, Object> looked) {
        long count(Category category) {
            return findings.stream().filter(f -> f.category() == category).count();
        }
    }

    private static final Set<String> INTRODUCED_OR_LATER = Set.of("INTRODUCED", "MEETING_SCHEDULED", "NEGOTIATING",
            "CONTRACTED");

    private final RunningPlatform platform;
    private final Ledger ledger;
    private final Gateway gateway;
    private final Function<DemoUser, String> tokens;
    private final String run;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Object> looked = new LinkedHashMap<>();
    /** Event ids and subjects (aggregate ids) by topic, each topic read once. */
    private final Map<String, Set<String>> onTopic = new HashMap<>();
    private final Map<String, Set<String>> subjectsByTopic = new HashMap<>();
    /** The highest aggregateVersion of each aggregate on each topic read. */
    private final Map<String, Long> lastVersion = new HashMap<>();
    /** The highest revision (epoch, then version) of each aggregate on each topic read, as one number. */
    private final Map<String, Long> lastRevision = new HashMap<>();

    Checks(RunningPlatform platform, Ledger ledger, Gateway gateway, Function<DemoUser, String> tokens, String run) {
        this.platform = platform;
        this.ledger = ledger;
        this.gateway = gateway;
        this.tokens = tokens;
        this.run = run;
    }

    Result run() throws Exception {
        try (Connection achievements = connect("achievements"); Connection demands = connect("demands");
                Connection matching = connect("matching"); Connection identity = connect("gateway")) {
            Map<String, Row> demandRows = listings(demands, "demand");
            Map<String, Row> achievementRows = listings(achievements, "achievement");
            acknowledgedListings(demandRows, achievementRows);
            createdOnce(demands, "demand");
            createdOnce(achievements, "achievement");
            Map<String, List<Activity>> log = matchLog(matching);
            acknowledgedTransitions(log);
            transitionsOnce(log);
            suggestionPairsOnce(matching);
            Map<String, Match> matches = matches(matching);
            matchLinks(achievements, "achievement-service", matches);
            matchLinks(demands, "demand-service", matches);
            demandStatusesFollowMatches(demandRows, matches);
            Map<String, Connection> outboxes = new LinkedHashMap<>();
            outboxes.put("achievement-service", achievements);
            outboxes.put("demand-service", demands);
            outboxes.put("matching-service", matching);
            outboxes.put("gateway", identity);
            eventsReachedTheirTopics(outboxes);
            publicListingsOnTheirTopics(demandRows, achievementRows);
            indexHoldsTheActiveItems(demands, achievements);
        }
        consumersAlive();
        return new Result(List.copyOf(findings), Map.copyOf(looked));
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(platform.jdbcUrl(database), platform.databaseUsername(),
                platform.databasePassword());
    }

    private void found(Category category, String check, String detail) {
        findings.add(new Finding(category, check, detail));
    }

    // ---------------------------------------------------------------------------------------------- listings

    private record Row(String id, String status, String title, long version) {
    }

    private Map<String, Row> listings(Connection db, String table) throws SQLException {
        Map<String, Row> rows = new HashMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("select id::text, status, title, version "
                + "from " + table + " where title like 'RH-" + run + "-%'")) {
            while (rs.next()) {
                rows.put(rs.getString(1), new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
            }
        }
        return rows;
    }

    /** Every acknowledged create, status change and update is in the listing's database. */
    private void acknowledgedListings(Map<String, Row> demands, Map<String, Row> achievements) {
        int checked = 0;
        for (Listing listing : ledger.listings()) {
            checked++;
            Row row = (listing.kind == Kind.DEMAND ? demands : achievements).get(listing.id);
            String what = listing.kind.name().toLowerCase() + " " + listing.id + " (" + listing.title + ")";
            if (row == null) {
                found(Category.LOST, "acknowledged writes", what + " was created (acknowledged) but is not in its "
                        + "database");
                continue;
            }
            if (!listing.possibleTitles().contains(row.title())) {
                found(Category.LOST, "acknowledged writes", what + ": acknowledged title(s) " + listing.possibleTitles()
                        + ", database holds '" + row.title() + "'");
            }
            if (row.version() < listing.version) {
                found(Category.LOST, "acknowledged writes", what + ": acknowledged version " + listing.version
                        + ", database holds " + row.version());
            }
            if (!listing.workflow && !listing.possibleStatuses().contains(row.status())) {
                found(Category.LOST, "acknowledged writes", what + ": acknowledged status(es) "
                        + listing.possibleStatuses() + ", database holds " + row.status());
            }
        }
        looked.put("listings acknowledged", checked);
    }

    /** Creates retried with one Idempotency-Key made one listing each. */
    private void createdOnce(Connection db, String table) throws SQLException {
        String base = "regexp_replace(title, ' v[0-9]+$', '')";
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("select " + base + ", count(*) from "
                + table + " where title like 'RH-" + run + "-%' group by 1 having count(*) > 1")) {
            while (rs.next()) {
                found(Category.DUPLICATE, "creates", rs.getLong(2) + " " + table + "s titled '" + rs.getString(1)
                        + "': one create (one Idempotency-Key) made several");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- matches

    private record Activity(long id, String action, String from, String to) {
    }

    private Map<String, List<Activity>> matchLog(Connection matching) throws SQLException {
        Map<String, List<Activity>> log = new HashMap<>();
        try (Statement s = matching.createStatement(); ResultSet rs = s.executeQuery("select match_id::text, id, "
                + "action, from_status, to_status from match_activity where to_status is not null order by id")) {
            while (rs.next()) {
                log.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new Activity(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        }
        looked.put("matches with a log", log.size());
        return log;
    }

    /** Every acknowledged broker move is in the match log. */
    private void acknowledgedTransitions(Map<String, List<Activity>> log) {
        List<Ledger.Transition> acknowledged = ledger.transitions();
        looked.put("match transitions acknowledged", acknowledged.size());
        for (Ledger.Transition t : acknowledged) {
            boolean logged = log.getOrDefault(t.matchId(), List.of()).stream().anyMatch(a -> t.toStatus().equals(a.to()));
            if (!logged) {
                found(Category.LOST, "acknowledged transitions", "match " + t.matchId() + " → " + t.toStatus()
                        + " was acknowledged but is not in the match log");
            }
        }
    }

    /**
     * No transition applied twice: in each match's log, no status change follows an identical one (a legitimate
     * repeat, such as EXPIRED again after a republication, has other changes between), and each change starts where
     * the one before ended.
     */
    private void transitionsOnce(Map<String, List<Activity>> log) {
        log.forEach((match, activities) -> {
            Activity previous = null;
            for (Activity a : activities) {
                if (previous != null && Objects.equals(a.from(), previous.from()) && Objects.equals(a.to(), previous.to())
                        && Objects.equals(a.action(), previous.action()) && !Objects.equals(a.from(), a.to())) {
                    found(Category.DUPLICATE, "transitions", "match " + match + ": " + a.action() + " " + a.from()
                            + " → " + a.to() + " logged twice in a row (activity " + previous.id() + " and " + a.id()
                            + ")");
                } else if (previous != null && a.from() != null && !a.from().equals(previous.to())) {
                    found(Category.DIVERGENT, "match log", "match " + match + ": activity " + a.id() + " moves from "
                            + a.from() + " but the one before (" + previous.id() + ") ended in " + previous.to());
                }
                previous = a;
            }
        });
    }

    private void suggestionPairsOnce(Connection matching) throws SQLException {
        try (Statement s = matching.createStatement(); ResultSet rs = s.executeQuery("select demand_id, achievement_id, "
                + "count(*) from match_suggestion group by 1, 2 having count(*) > 1")) {
            while (rs.next()) {
                found(Category.DUPLICATE, "suggestion pairs", rs.getLong(3) + " suggestions of achievement "
                        + rs.getString(2) + " for demand " + rs.getString(1));
            }
        }
    }

    private record Match(String id, String demandId, String status, long version, boolean introduced,
            String lastLogged) {
    }

    private Map<String, Match> matches(Connection matching) throws SQLException {
        Map<String, Match> matches = new HashMap<>();
        try (Statement s = matching.createStatement(); ResultSet rs = s.executeQuery("select m.id::text, "
                + "m.demand_id::text, m.status, m.version, m.introduced_at is not null, (select a.to_status from "
                + "match_activity a where a.match_id = m.id and a.to_status is not null order by a.id desc limit 1) "
                + "from match_suggestion m")) {
            while (rs.next()) {
                Match m = new Match(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getBoolean(5),
                        rs.getString(6));
                matches.put(m.id(), m);
                if (m.lastLogged() != null && !m.lastLogged().equals(m.status())) {
                    found(Category.DIVERGENT, "match log", "match " + m.id() + " is " + m.status()
                            + " but its log ends in " + m.lastLogged());
                }
            }
        }
        looked.put("matches", matches.size());
        return matches;
    }

    /**
     * Each listing service holds every match of its listings at the matching service's status and version, and
     * discloses contacts (introduced) exactly where the match log has the parties introduced.
     */
    private void matchLinks(Connection db, String service, Map<String, Match> matches) throws SQLException {
        onTopic.computeIfAbsent("matches.v1", this::eventIds);
        Set<String> linked = new HashSet<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("select match_id::text, status, version, "
                + "introduced_at is not null from match_link")) {
            while (rs.next()) {
                String id = rs.getString(1);
                linked.add(id);
                Match m = matches.get(id);
                if (m == null) {
                    found(Category.DIVERGENT, "match links", service + " holds match " + id
                            + ", which the matching service does not");
                    continue;
                }
                // The match's version moves on without an event when it is only rescored: the link must hold the
                // status the matching service has, at the version of the match's last event.
                long published = lastVersion.getOrDefault("matches.v1/" + id, -1L);
                if (!m.status().equals(rs.getString(2)) || published != rs.getLong(3)) {
                    found(Category.DIVERGENT, "match links", service + " holds match " + id + " as " + rs.getString(2)
                            + "@" + rs.getLong(3) + "; the matching service has it " + m.status() + "@" + m.version()
                            + ", its last event on matches.v1 is at version " + published);
                }
                if (m.introduced() != rs.getBoolean(4)) {
                    found(Category.DIVERGENT, "contact disclosure", service + (rs.getBoolean(4) ? " discloses" :
                            " withholds") + " contacts for match " + id + ", whose log says the parties were "
                            + (m.introduced() ? "" : "not ") + "introduced");
                }
            }
        }
        int unpublished = 0;
        for (Match m : matches.values()) {
            if (linked.contains(m.id())) {
                continue;
            }
            long published = lastVersion.getOrDefault("matches.v1/" + m.id(), -1L);
            if (published >= 0) {
                found(Category.DIVERGENT, "match links", service + " never applied match " + m.id() + " ("
                        + m.status() + "@" + m.version() + ", on matches.v1 up to version " + published + ")");
            } else {
                unpublished++;
            }
        }
        looked.put("matches without any event on matches.v1", unpublished);
        looked.put("match links in " + service, linked.size());
    }

    /**
     * A demand the broker workflow moved is FULFILLED once one of its matches is contracted, else IN_NEGOTIATION while
     * one is introduced or further, else OPEN.
     */
    private void demandStatusesFollowMatches(Map<String, Row> demands, Map<String, Match> matches) {
        Map<String, Set<String>> statusesByDemand = new HashMap<>();
        matches.values().forEach(m -> statusesByDemand.computeIfAbsent(m.demandId(), k -> new HashSet<>()).add(m.status()));
        int checked = 0;
        for (Listing listing : ledger.listings()) {
            Row row = demands.get(listing.id);
            if (listing.kind != Kind.DEMAND || !listing.workflow || row == null || row.status().equals("DRAFT")) {
                continue;
            }
            checked++;
            Set<String> statuses = statusesByDemand.getOrDefault(listing.id, Set.of());
            String expected = statuses.contains("CONTRACTED") ? "FULFILLED"
                    : statuses.stream().anyMatch(INTRODUCED_OR_LATER::contains) ? "IN_NEGOTIATION" : "OPEN";
            if (!expected.equals(row.status())) {
                found(Category.DIVERGENT, "demand statuses", "demand " + listing.id + " is " + row.status()
                        + " but its matches " + statuses + " make it " + expected);
            }
        }
        looked.put("workflow demands", checked);
    }

    // ---------------------------------------------------------------------------------------------- events

    private static long revision(long epoch, long version) {
        return epoch * 1_000_000_000L + version;
    }

    /**
     * Every event any outbox holds reached its topic at least once, and none is still waiting. The event topics are
     * compacted: once a segment is closed (a broker restart closes one), Kafka keeps only the last event of each key,
     * so an event that is no longer there counts as delivered when its key has a later revision on the topic, and as
     * lost only when it has none.
     */
    private void eventsReachedTheirTopics(Map<String, Connection> outboxes) throws SQLException {
        long rows = 0;
        for (Map.Entry<String, Connection> outbox : outboxes.entrySet()) {
            try (Statement s = outbox.getValue().createStatement(); ResultSet rs = s.executeQuery("select event_id::text, "
                    + "topic, message_key, event_type, sent_at is not null, coalesce((payload::jsonb ->> 'epoch')::bigint, 0), "
                    + "coalesce((payload::jsonb ->> 'aggregateVersion')::bigint, -1) from outbox_event")) {
                while (rs.next()) {
                    rows++;
                    String topic = rs.getString(2);
                    Set<String> ids = onTopic.computeIfAbsent(topic, this::eventIds);
                    if (!rs.getBoolean(5)) {
                        found(Category.LOST, "events", outbox.getKey() + ": event " + rs.getString(1) + " ("
                                + rs.getString(4) + " of " + rs.getString(3) + ") is still unsent after quiescence");
                    } else if (!ids.contains(rs.getString(1))
                            && lastRevision.getOrDefault(topic + "/" + rs.getString(3), Long.MIN_VALUE)
                            <= revision(rs.getLong(6), rs.getLong(7))) {
                        found(Category.LOST, "events", outbox.getKey() + ": event " + rs.getString(1) + " ("
                                + rs.getString(4) + " of " + rs.getString(3) + ") is marked sent but is not on " + topic + ", nor any later event of its key");
                    }
                }
            }
            try (Statement s = outbox.getValue().createStatement(); ResultSet rs = s.executeQuery("select message_key, "
                    + "payload::jsonb ->> 'epoch', payload::jsonb ->> 'aggregateVersion', count(*) from outbox_event "
                    + "group by topic, 1, 2, 3 having count(*) > 1")) {
                while (rs.next()) {
                    found(Category.DUPLICATE, "effects", outbox.getKey() + " wrote " + rs.getLong(4) + " events for "
                            + rs.getString(1) + " at epoch " + rs.getString(2) + ", version " + rs.getString(3)
                            + ": one change applied more than once");
                }
            }
        }
        looked.put("outbox events", rows);
        onTopic.forEach((topic, ids) -> looked.put("events on " + topic, ids.size()));
    }

    /** Every listing acknowledged as public (or public before) has at least one event on its topic. */
    private void publicListingsOnTheirTopics(Map<String, Row> demands, Map<String, Row> achievements) {
        for (Listing listing : ledger.listings()) {
            Row row = (listing.kind == Kind.DEMAND ? demands : achievements).get(listing.id);
            if (row == null || row.status().equals("DRAFT")) {
                continue;
            }
            String topic = listing.kind == Kind.DEMAND ? "demands.v1" : "achievements.v1";
            onTopic.computeIfAbsent(topic, this::eventIds);
            if (!subjectsByTopic.get(topic).contains(listing.id)) {
                found(Category.LOST, "events", listing.kind.name().toLowerCase() + " " + listing.id + " is "
                        + row.status() + " but no event of it is on " + topic);
            }
        }
    }

    /** The ids of every event on {@code topic}, read from the beginning to the end, outside any consumer group. */
    private Set<String> eventIds(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Set<String> ids = new HashSet<>();
        Set<String> subjects = subjectsByTopic.computeIfAbsent(topic, t -> new HashSet<>());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    // Never a silent short read: every event past this point would be counted as lost.
                    throw new IllegalStateException("could not read " + topic + " to its end within 5 minutes");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        continue;
                    }
                    try {
                        JsonNode event = Gateway.JSON.readTree(record.value());
                        ids.add(event.path("id").asText());
                        String subject = event.path("subject").asText(record.key());
                        subjects.add(subject);
                        lastVersion.merge(topic + "/" + subject, event.path("aggregateVersion").asLong(-1), Math::max);
                        lastRevision.merge(topic + "/" + subject, revision(event.path("epoch").asLong(0),
                                event.path("aggregateVersion").asLong(-1)), Math::max);
                    } catch (Exception notJson) {
                        // not an event envelope: nothing to count
                    }
                }
            }
        }
        return ids;
    }

    // ---------------------------------------------------------------------------------------------- index

    /** The matching service's search (active, unexpired items only) finds exactly the active listings. */
    private void indexHoldsTheActiveItems(Connection demands, Connection achievements) throws SQLException {
        compare("DEMAND", activeIds(demands, "select id::text from demand where status in ('OPEN', 'IN_NEGOTIATION') "
                + "and (deadline is null or deadline >= current_date)"));
        compare("ACHIEVEMENT", activeIds(achievements, "select id::text from achievement where status = 'PUBLISHED' "
                + "and (expires_on is null or expires_on >= current_date)"));
    }

    private static Set<String> activeIds(Connection db, String sql) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private void compare(String type, Set<String> active) {
        Set<String> indexed = new HashSet<>();
        long total = -1;
        for (int page = 0; page * 50 < 1000; page++) {
            Answer answer = gateway.call("check.search", "GET", "/api/search?type=" + type + "&sort=recent&size=50&page="
                    + page, tokens.apply(DemoUser.ADMIN), null, null, null);
            if (!answer.acknowledged()) {
                found(Category.DIVERGENT, "index", "search for " + type + " answered " + answer.status());
                return;
            }
            total = answer.body().path("total").asLong(-1);
            JsonNode items = answer.body().path("items");
            items.forEach(item -> indexed.add(item.path("id").asText()));
            if (items.size() < 50) {
                break;
            }
        }
        looked.put("active " + type.toLowerCase() + "s (database / index)", active.size() + " / " + total);
        if (total != active.size()) {
            found(Category.DIVERGENT, "index", "the index holds " + total + " active " + type.toLowerCase()
                    + "s, the database " + active.size());
        }
        if (active.size() <= 1000) {
            Set<String> missing = new HashSet<>(active);
            missing.removeAll(indexed);
            Set<String> extra = new HashSet<>(indexed);
            extra.removeAll(active);
            String route = type.equals("DEMAND") ? "demands" : "achievements";
            missing.forEach(id -> {
                // What the matching service says of it: 404 while it has not indexed it (or holds it inactive).
                Answer suggestions = gateway.call("check.suggestions", "GET", "/api/matches/" + route + "/" + id
                        + "/suggestions?size=1", tokens.apply(DemoUser.ADMIN), null, null, null);
                found(Category.DIVERGENT, "index", type.toLowerCase() + " " + id + " is active but not in the index"
                        + " (its suggestions answer " + suggestions.status() + ")");
            });
            extra.forEach(id -> found(Category.DIVERGENT, "index", type.toLowerCase() + " " + id
                    + " is in the index but not active"));
        }
    }

    // ---------------------------------------------------------------------------------------------- liveness

    /** Every service's liveness (the consumer skeleton's "Kafka consumers" check among them) is UP. */
    private void consumersAlive() {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
            platform.managementUrls().forEach((service, url) -> {
                try {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(url.resolve("/q/health/live"))
                            .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    JsonNode health = Gateway.JSON.readTree(answer.body());
                    if (answer.statusCode() != 200 || !"UP".equals(health.path("status").asText())) {
                        found(Category.DIVERGENT, "liveness", service + " is not live: " + answer.body());
                    }
                } catch (Exception e) {
                    found(Category.DIVERGENT, "liveness", service + "'s liveness did not answer: " + e);
                }
            });
        }
        looked.put("services live", platform.managementUrls().keySet());
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
            URI matching = platform.managementUrls().get("matching-service");
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(matching.resolve("/q/health/ready"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            looked.put("matching readiness", ready.body().replaceAll("\\s+", " "));
        } catch (Exception e) {
            looked.put("matching readiness", "no answer: " + e);
        }
    }
}
