/**
 * Achievements (科技成果): universities and research institutes describe what they can license or transfer, publish
 * it, and withdraw or mark it transferred. {@code api} is the API model (requests and views) that every layer may
 * use, {@code rest} the HTTP API, {@code service} the rules and transactions on the listing kernel (every state
 * change writes its event to the outbox), {@code mapping} converts between entity, API model and event payload,
 * {@code csv} is the bulk import. Layers depend downwards only: nothing imports {@code rest}. The service follows
 * the matches of its achievements on {@code matches.v1}: a transfer contract marks the achievement transferred,
 * and an organisation introduced through a match sees its contact (never the inventors), once it accepted any NDA
 * the owner requires; the broker assigned to a match reads the contact only once the owner granted it
 * ({@link io.kechuang.listing.consent}).
 */
package io.kechuang.achievement;
