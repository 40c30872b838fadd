/**
 * One API document for the whole platform: the gateway's own operations and every reachable service's, merged at
 * request time (briefly cached), served at {@code /openapi} and shown first by Swagger UI.
 */
package io.kechuang.gateway.openapi;
