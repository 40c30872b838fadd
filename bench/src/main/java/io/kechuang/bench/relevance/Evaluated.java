package io.kechuang.bench.relevance;

import io.kechuang.corpus.CslCorpus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The test collections of the relevance evaluation, derived in code from the 2,000 CSL papers (no hand labels).
 *
 * <p>Documents: every paper is one achievement (title, abstract as body, author keywords, discipline). Queries are
 * enterprise-style demands derived from one <em>source paper</em>; judgements (qrels) are graded:
 * <ul>
 * <li>grade 2: the source paper;</li>
 * <li>grade 1: every other paper of the same CSL discipline (67 classes) sharing at least one author keyword with
 * the source (case-insensitive, trimmed);</li>
 * <li>grade 0: everything else.</li>
 * </ul>
 * Each collection holds a seeded sample of {@value #QUERIES} of its eligible papers as queries. Collections:
 * <ul>
 * <li>{@code keywords}: papers with ≥ 2 keywords; the demand lists the source's keywords (title: the keywords
 * joined with "、", no body; baselines get the keywords joined with spaces).</li>
 * <li>{@code problem}: papers with ≥ 1 keyword and a first abstract sentence of ≥ 15 characters; the demand's
 * problem statement is that sentence (no title, no keywords). The source's indexed abstract still contains it.</li>
 * <li>{@code problem-hidden}: the same queries, but every document's indexed abstract has its first sentence
 * removed, so the source must be found through the rest of its text.</li>
 * </ul>
 */
public final class Evaluated {

    /** Queries per collection: a seeded sample of the eligible papers. */
    public static final int QUERIES = 1000;

    /** An achievement of the collection. */
    public record Doc(String id, String title, List<String> keywords, String body, String discipline) {
    }

    /** A demand with its judgements: document id → grade. */
    public record Query(String id, String sourceId, String title, String text, List<String> keywords,
            Map<String, Integer> qrels) {

        /** The query as one text for the baselines: title, problem statement and keywords. */
        public String fullText() {
            List<String> parts = new ArrayList<>();
            if (!title.isBlank()) {
                parts.add(title);
            }
            if (!text.isBlank()) {
                parts.add(text);
            }
            if (!keywords.isEmpty() && !String.join("、", keywords).equals(title)) {
                parts.add(String.join(" ", keywords));
            }
            return String.join(" ", parts);
        }
    }

    public record Collection(String name, List<Doc> docs, List<Query> queries) {
    }

    private Evaluated() {
    }

    public static String idOf(int paper) {
        return UUID.nameUUIDFromBytes(("csl-paper-" + paper).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static List<Collection> all() {
        List<CslCorpus.Paper> papers = CslCorpus.papers();
        List<Doc> docs = new ArrayList<>();
        List<Doc> hiddenDocs = new ArrayList<>();
        List<String> firstSentences = new ArrayList<>();
        for (int i = 0; i < papers.size(); i++) {
            CslCorpus.Paper p = papers.get(i);
            String first = firstSentence(p.abstractText());
            firstSentences.add(first);
            docs.add(new Doc(idOf(i), p.title(), p.keywords(), p.abstractText(), p.discipline()));
            hiddenDocs.add(new Doc(idOf(i), p.title(), p.keywords(), p.abstractText().substring(first.length()).strip(),
                    p.discipline()));
        }
        List<Query> keywordQueries = new ArrayList<>();
        List<Query> problemQueries = new ArrayList<>();
        for (int i = 0; i < papers.size(); i++) {
            CslCorpus.Paper p = papers.get(i);
            Map<String, Integer> qrels = qrels(papers, i);
            if (p.keywords().size() >= 2) {
                keywordQueries.add(new Query("k" + i, idOf(i), String.join("、", p.keywords()), "", p.keywords(), qrels));
            }
            String first = firstSentences.get(i);
            if (!p.keywords().isEmpty() && first.codePointCount(0, first.length()) >= 15
                    && first.length() < p.abstractText().length()) {
                problemQueries.add(new Query("p" + i, idOf(i), "", first, List.of(), qrels));
            }
        }
        keywordQueries = sample(keywordQueries, 1);
        problemQueries = sample(problemQueries, 2);
        return List.of(new Collection("keywords", docs, keywordQueries),
                new Collection("problem", docs, problemQueries),
                new Collection("problem-hidden", hiddenDocs, problemQueries));
    }

    /** A seeded sample of {@link #QUERIES} queries, in paper order. */
    private static List<Query> sample(List<Query> all, long seed) {
        if (all.size() <= QUERIES) {
            return all;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new java.util.Random(seed));
        return order.subList(0, QUERIES).stream().sorted().map(all::get).toList();
    }

    /** Grade 2 for the source, 1 for same-discipline papers sharing a keyword with it. */
    static Map<String, Integer> qrels(List<CslCorpus.Paper> papers, int source) {
        Map<String, Integer> qrels = new LinkedHashMap<>();
        qrels.put(idOf(source), 2);
        CslCorpus.Paper s = papers.get(source);
        Set<String> keywords = normalised(s.keywords());
        for (int j = 0; j < papers.size(); j++) {
            CslCorpus.Paper p = papers.get(j);
            if (j != source && p.discipline().equals(s.discipline())) {
                Set<String> shared = new HashSet<>(normalised(p.keywords()));
                shared.retainAll(keywords);
                if (!shared.isEmpty()) {
                    qrels.put(idOf(j), 1);
                }
            }
        }
        return qrels;
    }

    private static Set<String> normalised(List<String> keywords) {
        return keywords.stream().map(k -> k.strip().toLowerCase(Locale.ROOT)).filter(k -> !k.isEmpty())
                .collect(Collectors.toSet());
    }

    /**
     * The abstract's first sentence, ending at the first 。！？；; or full stop (a '.' between two digits is a decimal
     * point, not a stop), extended to the next stop while shorter than 15 characters.
     */
    static String firstSentence(String text) {
        int end = 0;
        while (end < text.length()) {
            int stop = nextStop(text, end);
            end = stop < 0 ? text.length() : stop + 1;
            if (text.substring(0, end).strip().codePointCount(0, text.substring(0, end).strip().length()) >= 15) {
                break;
            }
        }
        return text.substring(0, end);
    }

    private static int nextStop(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("。！？；;!?".indexOf(c) >= 0) {
                return i;
            }
            if (c == '.') {
                boolean digitBefore = i > 0 && Character.isDigit(text.charAt(i - 1));
                boolean digitAfter = i + 1 < text.length() && Character.isDigit(text.charAt(i + 1));
                if (!(digitBefore && digitAfter)) {
                    return i;
                }
            }
        }
        return -1;
    }
}
