package io.kechuang.matching.index;

import io.kechuang.events.achievement.IpType;
import io.kechuang.events.achievement.MaturityStage;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.util.BytesRef;

/**
 * The stored form of an {@link Item} in the index: a compact binary record instead of JSON, because the matcher
 * decodes every candidate of every match run (Jackson took a tenth of a match run). Enums are stored by name, so
 * reordering an enum does not corrupt an index; any change of layout bumps {@link IndexSchema#VERSION}.
 */
final class ItemCodec {

    private static final byte FORMAT = 1;

    private ItemCodec() {
    }

    static byte[] encode(Item item) {
        ByteBuffersDataOutput out = new ByteBuffersDataOutput(512);
        try {
            out.writeByte(FORMAT);
            out.writeByte((byte) item.kind().ordinal());
            uuid(out, item.id());
            uuid(out, item.ownerOrgId());
            string(out, item.status().name());
            out.writeByte((byte) ((item.active() ? 1 : 0) | (item.priceNegotiable() ? 2 : 0)));
            out.writeZLong(item.version());
            out.writeString(item.title());
            out.writeString(item.text());
            strings(out, item.keywords());
            string(out, item.field() == null ? null : item.field().name());
            strings(out, item.ipcCodes());
            string(out, item.ipType() == null ? null : item.ipType().name());
            integer(out, item.trl());
            string(out, item.stage() == null ? null : item.stage().name());
            integer(out, item.minTrl());
            out.writeVInt(item.cooperationModes().size());
            for (CooperationMode mode : item.cooperationModes()) {
                out.writeString(mode.name());
            }
            decimal(out, item.priceAmount());
            string(out, item.priceCurrency());
            decimal(out, item.budgetMin());
            decimal(out, item.budgetMax());
            string(out, item.budgetCurrency());
            string(out, item.region());
            string(out, item.language());
            if (item.expiresOn() == null) {
                out.writeByte((byte) 0);
            } else {
                out.writeByte((byte) 1);
                out.writeZLong(item.expiresOn().toEpochDay());
            }
            if (item.updatedAt() == null) {
                out.writeByte((byte) 0);
            } else {
                out.writeByte((byte) 1);
                out.writeZLong(item.updatedAt().toEpochSecond());
                out.writeVInt(item.updatedAt().getNano());
                out.writeZInt(item.updatedAt().getOffset().getTotalSeconds());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toArrayCopy();
    }

    static Item decode(BytesRef bytes) {
        try {
            return read(new ByteArrayDataInput(bytes.bytes, bytes.offset, bytes.length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Item read(ByteArrayDataInput in) throws IOException {
        if (in.readByte() != FORMAT) {
            throw new IllegalStateException("unknown stored item format");
        }
        Item.Kind kind = Item.Kind.values()[in.readByte()];
        UUID id = uuid(in);
        UUID owner = uuid(in);
        Item.Status status = Item.Status.valueOf(string(in));
        byte flags = in.readByte(); // bit 1, active, follows from the status
        long version = in.readZLong();
        String title = in.readString();
        String text = in.readString();
        List<String> keywords = strings(in);
        String field = string(in);
        List<String> ipc = strings(in);
        String ipType = string(in);
        Integer trl = integer(in);
        String stage = string(in);
        Integer minTrl = integer(in);
        int modeCount = in.readVInt();
        Set<CooperationMode> modes = EnumSet.noneOf(CooperationMode.class);
        for (int i = 0; i < modeCount; i++) {
            modes.add(CooperationMode.valueOf(in.readString()));
        }
        BigDecimal price = decimal(in);
        String priceCurrency = string(in);
        BigDecimal budgetMin = decimal(in);
        BigDecimal budgetMax = decimal(in);
        String budgetCurrency = string(in);
        String region = string(in);
        String language = string(in);
        LocalDate expires = in.readByte() == 0 ? null : LocalDate.ofEpochDay(in.readZLong());
        OffsetDateTime updated = null;
        if (in.readByte() != 0) {
            long seconds = in.readZLong();
            int nanos = in.readVInt();
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(in.readZInt());
            updated = OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds, nanos), offset);
        }
        return new Item(kind, id, owner, status, version, title, text, keywords,
                field == null ? null : TechnicalField.valueOf(field), ipc, ipType == null ? null : IpType.valueOf(ipType),
                trl, stage == null ? null : MaturityStage.valueOf(stage), minTrl, modes, price, priceCurrency,
                (flags & 2) != 0, budgetMin, budgetMax, budgetCurrency, region, language, expires, updated);
    }

    private static void uuid(ByteBuffersDataOutput out, UUID id) throws IOException {
        out.writeLong(id.getMostSignificantBits());
        out.writeLong(id.getLeastSignificantBits());
    }

    private static UUID uuid(ByteArrayDataInput in) throws IOException {
        return new UUID(in.readLong(), in.readLong());
    }

    private static void string(ByteBuffersDataOutput out, String s) throws IOException {
        if (s == null) {
            out.writeByte((byte) 0);
        } else {
            out.writeByte((byte) 1);
            out.writeString(s);
        }
    }

    private static String string(ByteArrayDataInput in) throws IOException {
        return in.readByte() == 0 ? null : in.readString();
    }

    private static void strings(ByteBuffersDataOutput out, List<String> values) throws IOException {
        out.writeVInt(values.size());
        for (String v : values) {
            out.writeString(v);
        }
    }

    private static List<String> strings(ByteArrayDataInput in) throws IOException {
        int n = in.readVInt();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.readString());
        }
        return out;
    }

    private static void integer(ByteBuffersDataOutput out, Integer value) throws IOException {
        if (value == null) {
            out.writeByte((byte) 0);
        } else {
            out.writeByte((byte) 1);
            out.writeZInt(value);
        }
    }

    private static Integer integer(ByteArrayDataInput in) throws IOException {
        return in.readByte() == 0 ? null : in.readZInt();
    }

    private static void decimal(ByteBuffersDataOutput out, BigDecimal value) throws IOException {
        string(out, value == null ? null : value.toString());
    }

    private static BigDecimal decimal(ByteArrayDataInput in) throws IOException {
        String s = string(in);
        return s == null ? null : new BigDecimal(s);
    }
}
