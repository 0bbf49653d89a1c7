package io.osloscope.engine.wire;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Expected strings are what CPython 3.11 {@code json.dumps} prints for the same values. */
class PythonJsonTest {

    private static String dumps(Object value) {
        return PythonJson.write(WireCodec.toTree(value));
    }

    @Test
    void separatorsAndKeyOrderAreThoseOfJsonDumps() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", 1);
        m.put("a", List.of(true, false));
        m.put("n", null);
        assertEquals("{\"z\": 1, \"a\": [true, false], \"n\": null}", dumps(m));
    }

    @Test
    void nonAsciiIsEscapedWithLowerCaseHexAndSurrogatePairs() {
        assertEquals("\"caf\\u00e9 \\u65e5\\u672c \\ud83d\\ude00\"", dumps("café 日本 😀"));
    }

    @Test
    void controlCharactersUseShortEscapesWhereJsonDumpsDoes() {
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u007f/\"", dumps("a\"b\\c\n\r\t\b\f\u0001\u007f/"));
    }

    @Test
    void floatsLookLikePythonRepr() {
        assertEquals("[1.0, 0.1, 1e-05, 1e+16, 123.456, -2.5, 1.2345678901234568e+17]",
                dumps(List.of(1.0, 0.1, 0.00001, 1e16, 123.456, -2.5, 123456789012345678.0)));
    }

    @Test
    void pythonsNanAndInfinityAreReadAndWrittenBack() {
        JsonNode n = WireCodec.parse("[NaN, Infinity, -Infinity]".getBytes(StandardCharsets.UTF_8));
        assertEquals("[NaN, Infinity, -Infinity]", PythonJson.write(n));
    }

    @Test
    void escapedUnicodeFromPythonParsesToTheSameText() {
        JsonNode n = WireCodec.parse("{\"name\": \"caf\\u00e9\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("café", n.get("name").textValue());
    }
}
