package io.kechuang.matching.consumer;

import io.kechuang.matching.index.Item;
import java.util.UUID;

/**
 * Told of each change once the index shows it (the searcher refreshed), so matching sees it and everything before
 * it.
 */
public interface ItemListener {

    /** {@code item} was indexed in a new state. */
    void indexed(Item item) throws Exception;

    /**
     * A resync removed the item {@code id}: its producer no longer has it on the market (gone, or back to a draft).
     * It is no longer in the index.
     */
    void removed(Item.Kind kind, UUID id) throws Exception;
}
