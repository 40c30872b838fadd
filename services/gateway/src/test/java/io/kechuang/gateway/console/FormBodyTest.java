package io.kechuang.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kechuang.common.problem.ProblemException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormBodyTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void namesNestAndTypeTheValuesAndEmptyOnesAreLeftOut() {
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("_csrf", List.of("secret"));
        form.put("title", List.of("  电池回收  "));
        form.put("contact.person", List.of("刘工"));
        form.put("contact.phone", List.of(""));
        form.put("budget.min:number", List.of("300,000.50"));
        form.put("minTrl:int", List.of("5"));
        form.put("keywords:list", List.of("锂电池、回收，湿法冶金\n 拆解 "));
        form.put("cooperationModes:array", List.of("TRANSFER", "LICENCE"));
        form.put("priceNegotiable:bool", List.of("on"));
        form.put("lead:bool", List.of());
        form.put("at:datetime", List.of("2027-01-15T14:00"));
        form.put("deadline", List.of(""));
        assertEquals("{\"title\":\"电池回收\",\"contact\":{\"person\":\"刘工\"},\"budget\":{\"min\":300000.50},"
                + "\"minTrl\":5,\"keywords\":[\"锂电池\",\"回收\",\"湿法冶金\",\"拆解\"],"
                + "\"cooperationModes\":[\"TRANSFER\",\"LICENCE\"],\"priceNegotiable\":true,\"lead\":false,"
                + "\"at\":\"2027-01-15T14:00:00+08:00\"}", FormBody.toJson(json, form).toString());
    }

    @Test
    void aNumberThatIsNoneNamesItsField() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> FormBody.toJson(json, Map.of("amount:number", List.of("一百万"))));
        assertEquals(400, e.problem().getStatus());
        assertEquals("amount", e.problem().getErrors().get(0).field());
    }
}
