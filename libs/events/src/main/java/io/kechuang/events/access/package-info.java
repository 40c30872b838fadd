/**
 * Consent events on {@code achievement-access.v1} and {@code demand-access.v1}: a broker's request to read what a
 * listing keeps from the public, the owner's decision on it, NDA terms the owner requires, and who accepted them.
 * Each carries the whole state of the request, terms or acceptance after the change, never the confidential
 * content itself and never the terms' text. Keyed by the request's, terms' or acceptance's id; compacted.
 */
package io.kechuang.events.access;
