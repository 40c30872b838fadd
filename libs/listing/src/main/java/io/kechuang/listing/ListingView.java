package io.kechuang.listing;

import java.util.UUID;

/** What the API needs of any listing as a caller sees it: its id (for {@code Location}) and version (the ETag). */
public interface ListingView {

    UUID id();

    long version();
}
