/**
 * From identity entities to the admin API's views ({@link io.kechuang.gateway.identity.mapping.IdentityMapper});
 * never copies a password hash or a client secret. Must not: touch the database.
 */
package io.kechuang.gateway.identity.mapping;
