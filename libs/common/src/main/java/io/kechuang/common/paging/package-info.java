/** Bounded paging for every list endpoint: {@code page}, {@code size} (at most 100) and the total count. */
package io.kechuang.common.paging;
