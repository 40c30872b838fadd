package io.kechuang.matching.consumer;

import io.kechuang.matching.index.Item;

/** Called after an item has been indexed and the searcher refreshed, so matching sees it and everything before it. */
@FunctionalInterface
public interface ItemListener {

    void indexed(Item item) throws Exception;
}
