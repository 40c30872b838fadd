/**
 * Full-text search of the market: {@link io.kechuang.matching.search.SearchEngine} runs a
 * {@link io.kechuang.matching.search.SearchRequest} (analysed text, never query syntax; filters; drill-sideways facet
 * counts; highlights; hybrid with a query vector when there is one in time) into a
 * {@link io.kechuang.matching.search.SearchResult}. Plain Java over the index's searcher; it reads the index, returns
 * only public fields, and knows nothing of suggestions, the workflow or the database.
 */
package io.kechuang.matching.search;
