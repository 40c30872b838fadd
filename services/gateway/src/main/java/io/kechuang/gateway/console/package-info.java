/**
 * The browser console at {@code /console}: server-rendered Qute pages with htmx, for brokers, enterprises,
 * universities and admins. It follows the backend-for-frontend pattern: the gateway signs the person in, keeps the
 * session in an HttpOnly, SameSite=Strict cookie ({@link io.kechuang.gateway.console.Sessions}), and calls the
 * platform's public API on the person's behalf with a token it mints for them ({@link
 * io.kechuang.gateway.console.PlatformApi}), so the console never sees more than the API allows and no token ever
 * reaches JavaScript. Writes need the session's CSRF token.
 */
package io.kechuang.gateway.console;
