package io.kechuang.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

class QueryParamsTest {

    @Test
    void aBooleanIsTrueOrFalseAndNothingElse() {
        assertTrue(QueryParams.bool("publish", "true", false));
        assertTrue(QueryParams.bool("publish", " TRUE ", false));
        assertFalse(QueryParams.bool("publish", "False", true));
        assertTrue(QueryParams.bool("publish", null, true), "absent: the default");
        assertFalse(QueryParams.bool("publish", "", false), "blank: the default");
        for (String word : new String[] {"yes", "1", "0", "-1", "NaN", "[]", "maybe", "truee"}) {
            ProblemException e = assertThrows(ProblemException.class, () -> QueryParams.bool("publish", word, false),
                    word);
            assertEquals(400, e.problem().getStatus(), word);
            assertEquals("publish", e.problem().getErrors().get(0).field(), word);
        }
    }
}
