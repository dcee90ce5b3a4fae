package org.rpyc4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtrasTest {
    @Test
    void spreadIsTheMedianThenTheRange() {
        assertEquals("2,000 (1,000–3,000)", Extras.spread(new double[] {3000, 1000, 2000}, "%,.0f"));
        assertEquals("2.5 (1.0–4.0)", Extras.spread(new double[] {4, 1, 2, 3}, "%.1f"));
    }

    @Test
    void spreadOfOneValueIsThatValueAndOfNoneADash() {
        assertEquals("12.0", Extras.spread(new double[] {12}, "%.1f"));
        assertEquals("–", Extras.spread(new double[0], "%.1f"));
    }

    @Test
    void ratioNeedsTwoFigures() {
        assertEquals("1.50×", Extras.ratio(3, 2));
        assertEquals("–", Extras.ratio(3, 0));
        assertEquals("–", Extras.ratio(Double.NaN, 2));
    }

    @Test
    void aTableCarriesTheMeasurementsBehindIt() {
        Measurement m = new Measurement("id", "label", "client", "server", "1 round trip").bytesPerCall(2_000_000);
        m.addRound(10, 0.5, 0);
        m.addRound(10, 1.0, 0);
        Map<String, Object> g = Extras.table("g", "title", List.of("text"), List.of("a"), List.of(List.of("1")),
                List.of(m));
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) ((List<?>) g.get("results")).getFirst();
        assertEquals("id", result.get("id"));
        assertEquals(Map.of("min", 20.0, "median", 30.0, "max", 40.0), result.get("mbPerSecond"));
    }
}
