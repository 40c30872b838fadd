package io.kechuang.deploy;

import static io.kechuang.deploy.DeployFiles.list;
import static io.kechuang.deploy.DeployFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kechuang.deploy.Manifests.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The services' workloads in deploy/k8s: probes on SmallRye Health, resource requests, two replicas, the matching
 * service's scale-out StatefulSet, and configuration that the services really read, wired to the Strimzi and
 * CloudNativePG resources beside them.
 */
class KubernetesManifestsTest {

    private static final Manifests K8S = Manifests.load();

    @Test
    void everyManifestIsListedInAKustomizationAndEveryListedFileExists() throws IOException {
        Set<Path> onDisk;
        try (Stream<Path> files = Files.walk(DeployFiles.K8S)) {
            onDisk = files.filter(f -> !f.startsWith(DeployFiles.K8S.resolve("src"))
                            && !f.startsWith(DeployFiles.K8S.resolve("target")))
                    .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
                    .collect(Collectors.toSet());
        }
        assertEquals(onDisk, K8S.listedFiles.keySet(), "manifests on disk and those the kustomizations list");
        try (Stream<Path> files = Files.walk(DeployFiles.K8S)) {
            Set<Path> kustomizations = files.filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
                    .filter(f -> !f.startsWith(DeployFiles.K8S.resolve("target")))
                    .collect(Collectors.toSet());
            assertEquals(kustomizations, new HashSet<>(K8S.kustomizations), "every kustomization is reached from the root");
        }
        assertEquals("kechuang", text(DeployFiles.document(DeployFiles.K8S.resolve("kustomization.yaml")), "namespace")
                .orElse(null));
    }

    @Test
    void everyServiceHasProbesOnSmallRyeHealthAndResourceRequests() {
        for (String service : ServiceConfig.SERVICES) {
            JsonNode pod = K8S.workload(service).node().path("spec").path("template");
            JsonNode container = onlyContainer(service);
            int port = ServiceConfig.of(service).httpPort();
            assertEquals("kechuang/" + service + ":0.1.0-SNAPSHOT", text(container, "image").orElse(null));
            assertProbe(container, "readinessProbe", "/q/health/ready", port, service);
            assertProbe(container, "livenessProbe", "/q/health/live", port, service);
            JsonNode requests = container.path("resources").path("requests");
            assertTrue(requests.has("cpu") && requests.has("memory"), service + " needs cpu and memory requests");
            assertEquals("false", text(pod, "spec", "enableServiceLinks").orElse(null),
                    service + ": service-link variables such as KAFKA_PORT would reach the Kafka clients");

            Resource svc = K8S.get("Service", service);
            JsonNode svcPort = list(svc.node().path("spec").path("ports")).get(0);
            assertEquals(port, svcPort.path("port").asInt(), service + " Service port");
            JsonNode labels = pod.path("metadata").path("labels");
            svc.node().path("spec").path("selector").fields().forEachRemaining(
                    e -> assertEquals(e.getValue().asText(), labels.path(e.getKey()).asText(), service + " selector"));
        }
    }

    @Test
    void statelessServicesRunTwoReplicasAndMatchingScalesOutAsAStatefulSet() {
        for (String service : ServiceConfig.SERVICES) {
            Resource workload = K8S.workload(service);
            assertEquals(2, workload.node().path("spec").path("replicas").asInt(), service + " replicas");
            assertEquals(service.equals("matching-service") ? "StatefulSet" : "Deployment", workload.kind(), service);
            assertTrue(K8S.find("PodDisruptionBudget", service).isPresent(), service + " keeps one replica in a drain");
        }
        Resource matching = K8S.workload("matching-service");
        Map<String, String> env = plainEnvironment(onlyContainer("matching-service"));
        String dataDir = env.get("KECHUANG_DATA_DIR");
        assertNotNull(dataDir, "the index lives in $KECHUANG_DATA_DIR/index");
        List<JsonNode> claims = list(matching.node().path("spec").path("volumeClaimTemplates"));
        assertEquals(1, claims.size(), "one volume per replica for its index");
        String claim = claims.get(0).path("metadata").path("name").asText();
        assertTrue(list(onlyContainer("matching-service").path("volumeMounts")).stream()
                .anyMatch(m -> m.path("name").asText().equals(claim) && m.path("mountPath").asText().equals(dataDir)),
                "the claim " + claim + " is mounted on " + dataDir);
        String group = env.get("KECHUANG_MATCHING_MATCH_GROUP");
        assertNotNull(group, "replicas share match computation through a consumer group");
        assertTrue(readableGroups(K8S.get("KafkaUser", "matching-service")).contains(group),
                "matching-service's KafkaUser may read its match group " + group);
        assertTrue(K8S.find("Service", text(matching.node(), "spec", "serviceName").orElse("")).isPresent(),
                "the StatefulSet's governing Service exists");
    }

    @Test
    void everyVariableIsOneTheServiceReads() {
        List<String> unknown = new ArrayList<>();
        for (String service : ServiceConfig.SERVICES) {
            ServiceConfig config = ServiceConfig.of(service);
            for (JsonNode var : list(onlyContainer(service).path("env"))) {
                config.unknownVariable(var.path("name").asText()).ifPresent(unknown::add);
            }
        }
        assertEquals(List.of(), unknown);
    }

    @Test
    void eachServiceSignsInToItsOwnDatabaseWithItsManagedRole() {
        Resource cluster = K8S.only("Cluster");
        assertEquals("postgresql.cnpg.io/v1", cluster.apiVersion());
        assertEquals(3, cluster.node().path("spec").path("instances").asInt(), "three PostgreSQL instances");
        JsonNode postgresql = cluster.node().path("spec").path("postgresql");
        assertEquals("on", postgresql.path("parameters").path("synchronous_commit").asText(),
                "a commit is acknowledged once its WAL is flushed");
        assertTrue(postgresql.path("parameters").path("fsync").asText("on").equals("on"), "fsync is never turned off");
        assertTrue(postgresql.path("synchronous").path("number").asInt() >= 1,
                "a failover to a replica loses no acknowledged commit");
        Map<String, String> rolePasswordSecrets = new LinkedHashMap<>();
        for (JsonNode role : list(cluster.node().path("spec").path("managed").path("roles"))) {
            assertEquals("true", text(role, "login").orElse(null), role.toString());
            rolePasswordSecrets.put(role.path("name").asText(), text(role, "passwordSecret", "name").orElseThrow());
        }
        Map<String, String> databaseOwners = new LinkedHashMap<>();
        for (Resource db : K8S.ofKind("Database")) {
            assertEquals(cluster.name(), text(db.node(), "spec", "cluster", "name").orElse(null), db.name());
            databaseOwners.put(text(db.node(), "spec", "name").orElseThrow(), text(db.node(), "spec", "owner").orElseThrow());
        }
        Set<String> serviceDatabases = new HashSet<>();
        for (String service : ServiceConfig.SERVICES) {
            String database = ServiceConfig.of(service).database();
            serviceDatabases.add(database);
            JsonNode container = onlyContainer(service);
            String url = plainEnvironment(container).get("QUARKUS_DATASOURCE_JDBC_URL");
            assertEquals("jdbc:postgresql://" + cluster.name() + "-rw:5432/" + database, url, service);
            String owner = databaseOwners.get(database);
            assertNotNull(owner, "no Database resource creates " + database);
            String secret = rolePasswordSecrets.get(owner);
            assertNotNull(secret, "the owner " + owner + " of " + database + " is no managed role");
            assertEquals(Optional.of(new SecretKey(secret, "username")), secretRef(container, "QUARKUS_DATASOURCE_USERNAME"));
            assertEquals(Optional.of(new SecretKey(secret, "password")), secretRef(container, "QUARKUS_DATASOURCE_PASSWORD"));
        }
        assertEquals(serviceDatabases, databaseOwners.keySet(), "one database per service, no other");
    }

    @Test
    void kafkaClientsUseTlsAndTheirOwnScramUser() {
        Resource kafka = K8S.only("Kafka");
        JsonNode listener = tlsListener(kafka);
        String bootstrap = kafka.name() + "-kafka-bootstrap:" + listener.path("port").asInt();
        String caSecret = kafka.name() + "-cluster-ca-cert";
        for (String service : ServiceConfig.SERVICES) {
            JsonNode container = onlyContainer(service);
            Map<String, String> env = plainEnvironment(container);
            if (!ServiceConfig.of(service).usesKafka()) {
                assertTrue(list(container.path("env")).stream().noneMatch(v -> v.path("name").asText().startsWith("KAFKA_")),
                        service + " does not use Kafka");
                assertTrue(K8S.find("KafkaUser", service).isEmpty(), service + " needs no Kafka user");
                continue;
            }
            assertEquals(bootstrap, env.get("KAFKA_BOOTSTRAP_SERVERS"), service);
            assertEquals("SASL_SSL", env.get("KAFKA_SECURITY_PROTOCOL"), service);
            assertEquals("SCRAM-SHA-512", env.get("KAFKA_SASL_MECHANISM"), service);
            assertEquals(Optional.of(new SecretKey(service, "sasl.jaas.config")), secretRef(container, "KAFKA_SASL_JAAS_CONFIG"),
                    service + " signs in as its own KafkaUser, whose Secret Strimzi writes");
            K8S.get("KafkaUser", service);
            assertEquals("PKCS12", env.get("KAFKA_SSL_TRUSTSTORE_TYPE"), service);
            assertEquals(Optional.of(new SecretKey(caSecret, "ca.password")), secretRef(container, "KAFKA_SSL_TRUSTSTORE_PASSWORD"));
            String truststore = env.get("KAFKA_SSL_TRUSTSTORE_LOCATION");
            assertEquals(Optional.of(new SecretKey(caSecret, "ca.p12")), mountedSecretFile(service, truststore),
                    service + ": the truststore is the cluster CA's ca.p12");
        }
    }

    @Test
    void theGatewaySignsWithAConfiguredKeyAndRoutesToEveryService() {
        JsonNode container = onlyContainer("gateway");
        Map<String, String> env = plainEnvironment(container);
        String keyFile = env.get("KECHUANG_GATEWAY_KEYS_SIGNING_KEY");
        assertNotNull(keyFile, "two replicas must sign with one configured key, not a generated one each");
        Optional<SecretKey> key = mountedSecretFile("gateway", keyFile);
        assertTrue(key.isPresent(), "the signing key comes from a Secret: " + keyFile);
        for (String service : ServiceConfig.SERVICES) {
            if (!service.equals("gateway")) {
                String variable = "KECHUANG_" + service.toUpperCase().replace('-', '_') + "_URL";
                assertEquals("http://" + service + ":" + ServiceConfig.of(service).httpPort(), env.get(variable), variable);
                assertEquals("http://gateway:8080", plainEnvironment(onlyContainer(service)).get("KECHUANG_GATEWAY_URL"), service);
            }
        }
    }

    @Test
    void secretsNotMadeByAnOperatorAreDocumented() {
        Set<String> madeByOperators = new HashSet<>();
        K8S.ofKind("KafkaUser").forEach(u -> madeByOperators.add(u.name()));
        madeByOperators.add(K8S.only("Kafka").name() + "-cluster-ca-cert");
        String readme = DeployFiles.read(DeployFiles.K8S.resolve("README.md"));
        Set<String> referenced = new HashSet<>();
        for (String service : ServiceConfig.SERVICES) {
            K8S.workload(service).node().findValues("secretKeyRef").forEach(r -> referenced.add(r.path("name").asText()));
            K8S.workload(service).node().findValues("secret").forEach(s -> referenced.add(s.path("secretName").asText()));
        }
        K8S.only("Cluster").node().findValues("passwordSecret").forEach(s -> referenced.add(s.path("name").asText()));
        referenced.removeIf(String::isEmpty);
        for (String secret : referenced) {
            if (!madeByOperators.contains(secret)) {
                assertTrue(readme.contains(secret), "README.md must say how to create the Secret " + secret);
            }
        }
        assertFalse(K8S.resources.stream().anyMatch(r -> r.kind().equals("Secret")), "no Secret is committed");
    }

    // ---------------------------------------------------------------------------------------------------------

    record SecretKey(String secret, String key) {
    }

    static JsonNode onlyContainer(String service) {
        List<JsonNode> containers = list(K8S.workload(service).node().path("spec").path("template").path("spec")
                .path("containers"));
        assertEquals(1, containers.size(), service + " runs one container");
        return containers.get(0);
    }

    /** Variables with a literal value. */
    static Map<String, String> plainEnvironment(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode var : list(container.path("env"))) {
            if (var.has("value")) {
                env.put(var.path("name").asText(), var.path("value").asText());
            }
        }
        return env;
    }

    static Optional<SecretKey> secretRef(JsonNode container, String variable) {
        return list(container.path("env")).stream().filter(v -> v.path("name").asText().equals(variable))
                .map(v -> v.path("valueFrom").path("secretKeyRef"))
                .filter(r -> !r.isMissingNode())
                .map(r -> new SecretKey(r.path("name").asText(), r.path("key").asText()))
                .findFirst();
    }

    /** The Secret and key behind a file path in the service's container, if a secret volume provides it. */
    static Optional<SecretKey> mountedSecretFile(String service, String file) {
        if (file == null) {
            return Optional.empty();
        }
        JsonNode podSpec = K8S.workload(service).node().path("spec").path("template").path("spec");
        for (JsonNode mount : list(onlyContainer(service).path("volumeMounts"))) {
            String dir = mount.path("mountPath").asText();
            if (!file.startsWith(dir + "/")) {
                continue;
            }
            String relative = file.substring(dir.length() + 1);
            for (JsonNode volume : list(podSpec.path("volumes"))) {
                if (volume.path("name").asText().equals(mount.path("name").asText()) && volume.has("secret")) {
                    JsonNode secret = volume.path("secret");
                    List<JsonNode> items = list(secret.path("items"));
                    if (items.isEmpty()) {
                        return Optional.of(new SecretKey(secret.path("secretName").asText(), relative));
                    }
                    for (JsonNode item : items) {
                        if (item.path("path").asText().equals(relative)) {
                            return Optional.of(new SecretKey(secret.path("secretName").asText(), item.path("key").asText()));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static void assertProbe(JsonNode container, String probe, String path, int port, String service) {
        JsonNode get = container.path(probe).path("httpGet");
        assertEquals(path, get.path("path").asText(), service + " " + probe);
        JsonNode probePort = get.path("port");
        int resolved = probePort.isInt() ? probePort.asInt()
                : list(container.path("ports")).stream().filter(p -> p.path("name").asText().equals(probePort.asText()))
                        .mapToInt(p -> p.path("containerPort").asInt()).findFirst().orElse(-1);
        assertEquals(port, resolved, service + " " + probe + " port");
    }

    static JsonNode tlsListener(Resource kafka) {
        List<JsonNode> tls = list(kafka.node().path("spec").path("kafka").path("listeners")).stream()
                .filter(l -> l.path("tls").asBoolean()).toList();
        assertEquals(1, tls.size(), "one TLS listener");
        return tls.get(0);
    }

    static Set<String> readableGroups(Resource user) {
        return list(user.node().path("spec").path("authorization").path("acls")).stream()
                .filter(a -> a.path("resource").path("type").asText().equals("group"))
                .filter(a -> list(a.path("operations")).stream().anyMatch(o -> o.asText().equals("Read")))
                .map(a -> a.path("resource").path("name").asText())
                .collect(Collectors.toSet());
    }
}
