/**
 * The gateway: the platform's single entry. {@code identity} holds organisations, users and API clients and the admin
 * API over them; {@code token} signs people and programs in (OAuth2 password and client credentials), owns the
 * signing keys and publishes them as a JWK set; {@code routing} proxies {@code /api/<route>/**} to the services after
 * checking the token and the rate limit; {@code limits} keeps the rate-limit and sign-in counters in PostgreSQL so
 * every replica shares them; {@code openapi} merges every service's API document into one.
 */
package io.kechuang.gateway;
