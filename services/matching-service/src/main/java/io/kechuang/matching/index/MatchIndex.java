package io.kechuang.matching.index;

import io.kechuang.events.Revision;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The matching index on local disk: one document per achievement or demand, upserted by id, read through a
 * near-real-time {@link SearcherManager}. Each document keeps the {@link Revision} (producer epoch, then version)
 * of the event that wrote it, and an item removed by a resync leaves a marker holding its removal's revision, so
 * consumers can skip what is not newer (see {@link #indexedRevision}). A commit stores the schema version and the
 * Kafka offsets consumed so far in its user data, so a restart resumes exactly after the last commit. Plain Java,
 * no CDI: the benchmark and tests drive it directly.
 */
public final class MatchIndex implements Closeable {

    private static final double SEGMENTS_PER_TIER = 4;

    private final Directory directory;
    private final Analyzer analyzer;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final boolean created;
    private final ItemVectors vectors;
    private final Map<String, Long> committedOffsets;
    private CompletableFuture<Integer> compaction;

    private MatchIndex(Directory directory, Analyzer analyzer, IndexWriter writer, boolean created,
            Map<String, Long> committedOffsets, ItemVectors vectors) throws IOException {
        this.vectors = vectors;
        this.directory = directory;
        this.analyzer = analyzer;
        this.writer = writer;
        this.created = created;
        this.committedOffsets = committedOffsets;
        this.searchers = new SearcherManager(writer, null);
    }

    /**
     * Opens the index in {@code folder}. A missing index, or one written with another schema version, is replaced
     * by an empty one and {@link #created()} says so: the caller must then rebuild it from the topics.
     */
    public static MatchIndex open(Path folder) throws IOException {
        return open(folder, ItemVectors.NONE);
    }

    /**
     * {@link #open(Path)} with dense vectors: every upserted item gets the vector {@code vectors} gives it (from the
     * embedding cache, else the model), which hybrid matching and search use next to BM25.
     */
    public static MatchIndex open(Path folder, ItemVectors vectors) throws IOException {
        Files.createDirectories(folder);
        Directory directory = FSDirectory.open(folder);
        Analyzer analyzer = Analyzers.create();
        Map<String, Long> offsets = new HashMap<>();
        boolean create = true;
        if (DirectoryReader.indexExists(directory)) {
            Map<String, String> userData = SegmentInfos.readLatestCommit(directory).getUserData();
            if (IndexSchema.VERSION.equals(userData.get(IndexSchema.COMMIT_SCHEMA))) {
                create = false;
                userData.forEach((k, v) -> {
                    if (k.startsWith(IndexSchema.COMMIT_OFFSET_PREFIX)) {
                        offsets.put(k.substring(IndexSchema.COMMIT_OFFSET_PREFIX.length()), Long.parseLong(v));
                    }
                });
            }
        }
        // Every match run seeks each of its ~150 query terms in every segment and scores them there: fewer,
        // larger segments (4 per tier instead of Lucene's 10) cost some merging and save that at every query.
        TieredMergePolicy merges = new TieredMergePolicy();
        merges.setSegmentsPerTier(SEGMENTS_PER_TIER);
        // Lucene merges the small segments of a refresh before it returns, waiting up to 500 ms: with the indexer's
        // refresh after every event and vectors to merge, that wait was on the path of every event, a demand's too.
        // Merges run in the background instead.
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(create ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND)
                .setRAMBufferSizeMB(64)
                .setMaxFullFlushMergeWaitMillis(0)
                .setMergePolicy(merges);
        IndexWriter writer = new IndexWriter(directory, config);
        MatchIndex index = new MatchIndex(directory, analyzer, writer, create, Map.copyOf(offsets), vectors);
        if (create) {
            index.commit(Map.of());
        }
        return index;
    }

    /** Whether this index was created empty on open (first start, lost index, or schema change). */
    public boolean created() {
        return created;
    }

    /** Offsets ({@code topic:partition} → next offset to read) stored by the last commit before open. */
    public Map<String, Long> committedOffsets() {
        return committedOffsets;
    }

    public Analyzer analyzer() {
        return analyzer;
    }

    /** Where upserts get their vectors; {@link ItemVectors#NONE} for a lexical-only index. */
    public ItemVectors vectors() {
        return vectors;
    }

    public SearcherManager searchers() {
        return searchers;
    }

    /**
     * Indexes {@code item} as written by the event at {@code revision}, replacing whatever the index held for its id
     * (an older item, or a removal marker). Callers check {@link #indexedRevision} first: this does not.
     */
    public void upsert(Item item, Revision revision) throws IOException {
        upsert(item, revision, vectors.vectorOf(item));
    }

    /** {@link #upsert(Item, Revision)} with the item's vector already at hand (a bulk load that embedded a batch). */
    public void upsert(Item item, Revision revision, float[] vector) throws IOException {
        String id = item.id().toString();
        writer.updateDocument(new Term(IndexSchema.KEY, id), ItemDocuments.toDocument(item, revision, vector));
    }

    /** {@link #upsert(Item, Revision)} at the item's own version in epoch 0, for items that come from no event. */
    public void upsert(Item item) throws IOException {
        upsert(item, new Revision(0, item.version()));
    }

    /**
     * Removes the item {@code id} (a resync found it gone from its producer): a removal marker that holds only
     * {@code revision} takes its document's place, so searches and matches no longer see it, and
     * {@link #indexedRevision} still answers for it. Replaying its older events cannot bring it back; an event of a
     * later revision (the item published again) replaces the marker like any upsert.
     */
    public void remove(String id, Revision revision) throws IOException {
        writer.updateDocument(new Term(IndexSchema.KEY, id), ItemDocuments.removalMarker(id, revision));
    }

    /** Makes every upsert so far visible to searches; blocks until it is. */
    public void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    /**
     * The revision of the last event applied to {@code id} in the current searcher: its item's, or its removal's.
     * Empty if no event of it was ever indexed.
     */
    public Optional<Revision> indexedRevision(String id) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs hit = searcher.search(new TermQuery(new Term(IndexSchema.KEY, id)), 1);
            if (hit.scoreDocs.length == 0) {
                return Optional.empty();
            }
            Document stored = searcher.storedFields().document(hit.scoreDocs[0].doc, ItemDocuments.REVISION_FIELDS);
            return Optional.of(ItemDocuments.revision(stored));
        } finally {
            searchers.release(searcher);
        }
    }

    /** The item {@code id} as indexed; empty if it is not, or was removed. */
    public Optional<Item> item(String id) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            int doc = ItemDocuments.docOf(searcher, id);
            return doc < 0 ? Optional.empty() : Optional.of(ItemDocuments.load(searcher.getIndexReader(), doc));
        } finally {
            searchers.release(searcher);
        }
    }

    /** Durably commits everything indexed so far together with the offsets it reflects. */
    public void commit(Map<String, Long> offsets) throws IOException {
        Map<String, String> userData = new LinkedHashMap<>();
        userData.put(IndexSchema.COMMIT_SCHEMA, IndexSchema.VERSION);
        offsets.forEach((k, v) -> userData.put(IndexSchema.COMMIT_OFFSET_PREFIX + k, Long.toString(v)));
        writer.setLiveCommitData(userData.entrySet());
        writer.commit();
    }

    /**
     * Merges the whole index into one segment, on a thread of its own, and refreshes the searchers once done; the
     * future completes with the number of segments then searched. A match run seeks and scores each query term in
     * every segment: at 100k documents, one segment instead of the eight a bulk rebuild leaves takes the p50 of a
     * match run from about 4.5 to 2 ms (bench/RESULTS.md). Meant for the end of a rebuild, when the index has just
     * been written in bulk. Upserts go on meanwhile, into new segments; the disk needs room for a second copy of
     * the index until the merge ends. Closing the index aborts a compaction still running.
     */
    public synchronized CompletableFuture<Integer> compact() {
        if (compaction != null && !compaction.isDone()) {
            return compaction;
        }
        CompletableFuture<Integer> done = new CompletableFuture<>();
        compaction = done;
        Thread.ofPlatform().name("matching-index-compaction").daemon(true).start(() -> {
            try {
                writer.forceMerge(1);
                searchers.maybeRefreshBlocking();
                done.complete(segments());
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** The number of segments the current searcher reads. */
    public int segments() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.getIndexReader().leaves().size();
        } finally {
            searchers.release(searcher);
        }
    }

    /** Whether the index is open for writes and reads: until {@link #close()}. */
    public boolean isOpen() {
        return writer.isOpen();
    }

    /** Documents in the index: items and removal markers, including writes not yet visible to searches. */
    public int numDocs() {
        return writer.getDocStats().numDocs;
    }

    /** Bytes on disk of the files of the latest commit. */
    public long sizeOnDisk() {
        long total = 0;
        try {
            for (String file : directory.listAll()) {
                try {
                    total += directory.fileLength(file);
                } catch (IOException ignored) {
                    // a file deleted by a merge between listing and sizing
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total;
    }

    /**
     * Closes the index. A compaction still running is aborted rather than waited for (a merge of a million
     * documents takes minutes): the writer is then rolled back to its last commit, which loses nothing, because
     * whatever was indexed after it is read again from the topics from the offsets that commit stored.
     */
    @Override
    public void close() throws IOException {
        searchers.close();
        CompletableFuture<Integer> running;
        synchronized (this) {
            running = compaction;
        }
        if (running != null && !running.isDone()) {
            writer.rollback();
        } else {
            writer.close();
        }
        directory.close();
    }

}
