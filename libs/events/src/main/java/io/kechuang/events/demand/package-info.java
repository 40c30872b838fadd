/** Demand (技术需求) events on {@code demands.v1}: the public state of an enterprise's technology demand. */
package io.kechuang.events.demand;
