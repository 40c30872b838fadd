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

    /**
     * Whether a page stays within {@link #MAX_DEPTH}, computed in {@code long}: (page + 1) × size overflows an
     * {@code int} for extreme values. An out-of-range size counts as {@link #MAX_SIZE}, so that only a page that is
     * too deep is blamed on {@code page}.
     */
    public static boolean withinDepth(int page, int size) {
        return page >= 0 && ((long) page + 1) * Math.max(1, Math.min(size, MAX_SIZE)) <= MAX_DEPTH;
    }

    /** The rank of this page's first hit. */
    public long from() {
        return (long) page * size;
    }

    /** How many ranked hits this page needs, at most {@link #MAX_DEPTH}. */
    public int depth() {
        return (int) Math.min(MAX_DEPTH, ((long) page + 1) * size);
    }

    public enum Sort {
        RELEVANCE, RECENT
    }
}
