package io.kechuang.matching.rest;

import io.kechuang.common.paging.Page;
import io.kechuang.matching.directory.Directory;
import io.kechuang.matching.match.MatchSuggestion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Builds {@link MatchView}s with the assigned brokers' names from the directory: one lookup per page, not per row. */
@ApplicationScoped
class MatchViews {

    @Inject
    Directory directory;

    MatchView of(MatchSuggestion match) {
        return MatchView.of(match, names(List.of(match)));
    }

    Page<MatchView> of(Page<MatchSuggestion> page) {
        Directory.Names names = names(page.items());
        return page.map(m -> MatchView.of(m, names));
    }

    private Directory.Names names(List<MatchSuggestion> matches) {
        Set<String> subjects = new HashSet<>();
        Set<UUID> organisations = new HashSet<>();
        for (MatchSuggestion m : matches) {
            subjects.add(m.brokerSubject);
            organisations.add(m.brokerOrgId);
        }
        subjects.remove(null);
        organisations.remove(null);
        return directory.names(subjects, organisations);
    }
}
