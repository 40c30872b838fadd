package io.kechuang.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * What one service really reads, taken from its sources: its {@code application.properties} (the production
 * values, i.e. without the {@code %test} profile), the {@code @ConfigMapping} interfaces and {@code @ConfigProperty}
 * names in its code and in the libraries (libs/common, libs/listing), and the {@code ${VARIABLE}} references in either. Environment variables
 * that a container description sets are checked against it, so that a misspelt variable, which Quarkus would
 * silently ignore, fails the build.
 */
final class ServiceConfig {

    /** The services of the platform, as deploy/local's KnownServices lists them. */
    static final List<String> SERVICES = List.of("gateway", "achievement-service", "demand-service", "matching-service");

    /**
     * Standard Quarkus settings the descriptions set that no application.properties of ours names (checked against
     * the configuration reference of quarkus-vertx-http: HTTP proxy forwarding, the TLS server and its certificate
     * files; and of SmallRye JWT: the certificate trusted when the JWK set is fetched over HTTPS).
     */
    static final Set<String> STANDARD_QUARKUS_PROPERTIES = Set.of("quarkus.http.proxy.trusted-proxies",
            "quarkus.http.ssl-port", "quarkus.http.ssl.certificate.files", "quarkus.http.ssl.certificate.key-files",
            "quarkus.http.ssl.certificate.reload-period", "smallrye.jwt.client.tls.certificate.path",
            "quarkus.shutdown.delay");

    /** Every setting a Kafka admin, consumer or producer client accepts. */
    static final Set<String> KAFKA_CLIENT_SETTINGS = kafkaClientSettings();

    private static final Pattern VARIABLE_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)[^{]*\\{");
    private static final Pattern ANNOTATION = Pattern.compile("@[\\w.]+(\\s*\\((\"[^\"]*\"|[^)\"])*\\))?");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\(\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern METHOD = Pattern.compile("([\\w.<>\\[\\], ?]+?)\\s+(\\w+)\\s*\\(\\s*\\)\\s*$");

    final String name;
    final Properties properties;
    /** Property names, exact or ending in {@code .*} for a map: the service's own, its mappings' and the libraries'. */
    final Set<String> propertyNames = new LinkedHashSet<>();
    /** Environment variables that the configuration references directly, such as KECHUANG_GATEWAY_URL. */
    final Set<String> referencedVariables = new LinkedHashSet<>();

    private ServiceConfig(String name) {
        this.name = name;
        this.properties = load(DeployFiles.ROOT.resolve("services").resolve(name)
                .resolve("src/main/resources/application.properties"));
        for (String key : properties.stringPropertyNames()) {
            propertyNames.add(withoutProfile(key));
            collectReferences(properties.getProperty(key));
        }
        scanSources(DeployFiles.ROOT.resolve("services").resolve(name).resolve("src/main/java"));
        for (String library : List.of("libs/common", "libs/listing")) {
            scanSources(DeployFiles.ROOT.resolve(library).resolve("src/main/java"));
        }
    }

    private static final Map<String, ServiceConfig> CACHE = new HashMap<>();

    static synchronized ServiceConfig of(String service) {
        return CACHE.computeIfAbsent(service, ServiceConfig::new);
    }

    /** The production value of a property: {@code %prod.} wins over the plain key; other profiles are ignored. */
    Optional<String> value(String key) {
        String v = properties.getProperty("%prod." + key, properties.getProperty(key));
        return Optional.ofNullable(v).map(String::strip);
    }

    int httpPort() {
        return Integer.parseInt(value("quarkus.http.port").orElseThrow());
    }

    /** The port of its management interface (health and metrics); it must be enabled. */
    int managementPort() {
        if (!value("quarkus.management.enabled").map(Boolean::parseBoolean).orElse(false)) {
            throw new AssertionError(name + " serves health and metrics on its public port: no management interface");
        }
        return Integer.parseInt(value("quarkus.management.port").orElse("9000"));
    }

    /** The database it owns: the path of its default JDBC URL. */
    String database() {
        return jdbcDatabase(value("quarkus.datasource.jdbc.url").orElseThrow());
    }

    boolean usesKafka() {
        return value("kafka.bootstrap.servers").isPresent();
    }

    /** {@code kechuang.kafka.produced-topics} in production. */
    Set<String> producedTopics() {
        return value("kechuang.kafka.produced-topics")
                .map(v -> new LinkedHashSet<>(Arrays.stream(v.split(",")).map(String::strip).toList()))
                .map(s -> (Set<String>) s).orElse(Set.of());
    }

    static String jdbcDatabase(String jdbcUrl) {
        String path = URI.create(jdbcUrl.substring("jdbc:".length())).getPath();
        return path.substring(1);
    }

    /**
     * Why an environment variable is not something this service reads, or empty if it is: a property of its
     * configuration in environment-variable form, a variable its configuration references, or a Kafka client setting
     * (Quarkus hands every {@code KAFKA_*} variable to the Kafka clients, lower-cased with {@code _} turned into
     * {@code .}).
     */
    Optional<String> unknownVariable(String variable) {
        if (variable.startsWith("KAFKA_")) {
            String setting = variable.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
            if (!usesKafka()) {
                return Optional.of(variable + ": " + name + " does not use Kafka");
            }
            return KAFKA_CLIENT_SETTINGS.contains(setting) ? Optional.empty()
                    : Optional.of(variable + ": '" + setting + "' is not a Kafka client setting");
        }
        if (referencedVariables.contains(variable)) {
            return Optional.empty();
        }
        for (String property : propertyNames) {
            if (property.endsWith(".*") ? variable.startsWith(environmentName(property.substring(0, property.length() - 2)) + "_")
                    : variable.equals(environmentName(property))) {
                return Optional.empty();
            }
        }
        for (String property : STANDARD_QUARKUS_PROPERTIES) {
            if (variable.equals(environmentName(property))) {
                return Optional.empty();
            }
        }
        return Optional.of(variable + ": " + name + " reads no such property or variable");
    }

    /** The environment-variable form of a property name (MicroProfile Config: non-alphanumerics become _). */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static String withoutProfile(String key) {
        return key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
    }

    private void collectReferences(String text) {
        Matcher m = VARIABLE_REFERENCE.matcher(text);
        while (m.find()) {
            referencedVariables.add(m.group(1));
        }
    }

    private void scanSources(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher property = CONFIG_PROPERTY.matcher(source);
                while (property.find()) {
                    propertyNames.add(property.group(1));
                }
                Matcher mapping = CONFIG_MAPPING.matcher(source);
                if (mapping.find()) {
                    collectReferences(source);
                    propertyNames.addAll(mappedProperties(source));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The property names a {@code @ConfigMapping} interface declares: prefix plus each method name in kebab case (or
     * its {@code @WithName}), nested interfaces as further segments, maps as {@code name.*}.
     */
    static Set<String> mappedProperties(String source) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
        Matcher mapping = CONFIG_MAPPING.matcher(code);
        if (!mapping.find()) {
            return Set.of();
        }
        Map<String, String> interfaces = new HashMap<>();
        Matcher i = INTERFACE.matcher(code);
        String root = null;
        while (i.find()) {
            interfaces.put(i.group(1), body(code, i.end() - 1));
            if (root == null && i.start() > mapping.end()) {
                root = i.group(1);
            }
        }
        Set<String> out = new LinkedHashSet<>();
        walk(mapping.group(1), interfaces.get(root), interfaces, out, new HashSet<>());
        return out;
    }

    private static void walk(String prefix, String body, Map<String, String> interfaces, Set<String> out, Set<String> seen) {
        String declarations = withoutBlocks(body);
        for (String chunk : declarations.split(";")) {
            if (chunk.matches("(?s).*\\bdefault\\b.*")) {
                continue; // a default method computes from other properties; it is no property itself
            }
            String withName = null;
            Matcher n = WITH_NAME.matcher(chunk);
            if (n.find()) {
                withName = n.group(1);
            }
            String plain = ANNOTATION.matcher(chunk).replaceAll(" ").strip();
            Matcher method = METHOD.matcher(plain);
            if (!method.find()) {
                continue;
            }
            String type = method.group(1).strip();
            String property = prefix + "." + (withName != null ? withName : kebab(method.group(2)));
            if (type.startsWith("Map<")) {
                out.add(property + ".*");
                continue;
            }
            String simple = type.replaceAll("^(Optional|List|Set)<(.*)>$", "$2").replaceAll("^(Optional|List|Set)<(.*)>$", "$2");
            if (interfaces.containsKey(simple) && seen.add(property)) {
                walk(property, interfaces.get(simple), interfaces, out, seen);
            } else {
                out.add(property);
            }
        }
    }

    /** The text between the brace at {@code open} and its match. */
    private static String body(String code, int open) {
        int depth = 0;
        for (int p = open; p < code.length(); p++) {
            char c = code.charAt(p);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return code.substring(open + 1, p);
            }
        }
        throw new IllegalStateException("Unbalanced braces");
    }

    /** The text with every {...} block (nested interfaces, default method bodies) replaced by a semicolon. */
    private static String withoutBlocks(String body) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (char c : body.toCharArray()) {
            if (c == '{') {
                if (depth++ == 0) {
                    out.append(';');
                }
            } else if (c == '}') {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Properties load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static Set<String> kafkaClientSettings() {
        Set<String> names = new HashSet<>(AdminClientConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(ProducerConfig.configNames());
        return Set.copyOf(names);
    }
}
