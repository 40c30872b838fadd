package io.kechuang.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every word a template asks for exists in Chinese and in English, and every value a form offers has a label. */
class TextsTest {

    private static final Pattern KEY = Pattern.compile("\\bt\\.([a-z_][a-z_0-9]*)\\b");

    @Test
    void bothLanguagesHaveTheSameKeys() {
        Texts texts = new Texts();
        assertEquals(texts.of("zh").keySet(), texts.of("en").keySet());
    }

    @Test
    void everyKeyTheTemplatesUseExists() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher m = KEY.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals("get")) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(new Texts().of("zh").keySet());
        assertTrue(used.size() > 100, "found the templates' keys");
        assertEquals(Set.of(), missing);
    }

    @Test
    void everyChoiceHasALabel() {
        Set<String> missing = new TreeSet<>();
        Choices.ALL.forEach((group, values) -> {
            if (!List.of("trl", "currencies").contains(group)) {
                values.stream().filter(v -> !new Texts().of("en").containsKey(v)).forEach(missing::add);
            }
        });
        assertEquals(Set.of(), missing);
    }
}
