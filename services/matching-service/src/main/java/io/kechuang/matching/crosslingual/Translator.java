package io.kechuang.matching.crosslingual;

import io.kechuang.matching.index.Item;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An item's technical terms in the other language, through the {@link Lexicon}: an English item's English phrases
 * (longest first, up to four stems) become Chinese terms, a Chinese item's words (forward maximum matching, two to
 * eight characters) become English phrases. The index keeps the result as an extra field, so a query in one language
 * also finds items written in the other, and explanations show the pairs that linked two texts.
 */
public final class Translator {

    /** Other-language terms kept per matched term: the first senses only, glossary ones first. */
    private static final int SENSES = 2;

    private final Lexicon lexicon;

    public Translator(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** The translator over the service's lexicon. */
    public static Translator get() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final Translator INSTANCE = new Translator(Lexicon.get());
    }

    /** An item's terms in the other language, and the pairs they came from. */
    public record Translation(String text, Set<Lexicon.Entry> pairs) {
        public static final Translation NONE = new Translation("", Set.of());
    }

    /** The translation of an item's public text (title, keywords, text) into the other language. */
    public Translation translate(Item item) {
        String text = textOf(item);
        return item.isEnglish() ? toChinese(text) : toEnglish(text);
    }

    /** The public text of an item that is translated: title, keywords and text, on lines of their own. */
    public static String textOf(Item item) {
        return item.title() + "\n" + String.join("；", item.keywords()) + "\n" + item.text();
    }

    /** The Chinese terms of an English text. */
    public Translation toChinese(String english) {
        List<String> stems = lexicon.stems(english);
        Set<Lexicon.Entry> pairs = new LinkedHashSet<>();
        int i = 0;
        while (i < stems.size()) {
            int matched = 0;
            for (int n = Math.min(Lexicon.MAX_ENGLISH_STEMS, stems.size() - i); n >= 1 && matched == 0; n--) {
                List<Lexicon.Entry> entries = lexicon.byStems(String.join(" ", stems.subList(i, i + n)));
                if (!entries.isEmpty()) {
                    entries.stream().limit(SENSES).forEach(pairs::add);
                    matched = n;
                }
            }
            i += Math.max(1, matched);
        }
        return of(pairs, true);
    }

    /** The English phrases of a Chinese text. */
    public Translation toEnglish(String chinese) {
        Set<Lexicon.Entry> pairs = new LinkedHashSet<>();
        int i = 0;
        while (i < chinese.length()) {
            int matched = 0;
            for (int n = Math.min(Lexicon.MAX_CHINESE_CHARS, chinese.length() - i); n >= 2 && matched == 0; n--) {
                List<Lexicon.Entry> entries = lexicon.byChinese(chinese.substring(i, i + n));
                if (!entries.isEmpty()) {
                    entries.stream().limit(SENSES).forEach(pairs::add);
                    matched = n;
                }
            }
            i += Math.max(1, matched);
        }
        return of(pairs, false);
    }

    private static Translation of(Set<Lexicon.Entry> pairs, boolean toChinese) {
        if (pairs.isEmpty()) {
            return Translation.NONE;
        }
        List<String> terms = new ArrayList<>(pairs.size());
        for (Lexicon.Entry e : pairs) {
            terms.add(toChinese ? e.chinese() : e.english());
        }
        // One term a line: no bigram or phrase spans two terms.
        return new Translation(String.join("\n", terms), pairs);
    }
}
