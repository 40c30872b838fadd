package io.kechuang.matching.workflow;

import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.Caller;
import io.kechuang.common.security.Roles;
import io.kechuang.common.time.PlatformConfig;
import io.kechuang.events.taxonomy.TechnicalField;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Parameter;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Platform statistics for admins and brokers, computed in PostgreSQL over the matches created in a window. */
@ApplicationScoped
public class MatchStatistics {

    @Inject
    EntityManager em;

    @Inject
    PlatformConfig platform;

    /**
     * @param funnel how many matches of the window were suggested, ever introduced, and contracted
     * @param contractValue total contract amount per currency
     * @param medianHoursToIntroduction median time from suggestion to introduction, null if none was introduced
     * @param declineReasons how often each reason code was given: the feedback that improves the ranking
     */
    @Schema(name = "MatchStatistics")
    public record Stats(OffsetDateTime from, OffsetDateTime to, String field, Map<String, Long> byStatus, Map<String, Long> byField,
            Map<String, Long> byRegion, Map<String, Long> byMonth, Map<String, Long> funnel,
            Map<String, BigDecimal> contractValue, Double medianHoursToIntroduction, Map<String, Long> declineReasons) {
    }

    /** @param field only matches of this technical field (the demand's), or all when null */
    public Stats compute(Caller caller, OffsetDateTime from, OffsetDateTime to, TechnicalField field) {
        if (!caller.hasRole(Roles.BROKER) && !caller.isAdmin()) {
            throw ProblemException.forbidden("Statistics are for brokers and admins");
        }
        // Every value is a bound parameter: the SQL text is the same whatever the caller or the configuration says.
        Map<String, Object> params = new HashMap<>();
        params.put("from", from);
        params.put("to", to);
        params.put("zone", platform.zone().getId());
        String window = " from match_suggestion where created_at >= :from and created_at < :to";
        if (field != null) {
            window += " and technical_field = :field";
            params.put("field", field.name());
        }
        Map<String, Long> funnel = new LinkedHashMap<>();
        Object[] f = (Object[]) query("select count(*), count(introduced_at), count(contracted_at)" + window, params)
                .getFirst();
        funnel.put("SUGGESTED", ((Number) f[0]).longValue());
        funnel.put("INTRODUCED", ((Number) f[1]).longValue());
        funnel.put("CONTRACTED", ((Number) f[2]).longValue());
        Map<String, BigDecimal> value = new LinkedHashMap<>();
        for (Object row : query("select contract_currency, sum(contract_amount)" + window
                + " and contracted_at is not null group by contract_currency order by 1", params)) {
            Object[] r = (Object[]) row;
            value.put(String.valueOf(r[0]), (BigDecimal) r[1]);
        }
        Object median = query("select percentile_cont(0.5) within group (order by extract(epoch from introduced_at - created_at) / 3600.0)"
                + window + " and introduced_at is not null", params).getFirst();
        return new Stats(from, to, field == null ? null : field.name(), counts("status", window, params),
                counts("technical_field", window, params), counts("region", window, params),
                counts("to_char(created_at at time zone :zone, 'YYYY-MM')", window, params), funnel, value,
                median == null ? null : Math.round(((Number) median).doubleValue() * 10) / 10.0,
                counts("decline_reason", window + " and decline_reason is not null", params));
    }

    /** Counts by an expression that is a constant of this class, never a value: values are in {@code params}. */
    private Map<String, Long> counts(String expression, String window, Map<String, Object> params) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Object row : query("select " + expression + ", count(*)" + window + " group by 1 order by 2 desc, 1", params)) {
            Object[] r = (Object[]) row;
            out.put(r[0] == null ? "UNKNOWN" : String.valueOf(r[0]), ((Number) r[1]).longValue());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<Object> query(String sql, Map<String, Object> params) {
        Query query = em.createNativeQuery(sql);
        for (Parameter<?> p : query.getParameters()) {
            query.setParameter(p.getName(), params.get(p.getName()));
        }
        return query.getResultList();
    }
}
