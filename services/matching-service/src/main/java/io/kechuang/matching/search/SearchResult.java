package io.kechuang.matching.search;

import io.kechuang.events.achievement.IpType;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.matching.index.Item;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of search hits with highlights, plus facet counts for every filter. */
@Schema(name = "SearchResult")
public record SearchResult(List<Hit> items, int page, int size, long total, Map<String, Map<String, Long>> facets) {

    /**
     * @param highlights fragments of title and text with the query's terms marked {@code <em>…</em>}
     * @param trl for an achievement its TRL, for a demand the minimum TRL it asks for
     */
    @Schema(name = "SearchHit")
    public record Hit(Item.Kind type, UUID id, String title, String text, List<String> keywords, TechnicalField field,
            String region, Integer trl, IpType ipType, Set<CooperationMode> cooperationModes, UUID ownerOrgId,
            LocalDate expiresOn, OffsetDateTime updatedAt, Float score, List<String> highlights) {
    }
}
