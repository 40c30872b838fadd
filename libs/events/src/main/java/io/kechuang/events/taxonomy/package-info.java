/** Vocabularies shared by every service: technical fields, cooperation modes, organisation types, money. */
package io.kechuang.events.taxonomy;
