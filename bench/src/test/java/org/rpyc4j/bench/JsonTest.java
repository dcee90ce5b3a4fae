package org.rpyc4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void aResultsDocumentIsWrittenIndentedWithItsFiguresAsTheReportReadsThem() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", 1);
        doc.put("durationSeconds", 40.0);
        doc.put("median", 12.5);
        doc.put("ratio", Double.NaN);
        doc.put("reach", null);
        doc.put("limit", "≥ 1.10× <floor> & more");
        doc.put("rows", List.of(List.of("a", "b"), List.of()));
        doc.put("settings", Map.of());
        assertEquals("""
                {
                  "schema": 1,
                  "durationSeconds": 40,
                  "median": 12.5,
                  "ratio": null,
                  "reach": null,
                  "limit": "≥ 1.10× <floor> & more",
                  "rows": [
                    [
                      "a",
                      "b"
                    ],
                    []
                  ],
                  "settings": {}
                }
                """, Json.write(doc));
    }

    @Test
    void numbersReadBackAsLongWhenIntegralElseDoubleAndKeysInFileOrder() {
        Object parsed = Json.parse("{\"z\": 40, \"a\": 40.7, \"m\": -3, \"e\": 1e3, \"n\": null, \"l\": [true, \"x\"]}");
        Map<?, ?> map = assertInstanceOf(Map.class, parsed);
        assertEquals(List.of("z", "a", "m", "e", "n", "l"), new ArrayList<>(map.keySet()));
        assertEquals(40L, map.get("z"));
        assertEquals(40.7, map.get("a"));
        assertEquals(-3L, map.get("m"));
        assertEquals(1000.0, map.get("e"));
        assertEquals(null, map.get("n"));
        assertEquals(Arrays.asList(true, "x"), map.get("l"));
    }

    @Test
    void aWrittenDocumentReadsBackEqual() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("text", "quote \" backslash \\ newline \n tab \t control \u0001");
        doc.put("figures", List.of(1L, 2.25, -7L));
        doc.put("nested", Map.of("met", true));
        assertEquals(doc, Json.parse(Json.write(doc)));
    }

    @Test
    void malformedTextIsRefused() {
        assertThrows(RuntimeException.class, () -> Json.parse("{\"a\": 1,}"));
        assertThrows(RuntimeException.class, () -> Json.parse("{\"a\": 1} trailing"));
        assertThrows(RuntimeException.class, () -> Json.parse("{a: 1}"));
    }
}
