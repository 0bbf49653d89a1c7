package io.osloscope.app.json;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the editor colours and what it can fold. */
class JsonSyntaxTest {
    private static String styled(String text, String style) {
        return JsonSyntax.tokens(text).stream().filter(t -> t.style().equals(style))
                .map(t -> text.substring(t.start(), t.end())).reduce((a, b) -> a + "|" + b).orElse("");
    }

    @Test
    void keysStringsNumbersAndLiteralsAreTold() {
        String json = "{\"instance\": {\"id\": 1, \"name\": \"vm \\\"1\\\"\", \"host\": null, \"ok\": true, \"t\": -2.5e3}}";
        assertEquals("\"instance\"|\"id\"|\"name\"|\"host\"|\"ok\"|\"t\"", styled(json, JsonSyntax.KEY));
        assertEquals("\"vm \\\"1\\\"\"", styled(json, JsonSyntax.STRING));
        assertEquals("1|-2.5e3", styled(json, JsonSyntax.NUMBER));
        assertEquals("null|true", styled(json, JsonSyntax.LITERAL));
    }

    @Test
    void halfTypedTextStillHighlightsWhatItHas() {
        String typing = "{\"instance\": \"unterminated\n  \"next\": 4";
        assertEquals("\"unterminated", styled(typing, JsonSyntax.STRING));
        assertEquals("\"instance\"|\"next\"", styled(typing, JsonSyntax.KEY));
    }

    @Test
    void blocksSpanningLinesCanBeFoldedOneLineBlocksCannot() {
        String json = "{\n  \"a\": [1, 2],\n  \"b\": {\n    \"c\": \"}\"\n  },\n  \"d\": [\n    3\n  ]\n}";
        assertEquals(List.of(new JsonSyntax.Block(0, 8), new JsonSyntax.Block(2, 4), new JsonSyntax.Block(5, 7)),
                JsonSyntax.blocks(json));
    }
}
