/** Small, shared rules for turning request values into stored values. */
package io.kechuang.common.mapping;
