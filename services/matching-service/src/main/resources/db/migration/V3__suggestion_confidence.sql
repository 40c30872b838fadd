-- The confidence band of a suggestion (STRONG, POSSIBLE, WEAK; ScoringConfig.Bands, fitted on the hand-judged tune
-- split). Suggestions are no longer cut at a score: every item keeps its best counterparts, each with a band that the
-- suggestion lists and the broker queue filter on. Existing rows get the band of their stored score; a rescore
-- (any event of either side) sets it from the new scoring.
alter table match_suggestion add column confidence varchar(10);
update match_suggestion set confidence = case when score >= 0.2919 then 'STRONG'
                                              when score >= 0.2813 then 'POSSIBLE'
                                              else 'WEAK' end;
alter table match_suggestion alter column confidence set not null;
create index match_suggestion_confidence on match_suggestion (status, confidence, score desc);
