package io.kechuang.matching.search;

import io.kechuang.events.achievement.IpType;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.matching.index.Item;

/**
 * A portal search. Every filter is optional; {@code text} is analysed like indexed text and never parsed as query
 * syntax.
 *
 * @param kind achievements, demands, or both when null
 * @param minTrl for achievements their TRL, for demands the TRL they require
 */
public record SearchRequest(String text, Item.Kind kind, TechnicalField field, String region, Integer minTrl,
        Integer maxTrl, IpType ipType, CooperationMode cooperation, Sort sort, int page, int size) {

    public static final int MAX_TEXT_LENGTH = 200;
    public static final int MAX_SIZE = 50;
    /** No deeper than this many hits: page × size + size. */
    public static final int MAX_DEPTH = 1000;

    public enum Sort {
        RELEVANCE, RECENT
    }
}
