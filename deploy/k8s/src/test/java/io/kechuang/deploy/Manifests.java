package io.kechuang.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kustomize tree under deploy/k8s, as {@code kubectl kustomize} would walk it: each kustomization.yaml's
 * resources, files or folders with their own kustomization.yaml. Read without kubectl.
 */
final class Manifests {

    /** A Kubernetes object and the file it came from. */
    record Resource(Path file, JsonNode node) {
        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        String apiVersion() {
            return node.path("apiVersion").asText();
        }
    }

    /** Every file a kustomization lists, in order, with the kustomization listing it. */
    final Map<Path, Path> listedFiles = new LinkedHashMap<>();
    final List<Path> kustomizations = new ArrayList<>();
    final List<Resource> resources = new ArrayList<>();

    private static Manifests instance;

    static synchronized Manifests load() {
        if (instance == null) {
            instance = new Manifests();
            instance.walk(DeployFiles.K8S);
        }
        return instance;
    }

    private void walk(Path dir) {
        Path kustomization = dir.resolve("kustomization.yaml");
        assertTrue(Files.isRegularFile(kustomization), dir + " has no kustomization.yaml");
        kustomizations.add(kustomization);
        JsonNode k = DeployFiles.document(kustomization);
        for (JsonNode entry : DeployFiles.list(k.get("resources"))) {
            Path target = dir.resolve(entry.asText()).normalize();
            assertTrue(target.startsWith(DeployFiles.K8S), kustomization + " reaches outside deploy/k8s: " + entry);
            if (Files.isDirectory(target)) {
                walk(target);
            } else {
                assertTrue(Files.isRegularFile(target), kustomization + " lists a missing file: " + entry.asText());
                Path previous = listedFiles.put(target, kustomization);
                assertTrue(previous == null, target + " is listed twice, in " + previous + " and " + kustomization);
                for (JsonNode doc : DeployFiles.documents(target)) {
                    resources.add(new Resource(target, doc));
                }
            }
        }
    }

    List<Resource> ofKind(String kind) {
        return resources.stream().filter(r -> r.kind().equals(kind)).toList();
    }

    Optional<Resource> find(String kind, String name) {
        return resources.stream().filter(r -> r.kind().equals(kind) && r.name().equals(name)).findFirst();
    }

    Resource get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("No " + kind + " " + name + " in deploy/k8s"));
    }

    /** The Deployment or StatefulSet of a service. */
    Resource workload(String service) {
        List<Resource> found = resources.stream()
                .filter(r -> (r.kind().equals("Deployment") || r.kind().equals("StatefulSet")) && r.name().equals(service))
                .toList();
        assertEquals(1, found.size(), "one Deployment or StatefulSet named " + service);
        return found.get(0);
    }

    /** The single resource of a kind. */
    Resource only(String kind) {
        List<Resource> found = ofKind(kind);
        assertEquals(1, found.size(), "one " + kind);
        return found.get(0);
    }
}
