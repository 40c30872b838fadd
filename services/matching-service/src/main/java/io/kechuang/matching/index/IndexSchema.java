package io.kechuang.matching.index;

/**
 * Field names of the matching index and its schema version. Bump {@link #VERSION} whenever fields or analysis
 * change: an index with another version is rebuilt from the compacted topics at start-up.
 */
public final class IndexSchema {

    /**
     * 8: a demand in negotiation is on the market ({@link #ACTIVE} true), as the demand service lists it. 7: the
     * item's terms in the other language ({@link #XL_BI}, {@link #XL_EN}). 6: the item's dense vector
     * ({@link #VECTOR}). 5: the event revision (epoch and version) of every document, and removal markers (see
     * {@link #KEY}).
     */
    public static final String VERSION = "8";

    /** Commit user data keys. */
    public static final String COMMIT_SCHEMA = "kechuang.schema";
    public static final String COMMIT_OFFSET_PREFIX = "kechuang.offset.";

    // exact fields
    /**
     * The aggregate id on every document, the term that upserts replace by: an item's document, or the removal
     * marker left when a resync removed the item. A marker holds only this key and the removal's revision, so no
     * search or match ever finds it (they read items by {@link #ID} and filter on {@link #ACTIVE}); it keeps an
     * older event from bringing the item back.
     */
    public static final String KEY = "key";
    /** The id of an item (not on removal markers). */
    public static final String ID = "id";
    public static final String KIND = "kind";
    public static final String ACTIVE = "active";
    public static final String STATUS = "status";
    public static final String OWNER = "owner";
    public static final String FIELD = "field";
    public static final String REGION = "region";
    public static final String IP_TYPE = "ipType";
    public static final String COOPERATION = "cooperation";
    public static final String KEYWORD = "keyword";
    public static final String IPC = "ipc";
    public static final String IPC_SUBCLASS = "ipcSubclass";
    public static final String TRL = "trl";
    public static final String EXPIRY_DAY = "expiryDay";
    public static final String UPDATED = "updated";
    /** The revision of the event that wrote the document (stored): version within the epoch, and the epoch. */
    public static final String VERSION_FIELD = "version";
    public static final String EPOCH_FIELD = "epoch";
    /**
     * The public item in its compact binary form ({@link ItemCodec}), for rescoring, explanations and responses: a
     * binary doc value, read in place (see {@link ItemDocuments#load(org.apache.lucene.index.IndexReader, int[])}).
     */
    public static final String SOURCE = "_source";

    /**
     * The unit-length dense vector of the item's public text (bge-small-zh-v1.5, 512 dimensions), an HNSW graph with
     * dot-product similarity; absent when the service runs without an embedding model.
     */
    public static final String VECTOR = "vector";

    // analysed text: suffix says which analyzer (see Analyzers, TextFields)
    /**
     * SmartCN words of the title and keywords. The body is not segmented: SmartCN is by far the most expensive
     * analysis (about 2,000 documents per CPU second over a whole listing against 28,000 for bigrams), and on the
     * relevance collections it ranks no better than the bigram fields, which cover the body.
     */
    public static final String HEAD_ZH = "head_zh";
    /** CJK bigrams of the title and keywords, and of the text. */
    public static final String HEAD_BI = "head_bi";
    public static final String TEXT_BI = "text_bi";
    /** English stems of the title and keywords, and of the text (English items only). */
    public static final String HEAD_EN = "head_en";
    public static final String TEXT_EN = "text_en";
    /**
     * The item's technical terms translated into the other language ({@code crosslingual.Translator}): an English
     * item's Chinese terms as CJK bigrams, a Chinese item's English phrases as English stems. Queried together with
     * the bigram and English fields, so a query in one language also finds items written in the other.
     */
    public static final String XL_BI = "xl_bi";
    public static final String XL_EN = "xl_en";

    private IndexSchema() {
    }
}
