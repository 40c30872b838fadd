package io.kechuang.bench;

import io.kechuang.events.achievement.IpType;
import io.kechuang.events.achievement.MaturityStage;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.matching.index.Item;
import io.kechuang.testing.CslCorpus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Synthetic achievements and demands built from the vocabulary of the 2,000 CSL abstracts: each document takes the
 * title and sentences of one paper, a sentence and a keyword of another, and random but plausible attributes. The
 * term distribution stays that of real Chinese technical text at any corpus size. Seeded, so runs are repeatable.
 */
final class Corpus {

    private static final String[] REGIONS = {"510100", "510104", "510700", "500000", "110000", "310000", "440300",
            "420100", "610100", "320100"};
    private static final CooperationMode[] MODES = CooperationMode.values();

    private final List<CslCorpus.Paper> papers = CslCorpus.papers();
    private final List<List<String>> sentences = new ArrayList<>();

    Corpus() {
        for (CslCorpus.Paper p : papers) {
            List<String> parts = new ArrayList<>();
            for (String s : p.abstractText().split("(?<=[。.；;！？])")) {
                if (s.strip().length() > 4) {
                    parts.add(s.strip());
                }
            }
            sentences.add(parts.isEmpty() ? List.of(p.abstractText()) : parts);
        }
    }

    Item achievement(Random random) {
        int a = random.nextInt(papers.size());
        int b = random.nextInt(papers.size());
        CslCorpus.Paper p = papers.get(a);
        List<String> own = sentences.get(a);
        StringBuilder text = new StringBuilder();
        int take = 1 + random.nextInt(Math.max(1, own.size()));
        for (int i = 0; i < take; i++) {
            text.append(own.get(random.nextInt(own.size())));
        }
        List<String> other = sentences.get(b);
        text.append(other.get(random.nextInt(other.size())));
        List<String> keywords = new ArrayList<>(p.keywords());
        if (!papers.get(b).keywords().isEmpty()) {
            keywords.add(papers.get(b).keywords().get(random.nextInt(papers.get(b).keywords().size())));
        }
        Set<CooperationMode> modes = EnumSet.noneOf(CooperationMode.class);
        modes.add(MODES[random.nextInt(MODES.length)]);
        modes.add(MODES[random.nextInt(MODES.length)]);
        boolean priced = random.nextBoolean();
        return new Item(Item.Kind.ACHIEVEMENT, UUID.randomUUID(), UUID.randomUUID(), "PUBLISHED", true, 1,
                p.title(), text.toString(), keywords, TechnicalField.valueOf(CslCorpus.technicalFieldOf(p.discipline())),
                List.of(), IpType.values()[random.nextInt(IpType.values().length)], 1 + random.nextInt(9),
                MaturityStage.values()[random.nextInt(MaturityStage.values().length)], null, modes,
                priced ? BigDecimal.valueOf(50_000L * (1 + random.nextInt(100))) : null, priced ? "CNY" : null,
                !priced, null, null, null, REGIONS[random.nextInt(REGIONS.length)], "zh",
                LocalDate.now().plusDays(30 + random.nextInt(700)), OffsetDateTime.now().minusMinutes(random.nextInt(500_000)));
    }

    /** A demand phrased like an enterprise would: one sentence of a paper as the problem, its keywords as needs. */
    Item demand(Random random) {
        int a = random.nextInt(papers.size());
        CslCorpus.Paper p = papers.get(a);
        List<String> own = sentences.get(a);
        String problem = own.getFirst() + (own.size() > 1 ? own.get(1) : "");
        return new Item(Item.Kind.DEMAND, UUID.randomUUID(), UUID.randomUUID(), "OPEN", true, 1,
                p.keywords().isEmpty() ? p.title() : String.join("、", p.keywords()) + "技术需求", problem, p.keywords(),
                TechnicalField.valueOf(CslCorpus.technicalFieldOf(p.discipline())), List.of(), null, null, null,
                1 + random.nextInt(7), Set.of(MODES[random.nextInt(MODES.length)]), null, null, false,
                BigDecimal.valueOf(100_000), BigDecimal.valueOf(100_000L * (2 + random.nextInt(30))), "CNY",
                REGIONS[random.nextInt(REGIONS.length)], "zh", LocalDate.now().plusDays(90), OffsetDateTime.now());
    }

    /** A short portal query: one or two keywords of a paper. */
    String query(Random random) {
        CslCorpus.Paper p = papers.get(random.nextInt(papers.size()));
        if (p.keywords().isEmpty()) {
            return p.title();
        }
        String first = p.keywords().get(random.nextInt(p.keywords().size()));
        return random.nextBoolean() || p.keywords().size() == 1 ? first
                : first + " " + p.keywords().get(random.nextInt(p.keywords().size()));
    }
}
