package io.kechuang.matching.index;

import io.kechuang.events.taxonomy.CooperationMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFieldVisitor;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.util.BytesRef;

/** {@link Item} ↔ Lucene document. Only public fields exist in an item, so nothing confidential is ever indexed. */
public final class ItemDocuments {

    /** Expiry day used for items that never expire, so that one range filter serves all. */
    public static final long NO_EXPIRY = Long.MAX_VALUE;

    private ItemDocuments() {
    }

    public static Document toDocument(Item item) {
        Document doc = new Document();
        doc.add(new KeywordField(IndexSchema.ID, item.id().toString(), Field.Store.YES));
        doc.add(new KeywordField(IndexSchema.KIND, item.kind().name(), Field.Store.NO));
        doc.add(new KeywordField(IndexSchema.ACTIVE, Boolean.toString(item.active()), Field.Store.NO));
        doc.add(new KeywordField(IndexSchema.STATUS, item.status(), Field.Store.NO));
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
        doc.add(new StoredField(IndexSchema.VERSION_FIELD, item.version()));

        String keywords = String.join("；", item.keywords());
        for (IndexableField f : text(item.title(), item.text(), keywords, item.isEnglish())) {
            doc.add(f);
        }
        doc.add(new StoredField(IndexSchema.SOURCE, ItemCodec.encode(item)));
        return doc;
    }

    /**
     * No text field keeps term vectors or a stored copy: the text is stored once, in the item, and explanations and
     * highlights re-analyse the kept candidates' text with the cheap bigram analyzer (see {@link Highlights}).
     */
    private static final FieldType PLAIN = TextField.TYPE_NOT_STORED;

    private static List<IndexableField> text(String title, String text, String keywords, boolean english) {
        List<IndexableField> fields = new ArrayList<>();
        fields.add(new Field(IndexSchema.TITLE_BI, title, PLAIN));
        fields.add(new Field(IndexSchema.TEXT_BI, text, PLAIN));
        fields.add(new Field(IndexSchema.KEYWORDS_BI, keywords, PLAIN));
        fields.add(new Field(IndexSchema.HEAD_ZH, TextFields.head(title, keywords), PLAIN));
        if (english) {
            fields.add(new Field(IndexSchema.TITLE_EN, title, PLAIN));
            fields.add(new Field(IndexSchema.TEXT_EN, text, PLAIN));
            fields.add(new Field(IndexSchema.KEYWORDS_EN, keywords, PLAIN));
        }
        return fields;
    }

    public static Item fromDocument(Document doc) {
        BytesRef source = doc.getBinaryValue(IndexSchema.SOURCE);
        if (source == null) {
            throw new IllegalStateException("index document has no stored item");
        }
        return ItemCodec.decode(source);
    }

    /** The item stored with document {@code doc}, reading nothing else of the stored document. */
    public static Item load(StoredFields stored, int doc) throws IOException {
        SourceVisitor visitor = new SourceVisitor();
        stored.document(doc, visitor);
        if (visitor.source == null) {
            throw new IllegalStateException("index document " + doc + " has no stored item");
        }
        return ItemCodec.decode(new BytesRef(visitor.source));
    }

    /** Reads the stored item and stops: the id and version stored before it are skipped. */
    private static final class SourceVisitor extends StoredFieldVisitor {
        byte[] source;

        @Override
        public Status needsField(FieldInfo fieldInfo) {
            if (source != null) {
                return Status.STOP;
            }
            return IndexSchema.SOURCE.equals(fieldInfo.name) ? Status.YES : Status.NO;
        }

        @Override
        public void binaryField(FieldInfo fieldInfo, byte[] value) {
            source = value;
        }
    }

    public static String normaliseKeyword(String keyword) {
        return keyword.strip().toLowerCase(Locale.ROOT);
    }

}
