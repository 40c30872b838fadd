package io.kechuang.testing.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.testing.security.SecurityTable.Row;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityTableTest {

    private static final Path FILE = Path.of("security/example.csv");
    private static final String HEADER = "operation,role,expect,fixture,body,params,pending,comment";

    @Test
    void rowsCarryEveryColumnAndTheCommentKeepsItsCommas() {
        List<Row> rows = SecurityTable.parse(List.of("# a comment before the header", HEADER, "",
                "POST /api/matches/{id}/notes,foreign-broker,403,match-assigned,note,size=1,authority,not theirs, "
                        + "so 403"), FILE);
        assertEquals(1, rows.size());
        Row row = rows.get(0);
        assertEquals("POST", row.method());
        assertEquals("/api/matches/{id}/notes", row.path());
        assertEquals(403, row.expect());
        assertEquals("match-assigned", row.fixture());
        assertEquals("note", row.body());
        assertEquals("size=1", row.params());
        assertEquals("authority", row.pending());
        assertEquals("not theirs, so 403", row.comment());
        assertEquals(4, row.line());
        assertTrue(row.mutating());
    }

    @Test
    void shortRowsLeaveTheOptionalColumnsEmpty() {
        Row row = SecurityTable.parse(List.of(HEADER, "GET /api/search,none,401"), FILE).get(0);
        assertEquals("", row.fixture());
        assertEquals("", row.pending());
        assertTrue(!row.allowed() && !row.mutating());
    }

    @Test
    void aTypoIsAnErrorNamingTheLine() {
        assertThrows(IllegalArgumentException.class, () -> SecurityTable.parse(List.of("op,role,expect"), FILE));
        IllegalArgumentException role = assertThrows(IllegalArgumentException.class,
                () -> SecurityTable.parse(List.of(HEADER, "GET /api/search,brokr,200"), FILE));
        assertTrue(role.getMessage().contains(":2:"), role.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SecurityTable.parse(List.of(HEADER, "FETCH /api/search,broker,200"), FILE));
        assertThrows(IllegalArgumentException.class,
                () -> SecurityTable.parse(List.of(HEADER, "GET /api/search,broker,ok"), FILE));
    }

    @Test
    void coverageNamesMissingRolesUnknownOperationsAndRecordsNobodyReaches() {
        ApiOperations api = ApiOperations.of("""
                {"paths": {
                  "/api/things": {"get": {}},
                  "/api/things/{id}": {"parameters": [{"name": "id", "in": "path", "schema": {"type": "string"}}],
                                       "delete": {}}
                }}""");
        List<String> roles = List.of("none", "admin");
        List<Row> rows = SecurityTable.parse(List.of(HEADER, "GET /api/things,none,401", "GET /api/things,admin,200",
                "DELETE /api/things/{id},none,401", "DELETE /api/things/{id},admin,403", "GET /api/gone,admin,200"),
                FILE);
        assertEquals(List.of("line 6: GET /api/gone is not in the OpenAPI document",
                "DELETE /api/things/{id}: no role succeeds, so nothing shows that its records exist"),
                SecuritySuite.coverage(api.operations(), rows, roles));
        assertEquals(List.of("DELETE /api/things/{id}: no row for admin"),
                SecuritySuite.uncovered(api.operations(), rows.subList(0, 3), roles));
        assertEquals(List.of("id"), api.operations().get("DELETE /api/things/{id}").parameters().stream()
                .map(ApiOperations.Parameter::name).toList());
    }

    @Test
    void placeholdersAreFilledAndUniqueIsNewEachTime() {
        assertEquals("to B of K", SecuritySuite.substitute("to ${broker} of ${brokerage}",
                Map.of("broker", "B", "brokerage", "K")));
        assertNotEquals(SecuritySuite.substitute("${unique}", Map.of()), SecuritySuite.substitute("${unique}", Map.of()));
        assertThrows(AssertionError.class, () -> SecuritySuite.substitute("${nobody}", Map.of()));
    }
}
