/** API value types that mean the same in every service, such as a record's {@code Contact}. */
package io.kechuang.common.api;
