package io.kechuang.common.validation;

/** GB/T 2260 administrative division codes: a province or city code stands for everything under it. */
public final class RegionCodes {

    private RegionCodes() {
    }

    /**
     * The prefix every code under {@code code} starts with: {@code 510000} (a province) → {@code 51},
     * {@code 510100} (a city) → {@code 5101}, {@code 510104} (a district) → {@code 510104}.
     */
    public static String prefix(String code) {
        String prefix = code;
        while (prefix.length() > 2 && prefix.endsWith("00")) {
            prefix = prefix.substring(0, prefix.length() - 2);
        }
        return prefix;
    }
}
