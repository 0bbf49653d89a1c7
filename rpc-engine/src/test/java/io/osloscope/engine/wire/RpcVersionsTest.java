package io.osloscope.engine.wire;

import io.osloscope.engine.error.MessagingException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RpcVersionsTest {

    @Test
    void anEndpointAtOnePointThreeServesOnePointZeroToOnePointThree() {
        for (String v : new String[]{"1.0", "1.1", "1.2", "1.3", "1.3.0"}) {
            assertTrue(RpcVersions.isCompatible("1.3", v), v);
        }
    }

    @Test
    void higherMinorOtherMajorOrHigherRevisionAreRefused() {
        for (String v : new String[]{"1.4", "2.0", "1.3.1", "0.9"}) {
            assertFalse(RpcVersions.isCompatible("1.3", v), v);
        }
        assertTrue(RpcVersions.isCompatible("1.3.2", "1.3.1"));
        assertTrue(RpcVersions.isCompatible("1.4", "1.3.9"));
    }

    @Test
    void noImplementationVersionAcceptsAllAndNoRequestVersionFailsACap() {
        assertTrue(RpcVersions.isCompatible(null, "9.9"));
        assertFalse(RpcVersions.isCompatible("6.0", null));
    }

    @Test
    void aClientVersionMustHaveMajorAndMinor() {
        assertDoesNotThrow(() -> RpcVersions.check("6.0"));
        assertDoesNotThrow(() -> RpcVersions.check("6.0.1"));
        MessagingException e = assertThrows(MessagingException.class, () -> RpcVersions.check("6"));
        assertTrue(e.getMessage().startsWith("Version must contain a major and minor integer"));
        assertThrows(MessagingException.class, () -> RpcVersions.check("6.x"));
    }
}
