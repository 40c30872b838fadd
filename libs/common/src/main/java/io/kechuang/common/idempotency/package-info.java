/** {@code Idempotency-Key} handling for creates and imports: a retried request returns the first response. */
package io.kechuang.common.idempotency;
