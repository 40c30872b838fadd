/**
 * English–Chinese term pairs for matching across languages: the {@link io.kechuang.matching.crosslingual.Lexicon}
 * (the platform's glossary, then CC-CEDICT, loaded from resources; English keyed by its stems) and the
 * {@link io.kechuang.matching.crosslingual.Translator}, which gives an item's technical terms in the other language
 * for the index's cross-language fields and for the explanations. Plain Java and read-only: it reads an
 * {@link io.kechuang.matching.index.Item}'s text and uses Lucene's English analyzer, and knows nothing of the index's
 * documents, the database, CDI or the workflow.
 */
package io.kechuang.matching.crosslingual;
