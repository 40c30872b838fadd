/**
 * The broker workflow on a match, from suggestion to contract: {@link io.kechuang.matching.workflow.MatchWorkflow}
 * (the transition table with its checks: visibility, role, authority, version, state; every change audited and
 * announced), {@link io.kechuang.matching.workflow.BrokerAuthority} (who acts on the broker side of a match and to
 * whom it may be assigned, from the identity directory of {@code directory}), its request bodies
 * ({@link io.kechuang.matching.workflow.Commands}), the brokers' review queue and the parties' own lists
 * ({@link io.kechuang.matching.workflow.BrokerQueue}, {@link io.kechuang.matching.workflow.QueueFilter}) and the
 * platform statistics ({@link io.kechuang.matching.workflow.MatchStatistics}). It works on the match aggregate of
 * {@code match} and must not import {@code suggestion}, {@code rest} or the index.
 */
package io.kechuang.matching.workflow;
