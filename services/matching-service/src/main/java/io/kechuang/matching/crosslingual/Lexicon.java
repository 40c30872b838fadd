package io.kechuang.matching.crosslingual;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * English ↔ Chinese technical terms: the platform's glossary ({@code crosslingual/glossary.tsv}, CC BY 4.0) first,
 * then CC-CEDICT ({@code crosslingual/cedict.tsv}, CC BY-SA 4.0, converted by {@code tools/cedict/convert.mjs}).
 * English is keyed by its stems (Lucene's English analyzer), so "batteries" finds "battery". Immutable once loaded.
 */
public final class Lexicon {

    /** A Chinese term and an English one that translate each other, and whether the glossary says so. */
    public record Entry(String english, String chinese, boolean glossary) {
    }

    /** English phrases longer than this many stems are not looked up. */
    public static final int MAX_ENGLISH_STEMS = 4;
    /** Chinese terms longer than this many characters are not looked up. */
    public static final int MAX_CHINESE_CHARS = 8;
    /**
     * A dictionary (not glossary) English key that names more Chinese headwords than this is too vague to translate
     * ("die", "stop"): it is left out of English → Chinese.
     */
    private static final int MAX_DICTIONARY_SENSES = 3;

    private final Map<String, List<Entry>> byStems = new HashMap<>();
    private final Map<String, List<Entry>> byChinese = new HashMap<>();
    private final Analyzer english = new EnglishAnalyzer();

    private Lexicon() {
    }

    private static final class Holder {
        static final Lexicon INSTANCE = load();
    }

    /** The lexicon of the service's resources, loaded once (about a second). */
    public static Lexicon get() {
        return Holder.INSTANCE;
    }

    private static Lexicon load() {
        Lexicon lexicon = new Lexicon();
        lexicon.read("/crosslingual/glossary.tsv", true);
        lexicon.read("/crosslingual/cedict.tsv", false);
        // Vague dictionary keys out of English → Chinese; the glossary's always stay.
        lexicon.byStems.replaceAll((stems, entries) -> {
            List<Entry> glossary = entries.stream().filter(Entry::glossary).toList();
            if (!glossary.isEmpty()) {
                return glossary;
            }
            return entries.size() > MAX_DICTIONARY_SENSES ? List.of() : entries;
        });
        lexicon.byStems.values().removeIf(List::isEmpty);
        return lexicon;
    }

    private void read(String resource, boolean glossary) {
        try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length < 2) {
                    continue;
                }
                String en = glossary ? f[0].strip() : f[1].strip();
                String zh = glossary ? f[1].strip() : f[0].strip();
                if (zh.length() > MAX_CHINESE_CHARS || zh.length() < 2) {
                    continue;
                }
                String stems = String.join(" ", stems(en));
                if (stems.isEmpty() || stems.split(" ").length > MAX_ENGLISH_STEMS) {
                    continue;
                }
                Entry entry = new Entry(en, zh, glossary);
                add(byStems, stems, entry);
                add(byChinese, zh, entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(Map<String, List<Entry>> map, String key, Entry entry) {
        List<Entry> list = map.computeIfAbsent(key, k -> new ArrayList<>(2));
        for (Entry e : list) {
            if (e.english().equals(entry.english()) && e.chinese().equals(entry.chinese())) {
                return;
            }
        }
        list.add(entry);
    }

    /** The stems of {@code text} in order (the English analyzer: lower case, stop words out, Porter stems). */
    public List<String> stems(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream stream = english.tokenStream("en", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The entries whose English has exactly these stems (space-separated); glossary entries first. */
    public List<Entry> byStems(String stems) {
        return byStems.getOrDefault(stems, List.of());
    }

    /** The entries of this Chinese term; glossary entries first. */
    public List<Entry> byChinese(String chinese) {
        return byChinese.getOrDefault(chinese, List.of());
    }
}
