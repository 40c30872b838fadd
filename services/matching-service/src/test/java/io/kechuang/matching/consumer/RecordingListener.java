package io.kechuang.matching.consumer;

import io.kechuang.matching.index.Item;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** An {@link ItemListener} for tests: hands indexed items to a callback and records the removals it is told of. */
final class RecordingListener implements ItemListener {

    /** What to do with an indexed item. */
    @FunctionalInterface
    interface OnIndexed {
        void accept(Item item) throws Exception;
    }

    private final OnIndexed onIndexed;
    /** The ids of the removed items, in the order told. */
    final List<UUID> removed = Collections.synchronizedList(new ArrayList<>());

    RecordingListener(OnIndexed onIndexed) {
        this.onIndexed = onIndexed;
    }

    @Override
    public void indexed(Item item) throws Exception {
        onIndexed.accept(item);
    }

    @Override
    public void removed(Item.Kind kind, UUID id) {
        removed.add(id);
    }
}
