package io.kechuang.deploy;

import static io.kechuang.deploy.DeployFiles.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kechuang.deploy.Manifests.Resource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The NetworkPolicies of namespace kechuang, read as Kubernetes applies them: ingress is denied unless a policy
 * selecting the pod allows it, and what the policies selecting one pod allow adds up. Every service pod is covered;
 * its HTTP port is reachable only from the gateway (the gateway's only from the ingress controller), its management
 * port only from the monitoring namespace; PostgreSQL and Kafka only from the pods that use them.
 */
class NetworkPoliciesTest {

    private static final Manifests K8S = Manifests.load();
    private static final String NAME = "app.kubernetes.io/name";
    private static final String NAMESPACE = "kubernetes.io/metadata.name";

    /** Who the ingress controller is: its namespace and its controller pods (README.md, Kubernetes). */
    static final Peer INGRESS_CONTROLLER = new Peer(Map.of(NAMESPACE, "ingress-nginx"), Map.of(NAME, "ingress-nginx"));
    /** Prometheus: any pod of namespace monitoring. */
    static final Peer MONITORING = new Peer(Map.of(NAMESPACE, "monitoring"), null);

    /**
     * One entry of a rule's {@code from}.
     *
     * @param namespace the namespace selector's labels; null for the policy's own namespace
     * @param pods the pod selector's labels; null for every pod of the namespace(s)
     */
    record Peer(Map<String, String> namespace, Map<String, String> pods) {

        static Peer pod(String name) {
            return new Peer(null, Map.of(NAME, name));
        }
    }

    @Test
    void theNamespaceDeniesAllIngressByDefault() {
        assertTrue(K8S.ofKind("NetworkPolicy").stream().anyMatch(p -> p.node().path("spec").path("podSelector").isEmpty()
                && list(p.node().path("spec").path("policyTypes")).stream().anyMatch(t -> t.asText().equals("Ingress"))
                && list(p.node().path("spec").path("ingress")).isEmpty()), "a default-deny ingress policy");
    }

    @Test
    void everyServicePodIsCoveredAndReachableOnlyFromWhomItServes() {
        Set<Peer> services = ServiceConfig.SERVICES.stream().filter(s -> !s.equals("gateway")).map(Peer::pod)
                .collect(Collectors.toSet());
        for (String service : ServiceConfig.SERVICES) {
            Map<String, String> labels = labels(K8S.workload(service).node().path("spec").path("template")
                    .path("metadata").path("labels"));
            Map<Integer, Set<Peer>> allowed = allowedIngress(labels, service);
            ServiceConfig config = ServiceConfig.of(service);
            Map<Integer, Set<Peer>> expected = new LinkedHashMap<>();
            if (service.equals("gateway")) {
                expected.put(config.httpPort(), Set.of(INGRESS_CONTROLLER));
                int tls = Integer.parseInt(KubernetesManifestsTest.plainEnvironment(
                        KubernetesManifestsTest.onlyContainer("gateway")).get("QUARKUS_HTTP_SSL_PORT"));
                expected.put(tls, services); // the JWK set, over TLS
            } else {
                expected.put(config.httpPort(), Set.of(Peer.pod("gateway")));
            }
            expected.put(config.managementPort(), Set.of(MONITORING));
            assertEquals(expected, allowed, service + ": who may reach which port");
            for (JsonNode port : list(KubernetesManifestsTest.onlyContainer(service).path("ports"))) {
                assertTrue(allowed.containsKey(port.path("containerPort").asInt()),
                        service + ": no policy admits anyone to container port " + port);
            }
        }
    }

    @Test
    void postgresAcceptsOnlyTheServicesItsOwnInstancesAndItsOperator() {
        String cluster = K8S.only("Cluster").name();
        Peer instances = new Peer(null, Map.of("cnpg.io/cluster", cluster));
        Map<Integer, Set<Peer>> allowed = allowedIngress(Map.of("cnpg.io/cluster", cluster, "cnpg.io/podRole",
                "instance"), "PostgreSQL");
        Set<Peer> clients = ServiceConfig.SERVICES.stream().map(Peer::pod).collect(Collectors.toSet());
        Set<Peer> permitted = new HashSet<>(clients);
        permitted.add(instances);
        permitted.add(new Peer(Map.of(NAMESPACE, "cnpg-system"), null));
        Set<Peer> onPostgres = allowed.getOrDefault(5432, Set.of());
        assertTrue(onPostgres.containsAll(clients), "every service reaches its database: " + onPostgres);
        assertTrue(permitted.containsAll(onPostgres), "nobody else reaches PostgreSQL: " + onPostgres);
        allowed.forEach((port, peers) -> {
            if (port != 5432) {
                assertFalse(peers.stream().anyMatch(clients::contains), "the services need only 5432, not " + port);
            }
        });
    }

    @Test
    void kafkasListenerAcceptsOnlyTheServicesThatUseKafka() {
        JsonNode listener = KubernetesManifestsTest.tlsListener(K8S.only("Kafka"));
        Set<Peer> peers = list(listener.path("networkPolicyPeers")).stream().map(NetworkPoliciesTest::peer)
                .collect(Collectors.toSet());
        Set<Peer> clients = ServiceConfig.SERVICES.stream().filter(s -> ServiceConfig.of(s).usesKafka()).map(Peer::pod)
                .collect(Collectors.toSet());
        assertEquals(clients, peers, "Strimzi's policy for the listener admits exactly the Kafka clients");
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * What the policies selecting a pod with {@code labels} admit, by port. Every rule must name its ports and its
     * peers: a rule without either would admit every port or everybody.
     */
    private static Map<Integer, Set<Peer>> allowedIngress(Map<String, String> labels, String what) {
        Map<Integer, Set<Peer>> allowed = new HashMap<>();
        int selecting = 0;
        for (Resource policy : K8S.ofKind("NetworkPolicy")) {
            JsonNode spec = policy.node().path("spec");
            Map<String, String> selector = labels(spec.path("podSelector").path("matchLabels"));
            assertTrue(spec.path("podSelector").path("matchExpressions").isMissingNode(), policy.name());
            if (selector.isEmpty() || !labels.entrySet().containsAll(selector.entrySet())) {
                continue;
            }
            selecting++;
            assertTrue(list(spec.path("policyTypes")).stream().anyMatch(t -> t.asText().equals("Ingress")),
                    policy.name() + " governs ingress");
            for (JsonNode rule : list(spec.path("ingress"))) {
                List<JsonNode> from = list(rule.path("from"));
                List<JsonNode> ports = list(rule.path("ports"));
                assertFalse(from.isEmpty(), policy.name() + ": a rule without from admits everybody");
                assertFalse(ports.isEmpty(), policy.name() + ": a rule without ports admits every port");
                for (JsonNode port : ports) {
                    assertTrue(port.path("port").isInt(), policy.name() + ": ports by number");
                    assertEquals("TCP", port.path("protocol").asText("TCP"), policy.name());
                    from.forEach(f -> allowed.computeIfAbsent(port.path("port").asInt(), p -> new HashSet<>()).add(peer(f)));
                }
            }
        }
        assertTrue(selecting > 0, "no NetworkPolicy selects " + what);
        return allowed;
    }

    private static Peer peer(JsonNode from) {
        assertFalse(from.has("ipBlock"), "peers by label, not by address: " + from);
        Map<String, String> namespace = from.has("namespaceSelector")
                ? labels(from.path("namespaceSelector").path("matchLabels")) : null;
        Map<String, String> pods = from.has("podSelector") ? labels(from.path("podSelector").path("matchLabels")) : null;
        assertFalse(namespace != null && namespace.isEmpty(), "an empty namespaceSelector admits every namespace");
        assertFalse(namespace == null && pods == null, "a peer must select something: " + from);
        return new Peer(namespace, pods != null && pods.isEmpty() ? null : pods);
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new HashMap<>();
        node.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }
}
