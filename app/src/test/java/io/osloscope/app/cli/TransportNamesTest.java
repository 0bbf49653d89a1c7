package io.osloscope.app.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TransportNamesTest {
    @Test
    void passwordsNeverShowInAMaskedUrl() {
        assertEquals("rabbit://nova:****@ctl1:5672,nova:****@ctl2:5672/",
                TransportNames.masked("rabbit://nova:s3cr3t@ctl1:5672,nova:other@ctl2:5672/"));
        assertEquals("memory://", TransportNames.masked("memory://"));
        assertEquals("rabbit://ctl:5672/nova", TransportNames.masked("rabbit://ctl:5672/nova"));
    }
}
