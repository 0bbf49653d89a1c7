package io.osloscope.engine.sniff;

import io.osloscope.engine.broker.rabbit.RabbitSettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrokerAddressTest {
    @Test
    void anOsloTransportUrlGivesHostsCredentialsAndVhost() {
        BrokerAddress.Parsed p = BrokerAddress.parse("rabbit://nova:p%40ss@r1:5673,r2/nova");
        RabbitSettings s = p.settings();
        assertEquals(List.of(new RabbitSettings.HostPort("r1", 5673), new RabbitSettings.HostPort("r2", 5672)), s.hosts());
        assertEquals("nova", s.username());
        assertEquals("p@ss", s.password());
        assertEquals("nova", s.virtualHost());
        assertFalse(p.tls());
    }

    @Test
    void vhostFormsFollowOslo() {
        assertEquals("/", BrokerAddress.parse("rabbit://h/").settings().virtualHost());
        assertEquals("/", BrokerAddress.parse("rabbit://h//").settings().virtualHost());
        assertEquals("/nova", BrokerAddress.parse("rabbit://h/%2Fnova").settings().virtualHost());
        assertEquals("guest", BrokerAddress.parse("rabbit://h").settings().username());
    }

    @Test
    void tlsIsAskedForBySchemeOrQuery() {
        BrokerAddress.Parsed p = BrokerAddress.parse("rabbits://u:p@h/");
        assertTrue(p.tls());
        assertEquals(5671, p.settings().hosts().get(0).port());
        assertTrue(BrokerAddress.parse("rabbit://u:p@h:5671/?ssl=1").tls());
    }

    @Test
    void badUrlsAreRefusedWithoutShowingThePassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BrokerAddress.parse("rabbit://u:secret@h:99999/"));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BrokerAddress.parse("kafka://h"));
        assertThrows(IllegalArgumentException.class, () -> BrokerAddress.parse(""));
    }
}
