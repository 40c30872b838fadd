package io.kechuang.common.mapping;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** How request values are tidied before they are stored, the same way in every service. */
public final class Normalise {

    private Normalise() {
    }

    /** Each value stripped, duplicates dropped (first occurrence kept), never null; a mutable list for entities. */
    public static List<String> distinct(List<String> values) {
        if (values == null) {
            return new ArrayList<>();
        }
        return new ArrayList<>(new LinkedHashSet<>(values.stream().map(String::strip).toList()));
    }

    /** IPC codes in their compact form, {@code h01l 31/048} → {@code H01L31/048}, without duplicates. */
    public static List<String> ipcCodes(List<String> codes) {
        return distinct(codes == null ? null
                : codes.stream().map(c -> c.replace(" ", "").toUpperCase(Locale.ROOT)).toList());
    }
}
