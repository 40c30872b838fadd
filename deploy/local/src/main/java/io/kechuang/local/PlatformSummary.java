package io.kechuang.local;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What runs where, and how to use it: the text printed once the platform is up. */
final class PlatformSummary {

    private PlatformSummary() {
    }

    static String of(RunningPlatform platform) {
        Layout layout = platform.layout();
        StringBuilder sb = new StringBuilder();
        Optional<ServiceProcess> gateway = platform.gatewayProcess();
        gateway.ifPresent(g -> {
            URI base = localhost(g);
            sb.append(String.format("  %-20s %s   the platform's one entry point:%n", g.name(), base))
                    .append(String.format("  %-20s   console    %s/console (in the browser; sign in with the accounts "
                            + "below)%n", "", base))
                    .append(String.format("  %-20s   API        %s/api/achievements, /api/demands, /api/matches, /api/search%n", "", base))
                    .append(String.format("  %-20s   sign-in    %s/auth/token%n", "", base))
                    .append(String.format("  %-20s   Swagger UI %s/q/swagger-ui (the whole platform: %s/openapi)%n", "", base, base));
        });
        for (ServiceProcess s : platform.services()) {
            if (!s.spec().issuesTokens()) {
                sb.append(String.format("  %-20s %s   behind the gateway%n", s.name(), localhost(s)));
            }
        }
        sb.append(String.format("  %-20s health /q/health and metrics /q/metrics, on each service's own management "
                + "port (never the public one):%n", "management"));
        for (ServiceProcess s : platform.services()) {
            sb.append(String.format("  %-20s   %-20s %s/q/health%n", "", s.name(), managementLocalhost(s)));
        }
        String events = "deploy/local/run events achievements.v1"
                + (platform.kafkaNode().brokerPort() == Options.DEFAULT_KAFKA_PORT ? ""
                        : " --bootstrap " + platform.kafkaBootstrapServers());
        sb.append(String.format("  %-20s %s   (watch a topic: %s)%n", "Kafka", platform.kafkaBootstrapServers(), events))
                .append(String.format("  %-20s %s   (user %s, password %s; one database per service)%n", "PostgreSQL",
                        platform.jdbcUrl("<database>"), platform.databaseUsername(), platform.databasePassword()))
                .append('\n')
                .append(String.format("  %-8s %s   (delete it to start from scratch)%n", "data", layout.root()))
                .append(String.format("  %-8s %s   (launcher.log holds Kafka's log too)%n", "logs", layout.logs()));
        Optional<DemoSessions> sessions = platform.sessions();
        if (gateway.isPresent() && sessions.isPresent()) {
            Instant expires = sessions.get().held().expiresAt();
            String dataFlag = layout.root().equals(platform.options().repoRoot().resolve(Options.DEFAULT_ROOT_NAME))
                    ? "" : " --data " + layout.root();
            sb.append('\n')
                    .append(String.format("  %-8s user %s, password %s   (kept in %s)%n", "admin",
                            DemoUser.ADMIN.subject(), platform.adminPassword(), layout.adminPassword()))
                    .append(String.format("  %-8s %s, %s, %s, %s (the brokerage's lead) (password %s); API client "
                            + "%s%n", "demo", DemoUser.UNIVERSITY.subject(), DemoUser.ENTERPRISE.subject(),
                            DemoUser.BROKER.subject(), DemoUser.BROKER_LEAD.subject(), DemoUser.DEMO_PASSWORD,
                            DemoUser.PARTNER.subject()))
                    .append(String.format("  %-8s local-only demo credentials%n", ""))
                    .append(String.format("  %-8s source %s   (valid until %s: they last 15 minutes)%n", "tokens",
                            layout.tokens(), DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault())
                                    .format(expires)))
                    .append(String.format("  %-8s %s%n", "", Arrays.stream(DemoUser.values())
                            .map(u -> "$" + u.tokenVariable()).collect(Collectors.joining(" "))))
                    .append(String.format("  %-8s then:   curl -H \"Authorization: Bearer $UNIVERSITY_TOKEN\" $GATEWAY/api/achievements%n", ""))
                    .append(String.format("  %-8s again:  deploy/local/run tokens%s && source %s%n", "", dataFlag,
                            layout.tokens()))
                    .append(String.format("  %-8s one:    deploy/local/run token university%s%n", "", dataFlag));
            platform.demoReport().ifPresent(demo -> sb.append('\n').append(demo(demo, layout)));
        }
        sb.append("\nStop with Ctrl-C.");
        return sb.toString();
    }

    /** The demo data's sign-ins and one query to start with. */
    private static String demo(DemoSeed.Report demo, Layout layout) {
        DemoData data = DemoData.load(new DemoData.Size(0, 0));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("  %-8s %d achievements, %d demands, %d suggestions (%d of %d demands have some)%n",
                "demo", demo.achievements(), demo.demands(), demo.suggestions(), demo.demandsWithSuggestions(),
                demo.demands()));
        for (String type : List.of("UNIVERSITY", "RESEARCH_INSTITUTE", "ENTERPRISE", "BROKERAGE")) {
            String people = data.organisations().stream().filter(o -> o.type().equals(type))
                    .flatMap(o -> o.users().stream()).map(DemoData.User::username).collect(Collectors.joining(", "));
            sb.append(String.format("  %-8s %-18s %s%n", "", type.toLowerCase(Locale.ROOT).replace('_', ' '),
                    people));
        }
        sb.append(String.format("  %-8s every one signs in with the password %s%n", "", DemoUser.DEMO_PASSWORD));
        demo.exampleDemandId().ifPresent(id -> sb.append(String.format("  %-8s try:    source %s && curl -s "
                + "\"$GATEWAY/api/matches/demands/%s/suggestions?size=3\" -H \"Authorization: Bearer $BROKER_TOKEN\"%n", "",
                layout.tokens(), id)));
        return sb.toString();
    }

    /** {@code http://localhost:<management port>}: where its health and metrics are. */
    static URI managementLocalhost(ServiceProcess service) {
        return URI.create("http://localhost:" + service.managementPort());
    }

    /** {@code http://localhost:<port>}: how a person on this machine writes it (the README's examples do). */
    static URI localhost(ServiceProcess service) {
        return URI.create("http://localhost:" + service.port());
    }
}
