package io.kechuang.listing;

import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import java.util.List;
import java.util.Set;

/** The parts of an owner's create or replace request that every kind of listing has; request records implement it. */
public interface ListingRequest {

    String title();

    List<String> keywords();

    TechnicalField technicalField();

    List<String> ipcCodes();

    Set<CooperationMode> cooperationModes();

    ContactInput contact();

    String region();

    String language();
}
