package io.kechuang.gateway.console;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The console's words, in Chinese (the default) and English: {@code console/messages_zh.properties} and
 * {@code console/messages_en.properties} (UTF-8). Templates read them as {@code t.key}; enum values (statuses,
 * fields, reasons) are keys of their own, read as {@code t.get(value)}.
 */
@ApplicationScoped
public class Texts {

    public static final List<String> LANGUAGES = List.of("zh", "en");

    private final Map<String, Map<String, String>> byLanguage = Map.of("zh", load("zh"), "en", load("en"));

    public Map<String, String> of(String language) {
        return byLanguage.getOrDefault(language, byLanguage.get("zh"));
    }

    private static Map<String, String> load(String language) {
        String resource = "console/messages_" + language + ".properties";
        try (InputStream in = Texts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> texts = new TreeMap<>();
            properties.forEach((k, v) -> texts.put((String) k, (String) v));
            return Collections.unmodifiableMap(texts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
