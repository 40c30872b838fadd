/**
 * The admin API model of organisations, users and API clients: what an admin writes (requests, enabled changes) and
 * reads (views, and a client's secret shown once). Shared by {@code identity.rest}, {@code identity.service} and
 * {@code identity.mapping}, so that the service never imports the resources. Must not: depend on entities or hold
 * rules beyond field validation.
 */
package io.kechuang.gateway.identity.api;
