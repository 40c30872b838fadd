package io.kechuang.local;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import sun.misc.Signal;

/**
 * The local platform's entry point.
 *
 * <p>From code (the end-to-end test):
 * <pre>{@code
 * try (RunningPlatform platform = LocalPlatform.start(Options.builder().root(dir).randomPorts().build())) {
 *     URI gateway = platform.gatewayUrl();                  // the one entry point
 *     String token = platform.token(DemoUser.UNIVERSITY);  // a real token from the gateway's /auth/token
 *     ...
 * }
 * }</pre>
 *
 * <p>From a shell, through {@code deploy/local/run} (which builds first): {@code start} (the default),
 * {@code events <topic>}, {@code tokens}, {@code token <user>}; {@code --help} lists the options.
 */
public final class LocalPlatform {

    static final String USAGE = """
            Usage: deploy/local/run [--no-build] [start] [options]   build, then start the platform (Ctrl-C stops it)
                   deploy/local/run events TOPIC [--new] [--max N] [--bootstrap HOST:PORT]
                                                                  print a topic's records (key, headers, JSON)
                   deploy/local/run tokens [--data DIR]            sign the demo accounts in again: fresh gateway
                                                                  tokens in tokens.env (they last 15 minutes)
                   deploy/local/run token USER [--data DIR]        print a fresh gateway token for one demo account:
                                                                  university, enterprise, broker, broker_lead,
                                                                  partner or admin

            Options of start:
              --data DIR                 data, logs, credentials and tokens (default: <repo>/.kechuang)
              --services A,B             only these services, and the gateway (default: every built one)
              --kafka-port N             default 9092 (--kafka-controller-port N, default 9093)
              --postgres-port N          default 5432
              --port SERVICE=N           a service's HTTP port (gateway 8080, achievement-service 8081,
                                         demand-service 8082, matching-service 8083)
              --management-port SERVICE=N  a service's management port: health /q/health and metrics
                                         /q/metrics, never on the HTTP port (gateway 9080, achievement-service
                                         9081, demand-service 9082, matching-service 9083)
              --random-ports             free ports for everything (a second platform beside the first)
              --ready-timeout SECONDS    per service (default 120)
              --kafka-process            run the Kafka broker as a process of its own (logs/kafka.log), which can
                                         be killed outright, instead of inside the launcher; restarted alike
              --demo                     load the demo data through the gateway once the platform is up: 19
                                         organisations with their people, 240 achievements, 56 demands (a second
                                         start with --demo creates nothing twice)
              --no-build                 (deploy/local/run) start what is built, without building

            Options of events:
              --new                      only records written from now on (default: from the beginning)
              --max N                    stop after N records (default: follow until Ctrl-C)
              --bootstrap HOST:PORT      the broker (default: the running platform's, else 127.0.0.1:9092)
              --data DIR                 the platform's folder, to find its broker
            """;

    private LocalPlatform() {
    }

    /**
     * Starts Kafka and PostgreSQL in this JVM, then every chosen and built service, and waits until all are ready.
     * Returns the running platform; {@link RunningPlatform#close()} stops it.
     *
     * @throws PlatformStartException if a part did not come up (everything started is stopped again)
     * @throws IllegalStateException  if the ports or the folder are taken, or requested services are not built
     */
    public static RunningPlatform start(Options options) {
        RunningPlatform platform = new RunningPlatform(options);
        boot(platform);
        return platform;
    }

    private static void boot(RunningPlatform platform) {
        try {
            platform.boot();
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    public static void main(String[] args) {
        LauncherLogging.useJbossLogManager();
        System.exit(run(args));
    }

    static int run(String[] arguments) {
        Deque<String> args = new ArrayDeque<>(List.of(arguments));
        String command = args.isEmpty() || args.peek().startsWith("-") ? "start" : args.pop();
        try {
            return switch (command) {
                case "start" -> startFromCommandLine(args);
                case "events" -> events(args);
                case "tokens" -> tokens(args);
                case "token" -> token(args);
                case "help" -> usage(0);
                default -> throw new IllegalArgumentException("Unknown command " + command);
            };
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return usage(2);
        }
    }

    private static int usage(int code) {
        (code == 0 ? System.out : System.err).print(USAGE);
        return code;
    }

    // ------------------------------------------------------------------------------------------ start

    private static int startFromCommandLine(Deque<String> args) {
        Options.Builder builder = Options.builder();
        boolean parsed = parse(args, builder::root, option -> {
            switch (option) {
                case "--services" -> builder.services(List.of(value(option, args).split(",")));
                case "--kafka-port" -> builder.kafkaPort(port(option, value(option, args)));
                case "--kafka-controller-port" -> builder.kafkaControllerPort(port(option, value(option, args)));
                case "--postgres-port" -> builder.postgresPort(port(option, value(option, args)));
                case "--port", "--management-port" -> {
                    String[] nameAndPort = value(option, args).split("=", 2);
                    if (nameAndPort.length != 2) {
                        throw new IllegalArgumentException(option + " takes SERVICE=N");
                    }
                    if (option.equals("--port")) {
                        builder.servicePort(nameAndPort[0], port(option, nameAndPort[1]));
                    } else {
                        builder.managementPort(nameAndPort[0], port(option, nameAndPort[1]));
                    }
                }
                case "--random-ports" -> builder.randomPorts();
                case "--demo" -> builder.demo();
                case "--kafka-process" -> builder.kafkaInChildProcess();
                case "--ready-timeout" -> builder.readyTimeout(Duration.ofSeconds(number(option, value(option, args))));
                default -> throw new IllegalArgumentException("Unknown option " + option);
            }
        });
        if (!parsed) {
            return usage(0);
        }
        Options options = builder.build();
        Layout layout = options.layout();
        try {
            Files.createDirectories(layout.logs());
        } catch (IOException e) {
            System.err.println("Cannot create " + layout.logs() + ": " + e.getMessage());
            return 1;
        }
        LauncherLogging.toFile(layout.launcherLog());

        RunningPlatform platform = new RunningPlatform(options);
        AtomicInteger signals = new AtomicInteger();
        Runnable stop = () -> {
            if (signals.incrementAndGet() == 1) {
                options.progress().info("\nStopping (press Ctrl-C again to kill the services at once) ...");
                platform.close();
            } else {
                options.progress().info("Killing the services ...");
                platform.killServices();
            }
        };
        // Ctrl-C and SIGTERM stop the services first, then Kafka and PostgreSQL. A plain shutdown hook cannot keep
        // that order: the broker's and the database's own hooks would run at the same time as ours.
        boolean handled = handleSignal("INT", stop) & handleSignal("TERM", stop);
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "local-platform-shutdown"));
        if (!handled) {
            options.progress().info("(signals are not handled here: Ctrl-C stops the services and servers together)");
        }
        try {
            boot(platform);
        } catch (RuntimeException e) {
            if (signals.get() > 0) {
                return 130;
            }
            options.progress().problem("The platform did not start: " + e.getMessage()
                    + "\nSee " + layout.logs() + " for the logs.");
            return 1;
        }
        try {
            return platform.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            platform.close();
            return 1;
        }
    }

    private static boolean handleSignal(String name, Runnable action) {
        try {
            Signal.handle(new Signal(name), signal -> action.run());
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------ events

    private static int events(Deque<String> args) {
        String topic = null;
        String bootstrap = null;
        Path data = null;
        boolean fromBeginning = true;
        long max = 0;
        while (!args.isEmpty()) {
            String arg = args.pop();
            switch (arg) {
                case "--help", "-h" -> {
                    return usage(0);
                }
                case "--new" -> fromBeginning = false;
                case "--max" -> max = number(arg, value(arg, args));
                case "--bootstrap" -> bootstrap = value(arg, args);
                case "--data" -> data = Path.of(value(arg, args));
                default -> {
                    if (arg.startsWith("-") || topic != null) {
                        throw new IllegalArgumentException("Unknown argument " + arg);
                    }
                    topic = arg;
                }
            }
        }
        if (topic == null) {
            throw new IllegalArgumentException("events needs a topic, e.g. achievements.v1");
        }
        LauncherLogging.warningsToConsole();
        if (bootstrap == null) {
            bootstrap = runningBootstrap(Options.builder().root(data).build().layout());
        }
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        return new EventTail(out).run(bootstrap, topic, fromBeginning, max, Duration.ofSeconds(30));
    }

    /** The broker of the platform running on that folder, else the usual port. */
    private static String runningBootstrap(Layout layout) {
        return running(layout).map(p -> p.getProperty("kafka.bootstrap.servers"))
                .orElse("127.0.0.1:" + Options.DEFAULT_KAFKA_PORT);
    }

    /** The addresses of the platform running on that folder (its platform.properties); empty if none runs there. */
    private static Optional<Properties> running(Layout layout) {
        Properties running = new Properties();
        try (var in = Files.newBufferedReader(layout.platformProperties(), StandardCharsets.UTF_8)) {
            running.load(in);
            return Optional.of(running);
        } catch (IOException notRunning) {
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------------------------------ tokens

    /** {@code tokens}: signs every demo account in at the running gateway and rewrites tokens.env. */
    private static int tokens(Deque<String> args) {
        Options.Builder builder = Options.builder();
        if (!parse(args, builder::root, arg -> {
            throw new IllegalArgumentException("Unknown argument " + arg);
        })) {
            return usage(0);
        }
        Layout layout = builder.build().layout();
        try {
            GatewayClient gateway = runningGateway(layout);
            DemoAccounts demo = new DemoAccounts(gateway, layout);
            PlatformTokens tokens = demo.signInAll();
            tokens.writeEnvFile(layout.tokens(), URI.create("http://localhost:" + gateway.baseUri().getPort()),
                    demo.credentials());
            System.out.println("Gateway tokens for " + Arrays.stream(DemoUser.values()).map(DemoUser::subject)
                    .collect(Collectors.joining(", ")) + ", valid until " + tokens.expiresAt() + ", written to "
                    + layout.tokens() + "\nLoad them with:  source " + layout.tokens());
            return 0;
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    /** {@code token USER}: prints a fresh gateway token for one demo account, nothing else (for $(...)). */
    private static int token(Deque<String> args) {
        Options.Builder builder = Options.builder();
        List<DemoUser> users = new ArrayList<>(1);
        if (!parse(args, builder::root, arg -> {
            if (arg.startsWith("-") || !users.isEmpty()) {
                throw new IllegalArgumentException("Unknown argument " + arg);
            }
            users.add(DemoUser.parse(arg).orElseThrow(() -> new IllegalArgumentException("No demo account '"
                    + arg + "'; they are university, enterprise, broker, broker_lead, partner and admin")));
        })) {
            return usage(0);
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException("token needs a demo account: university, enterprise, broker, "
                    + "broker_lead, partner or admin");
        }
        Layout layout = builder.build().layout();
        try {
            System.out.println(new DemoAccounts(runningGateway(layout), layout).signIn(users.getFirst()).accessToken());
            return 0;
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    /** The gateway of the platform running on that folder (its address is in platform.properties). */
    private static GatewayClient runningGateway(Layout layout) {
        Properties running = running(layout).orElseThrow(() -> new IllegalStateException("The platform is not running on "
                + layout.root() + ": start it with deploy/local/run (add --data DIR for another folder)"));
        String url = running.getProperty("gateway.url");
        if (url == null) {
            throw new IllegalStateException("The platform on " + layout.root() + " runs without the gateway");
        }
        return new GatewayClient(URI.create(url));
    }

    // ------------------------------------------------------------------------------------------ parsing

    /**
     * Walks a command's arguments: {@code --data DIR} goes to {@code data}, any other argument but {@code --help} to
     * {@code other}, which takes the option's value from {@code args} itself and throws IllegalArgumentException for
     * an argument it does not know. False after {@code --help} (or {@code -h}): print the usage instead.
     */
    private static boolean parse(Deque<String> args, Consumer<Path> data, Consumer<String> other) {
        while (!args.isEmpty()) {
            String arg = args.pop();
            switch (arg) {
                case "--help", "-h" -> {
                    return false;
                }
                case "--data" -> data.accept(Path.of(value(arg, args)));
                default -> other.accept(arg);
            }
        }
        return true;
    }

    private static String value(String option, Deque<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.pop();
    }

    private static long number(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, not '" + value + "'");
        }
    }

    private static int port(String option, String value) {
        long port = number(option, value);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + ": no such port " + value);
        }
        return (int) port;
    }
}
