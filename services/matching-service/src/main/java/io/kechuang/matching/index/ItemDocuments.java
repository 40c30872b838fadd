package io.kechuang.matching.index;

import io.kechuang.events.Revision;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.matching.crosslingual.Translator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/** {@link Item} ↔ Lucene document. Only public fields exist in an item, so nothing confidential is ever indexed. */
public final class ItemDocuments {

    /** Expiry day used for items that never expire, so that one range filter serves all. */
    public static final long NO_EXPIRY = Long.MAX_VALUE;

    /** The stored fields that {@link #revision(Document)} reads. */
    static final Set<String> REVISION_FIELDS = Set.of(IndexSchema.VERSION_FIELD, IndexSchema.EPOCH_FIELD);

    private ItemDocuments() {
    }

    /** The document of {@code item}, written by the event at {@code revision}, without a vector. */
    public static Document toDocument(Item item, Revision revision) {
        return toDocument(item, revision, null);
    }

    /**
     * The document of {@code item}, written by the event at {@code revision}, with its dense {@code vector} (unit
     * length) if not null.
     */
    public static Document toDocument(Item item, Revision revision, float[] vector) {
        Document doc = new Document();
        if (vector != null) {
            doc.add(new KnnFloatVectorField(IndexSchema.VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        }
        doc.add(new StringField(IndexSchema.KEY, item.id().toString(), Field.Store.NO));
        doc.add(new KeywordField(IndexSchema.ID, item.id().toString(), Field.Store.YES));
        doc.add(new KeywordField(IndexSchema.KIND, item.kind().name(), Field.Store.NO));
        doc.add(new KeywordField(IndexSchema.ACTIVE, Boolean.toString(item.active()), Field.Store.NO));
        doc.add(new KeywordField(IndexSchema.STATUS, item.status().name(), Field.Store.NO));
        doc.add(new KeywordField(IndexSchema.OWNER, item.ownerOrgId().toString(), Field.Store.NO));
        if (item.field() != null) {
            doc.add(new KeywordField(IndexSchema.FIELD, item.field().name(), Field.Store.NO));
        }
        if (item.region() != null) {
            doc.add(new KeywordField(IndexSchema.REGION, item.region(), Field.Store.NO));
        }
        if (item.ipType() != null) {
            doc.add(new KeywordField(IndexSchema.IP_TYPE, item.ipType().name(), Field.Store.NO));
        }
        for (CooperationMode mode : item.cooperationModes()) {
            doc.add(new KeywordField(IndexSchema.COOPERATION, mode.name(), Field.Store.NO));
        }
        for (String keyword : item.keywords()) {
            doc.add(new KeywordField(IndexSchema.KEYWORD, normaliseKeyword(keyword), Field.Store.NO));
        }
        for (String ipc : item.ipcCodes()) {
            doc.add(new KeywordField(IndexSchema.IPC, ipc, Field.Store.NO));
            if (ipc.length() >= 4) {
                doc.add(new KeywordField(IndexSchema.IPC_SUBCLASS, ipc.substring(0, 4), Field.Store.NO));
            }
        }
        Integer maturity = item.kind() == Item.Kind.ACHIEVEMENT ? item.trl() : item.minTrl();
        if (maturity != null) {
            doc.add(new IntField(IndexSchema.TRL, maturity, Field.Store.NO));
        }
        doc.add(new LongField(IndexSchema.EXPIRY_DAY,
                item.expiresOn() == null ? NO_EXPIRY : item.expiresOn().toEpochDay(), Field.Store.NO));
        doc.add(new LongField(IndexSchema.UPDATED,
                item.updatedAt() == null ? 0 : item.updatedAt().toInstant().toEpochMilli(), Field.Store.NO));
        addRevision(doc, revision);

        String keywords = String.join("；", item.keywords());
        for (IndexableField f : text(item.title(), item.text(), keywords, item.isEnglish())) {
            doc.add(f);
        }
        String translated = Translator.get().translate(item).text();
        if (!translated.isEmpty()) {
            doc.add(new Field(item.isEnglish() ? IndexSchema.XL_BI : IndexSchema.XL_EN, translated, PLAIN));
        }
        doc.add(new BinaryDocValuesField(IndexSchema.SOURCE, new BytesRef(ItemCodec.encode(item))));
        return doc;
    }

    /**
     * What stays of an item that a resync removed: its key and the removal's revision, nothing that a search or a
     * match could find. It keeps the item out of the index against older events replayed or delivered late.
     */
    public static Document removalMarker(String id, Revision revision) {
        Document doc = new Document();
        doc.add(new StringField(IndexSchema.KEY, id, Field.Store.NO));
        addRevision(doc, revision);
        return doc;
    }

    /** The revision stored in a document (an item's or a removal marker's) read with {@link #REVISION_FIELDS}. */
    static Revision revision(Document stored) {
        return new Revision(stored.getField(IndexSchema.EPOCH_FIELD).numericValue().longValue(),
                stored.getField(IndexSchema.VERSION_FIELD).numericValue().longValue());
    }

    private static void addRevision(Document doc, Revision revision) {
        doc.add(new StoredField(IndexSchema.VERSION_FIELD, revision.version()));
        doc.add(new StoredField(IndexSchema.EPOCH_FIELD, revision.epoch()));
    }

    /**
     * No text field keeps term vectors or a stored copy: the text is stored once, in the item, and explanations and
     * highlights re-analyse the kept candidates' text with the cheap bigram analyzer (see {@link Highlights}).
     */
    private static final FieldType PLAIN = TextField.TYPE_NOT_STORED;

    private static List<IndexableField> text(String title, String text, String keywords, boolean english) {
        List<IndexableField> fields = new ArrayList<>();
        String head = TextFields.head(title, keywords);
        fields.add(new Field(IndexSchema.HEAD_BI, head, PLAIN));
        fields.add(new Field(IndexSchema.TEXT_BI, text, PLAIN));
        fields.add(new Field(IndexSchema.HEAD_ZH, head, PLAIN));
        if (english) {
            fields.add(new Field(IndexSchema.HEAD_EN, head, PLAIN));
            fields.add(new Field(IndexSchema.TEXT_EN, text, PLAIN));
        }
        return fields;
    }

    /** The document number of the item with {@code id} in {@code searcher}, or -1 if it is not indexed. */
    public static int docOf(IndexSearcher searcher, String id) throws IOException {
        TopDocs hit = searcher.search(new TermQuery(new Term(IndexSchema.ID, id)), 1);
        return hit.scoreDocs.length == 0 ? -1 : hit.scoreDocs[0].doc;
    }

    /** The item indexed as document {@code doc} of {@code reader}. */
    public static Item load(IndexReader reader, int doc) throws IOException {
        return load(reader, new int[] {doc})[0];
    }

    /**
     * The items indexed as {@code docs} of {@code reader}, in the order given. The items are doc values, not stored
     * fields: a match run reads some forty of them, and stored fields would decompress a whole block for each (a
     * tenth of a match run at 100k); doc values are read in place. Each segment's values are read in doc order.
     */
    public static Item[] load(IndexReader reader, int[] docs) throws IOException {
        Item[] out = new Item[docs.length];
        Integer[] order = new Integer[docs.length];
        for (int i = 0; i < docs.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> docs[i]));
        List<LeafReaderContext> leaves = reader.leaves();
        int leafIndex = -1;
        LeafReaderContext leaf = null;
        BinaryDocValues values = null;
        Item previous = null;
        int previousDoc = -1;
        for (int i : order) {
            int doc = docs[i];
            if (doc == previousDoc) {
                out[i] = previous;
                continue;
            }
            int li = ReaderUtil.subIndex(doc, leaves);
            if (li != leafIndex) {
                leafIndex = li;
                leaf = leaves.get(li);
                values = leaf.reader().getBinaryDocValues(IndexSchema.SOURCE);
            }
            if (values == null || !values.advanceExact(doc - leaf.docBase)) {
                throw new IllegalStateException("index document " + doc + " has no item");
            }
            previous = ItemCodec.decode(values.binaryValue());
            previousDoc = doc;
            out[i] = previous;
        }
        return out;
    }

    /**
     * The dense vectors of {@code docs} of {@code reader}, in the order given; null for a document without one (an
     * item indexed without a model).
     */
    public static float[][] vectors(IndexReader reader, int[] docs) throws IOException {
        float[][] out = new float[docs.length][];
        List<LeafReaderContext> leaves = reader.leaves();
        for (int i = 0; i < docs.length; i++) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs[i], leaves));
            FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexSchema.VECTOR);
            if (values == null) {
                continue;
            }
            KnnVectorValues.DocIndexIterator it = values.iterator();
            int local = docs[i] - leaf.docBase;
            if (it.advance(local) == local) {
                out[i] = values.vectorValue(it.index()).clone();
            }
        }
        return out;
    }

    public static String normaliseKeyword(String keyword) {
        return keyword.strip().toLowerCase(Locale.ROOT);
    }

}
