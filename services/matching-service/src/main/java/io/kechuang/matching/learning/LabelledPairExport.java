package io.kechuang.matching.learning;

import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import javax.sql.DataSource;

/** The labelled pairs for admins, a bounded page at a time (the refit reads the pages, or the database itself). */
@ApplicationScoped
public class LabelledPairExport {

    @Inject
    DataSource dataSource;

    public Page<LabelledPair> page(Caller caller, OffsetDateTime since, PageRequest page) {
        if (!caller.isAdmin()) {
            throw ProblemException.forbidden("The labelled pairs are exported to admins only");
        }
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            return Page.of(LabelledPairs.page(c, since, page.offset(), page.size), page, LabelledPairs.count(c, since));
        } catch (SQLException e) {
            throw new IllegalStateException("reading the labelled pairs failed", e);
        }
    }
}
