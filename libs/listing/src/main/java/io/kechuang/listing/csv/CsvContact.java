package io.kechuang.listing.csv;

import io.kechuang.listing.ContactInput;
import java.util.List;

/** The contact columns every import format shares: {@code contact_person}, {@code contact_phone}, {@code contact_email}. */
public final class CsvContact {

    public static final List<String> COLUMNS = List.of("contact_person", "contact_phone", "contact_email");

    private CsvContact() {
    }

    /** The row's contact, or null if all three cells are blank. */
    public static ContactInput read(CsvCells cells) {
        String person = cells.text("contact_person");
        String phone = cells.text("contact_phone");
        String email = cells.text("contact_email");
        return person == null && phone == null && email == null ? null : new ContactInput(person, phone, email);
    }
}
