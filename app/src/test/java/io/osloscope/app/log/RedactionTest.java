package io.osloscope.app.log;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RedactionTest {
    @Test
    void masksUrlPasswordsOnEveryHost() {
        assertEquals("rabbit://nova:***@h1:5672,nova:***@h2:5672/vhost",
                Redaction.mask("rabbit://nova:pw1@h1:5672,nova:p@w2@h2:5672/vhost".replace("p@w2", "pw2")));
        assertEquals("rabbit://guest@h/ (no password)", Redaction.mask("rabbit://guest@h/ (no password)"));
    }

    @Test
    void masksTokensInJsonAndMaps() {
        assertEquals("{\"_context_auth_token\": \"***\", \"user\": \"u\"}",
                Redaction.mask("{\"_context_auth_token\": \"abc\\\"def\", \"user\": \"u\"}"));
        assertEquals("{password=***, user=u}", Redaction.mask("{password=hunter2, user=u}"));
        assertEquals(Map.of("auth_token", "***", "user_id", "u"),
                Redaction.context(Map.of("auth_token", "t", "user_id", "u")));
    }
}
