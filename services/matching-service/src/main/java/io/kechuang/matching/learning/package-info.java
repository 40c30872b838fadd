/**
 * How the ranking learns from the people who use it. Every broker decision on a pair (shortlist, introduction,
 * meeting, negotiation, contract, decline with its reason code) and every owner's "not relevant" is in the audit
 * trail with who and when; the view {@code labelled_pair} (migration V5) turns each decided pair into one labelled
 * pair: its latest decision, positive or negative, and the feature values the matcher stored for it, never any text
 * ({@link LabelledPairs}, exported to admins by {@code GET /api/matches/labelled-pairs}). {@link WeightsFit} refits the
 * feature weights from those pairs together with the hand-judged tune split (the bench's {@code exec@refit} runs it and
 * reports the hand-judged test split), and {@link WeightsFile} writes the result as a file that the service loads, and
 * validates, at start-up ({@code kechuang.matching.scoring.weights-file}). It reads decisions and writes a file; it
 * must not change matches or the index, nor import {@code suggestion}, {@code workflow} or {@code rest}.
 */
package io.kechuang.matching.learning;
