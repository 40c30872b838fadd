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
            int management = ServiceConfig.of(service).managementPort();
            assertEquals("kechuang/" + service + ":0.1.0-SNAPSHOT", text(container, "image").orElse(null));
            assertProbe(container, "startupProbe", "/q/health/started", management, service);
            assertProbe(container, "readinessProbe", "/q/health/ready", management, service);
            assertProbe(container, "livenessProbe", "/q/health/live", management, service);
            JsonNode requests = container.path("resources").path("requests");
            assertTrue(requests.has("cpu") && requests.has("memory"), service + " needs cpu and memory requests");
            assertEquals("false", text(pod, "spec", "enableServiceLinks").orElse(null),
                    service + ": service-link variables such as KAFKA_PORT would reach the Kafka clients");

            Resource svc = K8S.get("Service", service);
            JsonNode svcPort = list(svc.node().path("spec").path("ports")).get(0);
            assertEquals(port, svcPort.path("port").asInt(), service + " Service port");
            for (Resource exposing : K8S.ofKind("Service")) {
                for (JsonNode p : list(exposing.node().path("spec").path("ports"))) {
                    assertFalse(resolvePort(container, p.path("targetPort")) == management
                            || p.path("port").asInt() == management && !p.has("targetPort"),
                            "the Service " + exposing.name() + " exposes " + service + "'s management port");
                }
            }
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
            }
        }
    }

    @Test
    void prometheusScrapesEveryServiceOnItsManagementPort() {
        for (String service : ServiceConfig.SERVICES) {
            JsonNode annotations = K8S.workload(service).node().path("spec").path("template").path("metadata")
                    .path("annotations");
            assertEquals("true", annotations.path("prometheus.io/scrape").asText(), service);
            assertEquals("/q/metrics", annotations.path("prometheus.io/path").asText(), service);
            assertEquals(ServiceConfig.of(service).managementPort(), annotations.path("prometheus.io/port").asInt(),
                    service + " is scraped on its management port, not its public one");
        }
    }

    /**
     * The services fetch the JWK set over HTTPS inside the cluster: from the gateway Service's TLS port, which leads
     * to the gateway's TLS server, whose certificate cert-manager issues for that Service's names from the platform
     * CA; each service trusts that CA's certificate (and only the certificate, never a key).
     */
    @Test
    void theServicesFetchTheJwkSetOverTlsTrustingOnlyThePlatformCa() {
        JsonNode gateway = onlyContainer("gateway");
        Map<String, String> gatewayEnv = plainEnvironment(gateway);
        Resource certificate = K8S.get("Certificate", "gateway-tls");
        assertTrue(certificate.apiVersion().startsWith("cert-manager.io/"), certificate.apiVersion());
        String tlsSecret = text(certificate.node(), "spec", "secretName").orElseThrow();
        assertEquals(Optional.of(new SecretKey(tlsSecret, "tls.crt")),
                mountedSecretFile("gateway", gatewayEnv.get("QUARKUS_HTTP_SSL_CERTIFICATE_FILES")));
        assertEquals(Optional.of(new SecretKey(tlsSecret, "tls.key")),
                mountedSecretFile("gateway", gatewayEnv.get("QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES")));
        int tlsPort = Integer.parseInt(gatewayEnv.get("QUARKUS_HTTP_SSL_PORT"));
        JsonNode servicePort = list(K8S.get("Service", "gateway").node().path("spec").path("ports")).stream()
                .filter(p -> resolvePort(gateway, p.path("targetPort")) == tlsPort).findFirst()
                .orElseThrow(() -> new AssertionError("the gateway Service does not lead to its TLS port " + tlsPort));
        String jwksBase = "https://gateway:" + servicePort.path("port").asInt();

        List<String> names = list(certificate.node().path("spec").path("dnsNames")).stream().map(JsonNode::asText).toList();
        assertTrue(names.containsAll(List.of("gateway", "gateway.kechuang.svc")), names.toString());
        Resource issuer = K8S.get(text(certificate.node(), "spec", "issuerRef", "kind").orElse("Issuer"),
                text(certificate.node(), "spec", "issuerRef", "name").orElseThrow());
        String caSecret = text(issuer.node(), "spec", "ca", "secretName")
                .orElseThrow(() -> new AssertionError("the gateway's certificate comes from a CA issuer"));
        Resource ca = K8S.ofKind("Certificate").stream()
                .filter(c -> text(c.node(), "spec", "secretName").orElse("").equals(caSecret)).findFirst().orElseThrow();
        assertTrue(ca.node().path("spec").path("isCA").asBoolean(), "the issuer's key pair is a CA's");

        for (String service : ServiceConfig.SERVICES) {
            if (service.equals("gateway")) {
                continue;
            }
            JsonNode container = onlyContainer(service);
            Map<String, String> env = plainEnvironment(container);
            assertEquals(jwksBase, env.get("KECHUANG_GATEWAY_URL"), service + " fetches the JWK set over TLS");
            assertTrue(ServiceConfig.of(service).value("mp.jwt.verify.publickey.location").orElseThrow()
                    .startsWith("${KECHUANG_GATEWAY_URL:"), service + " builds the JWK set URL from KECHUANG_GATEWAY_URL");
            String trusted = env.get("SMALLRYE_JWT_CLIENT_TLS_CERTIFICATE_PATH");
            assertNotNull(trusted, service + " must trust the platform CA for the JWK set");
            assertEquals(Optional.of(new SecretKey(tlsSecret, "ca.crt")),
                    mountedSecretFile(service, trusted.replaceFirst("^file:", "")), service + " trusts ca.crt");
            JsonNode podSpec = K8S.workload(service).node().path("spec").path("template").path("spec");
            for (JsonNode volume : list(podSpec.path("volumes"))) {
                if (volume.path("secret").path("secretName").asText().equals(tlsSecret)) {
                    assertEquals(List.of("ca.crt"), list(volume.path("secret").path("items")).stream()
                            .map(i -> i.path("key").asText()).toList(), service + " mounts the CA certificate only");
                }
                assertFalse(volume.path("secret").path("secretName").asText().equals(caSecret),
                        service + " must not mount the CA's key");
            }
        }
    }

    /**
     * The gateway believes X-Forwarded-For only from the ingress controller: a short list of addresses or narrow
     * CIDRs from the documented ConfigMap, never a private range (any pod could then spoof a client's address).
     */
    @Test
    void theGatewayTrustsForwardedAddressesOnlyFromANarrowConfiguredRange() {
        JsonNode gateway = onlyContainer("gateway");
        JsonNode ref = list(gateway.path("env")).stream()
                .filter(v -> v.path("name").asText().equals("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES")).findFirst()
                .orElseThrow().path("valueFrom").path("configMapKeyRef");
        String configMap = ref.path("name").asText();
        String value = text(K8S.get("ConfigMap", configMap).node(), "data", ref.path("key").asText()).orElseThrow();
        for (String entry : value.split(",")) {
            String[] cidr = entry.strip().split("/");
            assertTrue(cidr[0].matches("\\d{1,3}(\\.\\d{1,3}){3}"), "an IPv4 address: " + entry);
            int prefix = cidr.length == 2 ? Integer.parseInt(cidr[1]) : 32;
            assertTrue(prefix >= 24, "at most a /24, the ingress controller's addresses: " + entry);
        }
        assertTrue(DeployFiles.read(DeployFiles.K8S.resolve("README.md")).contains(configMap),
                "README.md says how to set " + configMap);
        assertEquals("true", plainEnvironment(gateway).get("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING"));
    }

    @Test
    void secretsNotMadeByAnOperatorAreDocumented() {
        Set<String> madeByOperators = new HashSet<>();
        K8S.ofKind("KafkaUser").forEach(u -> madeByOperators.add(u.name()));
        madeByOperators.add(K8S.only("Kafka").name() + "-cluster-ca-cert");
        K8S.ofKind("Certificate").forEach(c -> madeByOperators.add(text(c.node(), "spec", "secretName").orElseThrow()));
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
        assertEquals(port, resolvePort(container, get.path("port")), service + " " + probe + " port");
    }

    /** A port number, or the container port of that name (-1 if the container has none). */
    static int resolvePort(JsonNode container, JsonNode port) {
        return port.isInt() ? port.asInt()
                : list(container.path("ports")).stream().filter(p -> p.path("name").asText().equals(port.asText()))
                        .mapToInt(p -> p.path("containerPort").asInt()).findFirst().orElse(-1);
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
