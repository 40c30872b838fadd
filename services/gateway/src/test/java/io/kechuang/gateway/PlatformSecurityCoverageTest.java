package io.kechuang.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.testing.security.ApiOperations;
import io.kechuang.testing.security.SecuritySuite;
import io.kechuang.testing.security.SecurityTable;
import io.kechuang.testing.security.SecurityWorld;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the platform's merged OpenAPI document (api/kechuang-openapi.json, which ApiContractTest keeps
 * equal to what the gateway serves) has a row for every role in one of the security tables (security/*.csv), which
 * the owning service's SecuritySuiteTest runs. A new endpoint without rows fails here.
 */
class PlatformSecurityCoverageTest {

    @Test
    void everyOperationOfThePlatformDocumentHasARowForEveryRole() {
        Path document = SecurityTable.folder().resolveSibling("api").resolve("kechuang-openapi.json");
        Map<String, SecurityTable> tables = SecurityTable.all();
        assertTrue(tables.containsKey("gateway"), "security/gateway.csv: " + tables.keySet());
        List<String> missing = SecuritySuite.uncovered(ApiOperations.of(document).operations(),
                tables.values().stream().flatMap(t -> t.rows().stream()).toList(), SecurityWorld.ROLES);
        assertEquals(List.of(), missing, "operations of " + document + " without rows in security/*.csv (format: "
                + "libs/testing SecurityTable)");
    }
}
