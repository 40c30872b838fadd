package io.kechuang.matching.embedding;

import io.kechuang.matching.index.Item;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The text of an item that is embedded, and the cache key of a text under a model. */
public final class EmbeddingText {

    /**
     * Characters embedded at most: about three of the model's 512-token windows of Chinese. Longer texts are cut, so
     * one listing can never hold the indexer for long; what they say first (title, keywords, problem) is kept.
     */
    public static final int MAX_CHARS = 1_500;

    private EmbeddingText() {
    }

    /** Title, keywords and text: what the item says in public, nothing confidential. Empty if it says nothing. */
    public static String of(Item item) {
        StringBuilder text = new StringBuilder(item.title().strip());
        if (!item.keywords().isEmpty()) {
            text.append('\n').append(String.join("；", item.keywords()));
        }
        if (!item.text().isBlank()) {
            text.append('\n').append(item.text().strip());
        }
        return cut(text.toString().strip());
    }

    /** {@code text} cut to {@link #MAX_CHARS}, never in the middle of a surrogate pair. */
    public static String cut(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return text.substring(0, end);
    }

    /** SHA-256 (hex) of the model's name and the text: the same text under the same model has the same key. */
    public static String key(String model, String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(model.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
