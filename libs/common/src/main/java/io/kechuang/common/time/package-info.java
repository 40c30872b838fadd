/** The platform's calendar: the one time-zone setting ({@link io.kechuang.common.time.PlatformConfig}). */
package io.kechuang.common.time;
