-- The labelled pairs the ranking learns from (README, "How the ranking learns"): per decided pair, its latest
-- decision (a broker's shortlist, introduction, meeting, negotiation, contract or decline, or an owner's "not
-- relevant"), who took it and when, and the feature values the matcher stored for the pair. A decided pair is never
-- rescored, so its stored breakdown is the one the decision was taken on.
--
-- Privacy: only ids, codes, roles, instants and numbers. No title, text, comment, note, reason text, meeting detail,
-- contract term or contact is selected (LabelledPairsTest checks it), so the training data cannot carry confidential
-- text. Expiry is not a decision and gives no label; a pair that expired after a shortlist keeps that shortlist.
create view labelled_pair as
select distinct on (a.match_id)
       a.match_id,
       m.demand_id,
       m.achievement_id,
       case a.action
           when 'SHORTLIST' then 'SHORTLISTED'
           when 'INTRODUCE' then 'INTRODUCED'
           when 'SCHEDULE_MEETING' then 'MEETING_SCHEDULED'
           when 'NEGOTIATE' then 'NEGOTIATING'
           when 'CONTRACT' then 'CONTRACTED'
           when 'DECLINE' then 'DECLINED'
           else 'NOT_RELEVANT'
       end                                                                   as label,
       case when a.action in ('DECLINE', 'NOT_RELEVANT') then 'NEGATIVE' else 'POSITIVE' end as polarity,
       case when a.action in ('DECLINE', 'NOT_RELEVANT') then a.details ->> 'reasonCode' end as reason_code,
       a.actor                                                               as decided_by,
       a.actor_role                                                          as decided_by_role,
       a.actor_org                                                           as decided_by_org,
       a.at                                                                  as decided_at,
       a.id                                                                  as activity_id,
       m.score,
       (select jsonb_object_agg(f.key, (f.value ->> 'value')::double precision)
          from jsonb_each(m.breakdown) f)                                    as features
  from match_activity a
  join match_suggestion m on m.id = a.match_id
 where a.action in ('SHORTLIST', 'INTRODUCE', 'SCHEDULE_MEETING', 'NEGOTIATE', 'CONTRACT', 'DECLINE', 'NOT_RELEVANT')
 order by a.match_id, a.id desc;

