/** Achievement (科技成果) events on {@code achievements.v1}: the public state and its vocabularies. */
package io.kechuang.events.achievement;
