package io.kechuang.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** Where the deployment files are, and their YAML as Jackson trees. */
final class DeployFiles {

    /** The repository root: surefire runs in deploy/k8s. */
    static final Path ROOT = findRoot();
    static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
    static final Path K8S = ROOT.resolve("deploy/k8s");

    private static final YAMLMapper YAML = new YAMLMapper();

    private DeployFiles() {
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("services"))
                    && Files.isDirectory(p.resolve("deploy/k8s"))) {
                return p;
            }
        }
        throw new IllegalStateException("No repository root above " + dir);
    }

    /** Every YAML document of a file (Kubernetes files hold several, separated by ---). */
    static List<JsonNode> documents(Path file) {
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            List<JsonNode> docs = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> {
                if (d != null && !d.isNull() && !d.isMissingNode()) {
                    docs.add(d);
                }
            });
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    static JsonNode document(Path file) {
        List<JsonNode> docs = documents(file);
        assertTrue(docs.size() == 1, file + " should hold one YAML document, holds " + docs.size());
        return docs.get(0);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The elements of an array node, none if it is missing. */
    static List<JsonNode> list(JsonNode node) {
        return node == null || !node.isArray() ? List.of()
                : StreamSupport.stream(node.spliterator(), false).toList();
    }

    /** The text of a field along a path, if present. */
    static Optional<String> text(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            if (n == null) {
                return Optional.empty();
            }
            n = n.get(p);
        }
        return n == null || n.isNull() || n.isContainerNode() ? Optional.empty() : Optional.of(n.asText());
    }
}
