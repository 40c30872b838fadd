/**
 * Achievements (科技成果): universities and research institutes describe what they can license or transfer,
 * publish it, and withdraw or mark it transferred. {@code rest} is the HTTP API, {@code service} the rules and
 * transactions (every state change writes its event to the outbox), {@code mapping} converts between entity, API
 * model and event payload, {@code csv} is the bulk import.
 */
package io.kechuang.achievement;
