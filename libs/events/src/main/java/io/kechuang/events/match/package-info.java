/** Match events on {@code matches.v1}: a suggestion was made, or a match changed status. */
package io.kechuang.events.match;
