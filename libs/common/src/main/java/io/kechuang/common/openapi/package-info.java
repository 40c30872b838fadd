/** The OpenAPI conventions every service shares, applied to each service's document at build time. */
package io.kechuang.common.openapi;
