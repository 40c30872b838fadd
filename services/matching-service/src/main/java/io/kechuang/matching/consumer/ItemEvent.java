package io.kechuang.matching.consumer;

import io.kechuang.events.Revision;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.MatchIndex;
import java.io.IOException;
import java.util.UUID;

/**
 * What one record of the achievement or demand topic says about its item, at the record's {@link Revision}: its new
 * state, or (a resync's {@code removed} event) that its producer no longer has it on the market.
 *
 * @param item the state carried by the event; {@code null} for a removal
 */
record ItemEvent(Item.Kind kind, UUID id, Revision revision, Item item) {

    boolean removal() {
        return item == null;
    }

    /** Identifies this event of this item, e.g. to recognise it when it is retried. */
    String marker() {
        return id + "@" + revision;
    }

    /** Writes the event into the index: the item, or its removal marker. The searcher is not refreshed. */
    void applyTo(MatchIndex index) throws IOException {
        if (removal()) {
            index.remove(id.toString(), revision);
        } else {
            index.upsert(item, revision);
        }
    }

    void notify(ItemListener listener) throws Exception {
        if (removal()) {
            listener.removed(kind, id);
        } else {
            listener.indexed(item);
        }
    }
}
