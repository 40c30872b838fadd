package io.kechuang.reliability;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kechuang.local.DemoUser;
import io.kechuang.reliability.Gateway.Answer;
import io.kechuang.reliability.Ledger.Kind;
import io.kechuang.reliability.Ledger.Listing;

/**
 * The client threads: enterprises that create, open, update and close demands; a university that publishes and
 * withdraws achievements; a broker who moves matches through the workflow. Every call goes through the gateway with
 * a demo account's token; every acknowledged write goes into the {@link Ledger}. Each thread draws from its own
 * seeded {@link Random}, so a seed replays the same choices (the timing, and so the faults' effects, varies).
 */
final class Load {

    /** Creates are retried with the same Idempotency-Key this often when they get no answer. */
    private static final int CREATE_ATTEMPTS = 4;

    private final Gateway gateway;
    private final Ledger ledger;
    private final Function<DemoUser, String> tokens;
    private final JsonNode demandTemplate;
    private final JsonNode achievementTemplate;
    private final String run;
    private volatile boolean stopping;

    Load(Gateway gateway, Ledger ledger, Function<DemoUser, String> tokens, JsonNode demandTemplate,
            JsonNode achievementTemplate, String run) {
        this.gateway = gateway;
        this.ledger = ledger;
        this.tokens = tokens;
        this.demandTemplate = demandTemplate;
        this.achievementTemplate = achievementTemplate;
        this.run = run;
    }

    void stop() {
        stopping = true;
    }

    /** The thread bodies: {@code enterprises} demand owners, one university, one broker. */
    List<Runnable> clients(long seed, int enterprises) {
        List<Runnable> clients = new ArrayList<>();
        for (int i = 0; i < enterprises; i++) {
            Random random = new Random(seed * 31 + i);
            String prefix = "E" + i;
            clients.add(loop(random, new DemandOwner(random, prefix)::step));
        }
        Random university = new Random(seed * 31 + 101);
        clients.add(loop(university, new AchievementOwner(university)::step));
        Random broker = new Random(seed * 31 + 202);
        clients.add(loop(broker, new Broker(broker)::step));
        return clients;
    }

    private Runnable loop(Random random, Runnable step) {
        return () -> {
            while (!stopping) {
                step.run();
                pause(100 + random.nextInt(200));
            }
        };
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String token(DemoUser user) {
        while (true) {
            try {
                return tokens.apply(user);
            } catch (RuntimeException gatewayAway) {
                if (stopping) {
                    throw gatewayAway;
                }
                pause(500);
            }
        }
    }

    /** POST a create with one Idempotency-Key, again after no answer; the acknowledged answer, or null. */
    private Answer create(String operation, String path, DemoUser owner, JsonNode body) {
        String key = "reliability-" + UUID.randomUUID();
        for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
            Answer answer = gateway.call(operation, "POST", path, token(owner), body, key, null);
            if (answer.acknowledged() || answer.status() >= 400 && answer.status() < 500) {
                return answer.acknowledged() ? answer : null;
            }
            pause(500L * attempt);
        }
        return null;
    }

    private static String ifMatch(Listing listing) {
        return "\"" + listing.version + "\"";
    }

    /** After a 412: reads the listing, whose committed state the ledger then holds. */
    private void refresh(Listing listing, DemoUser owner, String path) {
        Answer read = gateway.call(path.contains("demand") ? "demand.read" : "achievement.read", "GET",
                path + "/" + listing.id, token(owner), null, null, null);
        if (read.acknowledged()) {
            listing.acknowledged(read.body().path("status").asText(), read.body().path("title").asText(),
                    read.version());
        }
    }

    /** Applies the answer of a write that moves a listing to {@code status} (and {@code title}). */
    private void settle(Listing listing, Answer answer, String status, String title, DemoUser owner, String path) {
        if (answer.acknowledged()) {
            listing.acknowledged(answer.body().path("status").asText(status), title, answer.version());
            ledger.acknowledgedWrite();
        } else if (answer.status() == 0 || answer.status() >= 500) {
            listing.unanswered(status, title);
        } else if (answer.status() == 412 || answer.status() == 409) {
            refresh(listing, owner, path);
        }
    }

    private final class DemandOwner {
        private final Random random;
        private final String prefix;
        private final List<Listing> mine = new ArrayList<>();
        private int made;

        DemandOwner(Random random, String prefix) {
            this.random = random;
            this.prefix = prefix;
        }

        void step() {
            List<Listing> churn = mine.stream().filter(l -> !l.workflow && l.status.equals("OPEN")).toList();
            int dice = random.nextInt(10);
            if (dice < 4 || churn.isEmpty()) {
                createAndOpen();
            } else if (dice < 8) {
                update(churn.get(random.nextInt(churn.size())));
            } else {
                close(churn.get(random.nextInt(churn.size())));
            }
        }

        private void createAndOpen() {
            String title = "RH-" + run + "-" + prefix + "-" + (++made) + " 动力电池SOH在线估计";
            ObjectNode body = demandTemplate.deepCopy();
            body.put("title", title);
            Answer created = create("demand.create", "/api/demands", DemoUser.ENTERPRISE, body);
            if (created == null) {
                ledger.createUnanswered(title);
                return;
            }
            Listing listing = new Listing(Kind.DEMAND, created.body().path("id").asText(), random.nextInt(3) == 0,
                    "DRAFT", title, created.version());
            ledger.created(listing);
            mine.add(listing);
            Answer opened = gateway.call("demand.open", "POST", "/api/demands/" + listing.id + "/open",
                    token(DemoUser.ENTERPRISE), null, null, ifMatch(listing));
            settle(listing, opened, "OPEN", title, DemoUser.ENTERPRISE, "/api/demands");
        }

        private void update(Listing listing) {
            String title = listing.title.replaceFirst(" v\\d+$", "") + " v" + (listing.version + 1);
            ObjectNode body = demandTemplate.deepCopy();
            body.put("title", title);
            Answer answer = gateway.call("demand.update", "PUT", "/api/demands/" + listing.id,
                    token(DemoUser.ENTERPRISE), body, null, ifMatch(listing));
            settle(listing, answer, listing.status, title, DemoUser.ENTERPRISE, "/api/demands");
        }

        private void close(Listing listing) {
            ObjectNode body = Gateway.JSON.createObjectNode().put("reason", "NO_LONGER_NEEDED");
            Answer answer = gateway.call("demand.close", "POST", "/api/demands/" + listing.id + "/close",
                    token(DemoUser.ENTERPRISE), body, null, ifMatch(listing));
            settle(listing, answer, "CLOSED", listing.title, DemoUser.ENTERPRISE, "/api/demands");
        }
    }

    private final class AchievementOwner {
        private final Random random;
        private final List<Listing> mine = new ArrayList<>();
        private int made;

        AchievementOwner(Random random) {
            this.random = random;
        }

        void step() {
            List<Listing> published = mine.stream().filter(l -> l.status.equals("PUBLISHED")).toList();
            List<Listing> withdrawn = mine.stream().filter(l -> l.status.equals("WITHDRAWN")).toList();
            int dice = random.nextInt(10);
            if (dice < 5 || published.isEmpty()) {
                createAndPublish();
            } else if (dice < 8 || withdrawn.isEmpty()) {
                move(published.get(random.nextInt(published.size())), "withdraw", "WITHDRAWN");
            } else {
                move(withdrawn.get(random.nextInt(withdrawn.size())), "publish", "PUBLISHED");
            }
        }

        private void createAndPublish() {
            String title = "RH-" + run + "-A-" + (++made) + " 锂离子电池健康状态估计方法";
            ObjectNode body = achievementTemplate.deepCopy();
            body.put("title", title);
            Answer created = create("achievement.create", "/api/achievements", DemoUser.UNIVERSITY, body);
            if (created == null) {
                ledger.createUnanswered(title);
                return;
            }
            Listing listing = new Listing(Kind.ACHIEVEMENT, created.body().path("id").asText(), false, "DRAFT",
                    title, created.version());
            ledger.created(listing);
            mine.add(listing);
            move(listing, "publish", "PUBLISHED");
        }

        private void move(Listing listing, String action, String status) {
            JsonNode body = action.equals("withdraw")
                    ? Gateway.JSON.createObjectNode().put("reason", "reliability harness") : null;
            Answer answer = gateway.call("achievement." + action, "POST",
                    "/api/achievements/" + listing.id + "/" + action, token(DemoUser.UNIVERSITY), body, null,
                    ifMatch(listing));
            settle(listing, answer, status, listing.title, DemoUser.UNIVERSITY, "/api/achievements");
        }
    }

    /** Moves matches of workflow demands: introduce, meeting, negotiate, contract. */
    private final class Broker {
        private final Random random;

        Broker(Random random) {
            this.random = random;
        }

        void step() {
            Answer queue = gateway.call("match.queue", "GET", "/api/matches/queue?size=50", token(DemoUser.BROKER),
                    null, null, null);
            if (!queue.acknowledged()) {
                return;
            }
            List<JsonNode> movable = new ArrayList<>();
            for (JsonNode item : queue.body().path("items")) {
                Listing demand = ledger.listing(item.path("demand").path("id").asText());
                if (demand != null && demand.workflow && next(item.path("status").asText()) != null) {
                    movable.add(item);
                }
            }
            if (movable.isEmpty()) {
                return;
            }
            JsonNode match = movable.get(random.nextInt(movable.size()));
            String id = match.path("id").asText();
            String status = match.path("status").asText();
            String action = next(status);
            Answer answer = gateway.call("match." + action, "POST", "/api/matches/" + id + "/" + action,
                    token(DemoUser.BROKER), body(action), null, "\"" + match.path("version").asLong() + "\"");
            if (answer.acknowledged()) {
                ledger.transition(new Ledger.Transition(id, answer.body().path("status").asText(),
                        answer.body().path("version").asLong(answer.version())));
            }
        }

        private static String next(String status) {
            return switch (status) {
                case "SUGGESTED", "SHORTLISTED" -> "introduce";
                case "INTRODUCED" -> "meeting";
                case "MEETING_SCHEDULED" -> "negotiate";
                case "NEGOTIATING" -> "contract";
                default -> null;
            };
        }

        private JsonNode body(String action) {
            ObjectNode body = Gateway.JSON.createObjectNode();
            switch (action) {
                case "introduce" -> body.put("comment", "可靠性测试：介绍双方");
                case "meeting" -> {
                    body.put("at", "2027-03-01T14:00:00+08:00").put("place", "天府软件园E3会议室");
                    body.putArray("participants").add("刘工").add("陈老师");
                }
                case "contract" -> body.put("amount", 100000 + random.nextInt(900000)).put("currency", "CNY")
                        .put("cooperationMode", "LICENCE")
                        .put("signedOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString());
                default -> {
                    return null;
                }
            }
            return body;
        }
    }
}
