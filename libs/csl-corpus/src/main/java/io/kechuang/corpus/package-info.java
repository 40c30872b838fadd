/**
 * The 2,000 real Chinese scientific abstracts of the CSL corpus (Apache-2.0) and their mapping to the platform's
 * technical fields ({@link io.kechuang.corpus.CslCorpus}): read by the local platform's demo data, the benchmarks and
 * the matching tests. Must not: depend on any service or on test code.
 */
package io.kechuang.corpus;
