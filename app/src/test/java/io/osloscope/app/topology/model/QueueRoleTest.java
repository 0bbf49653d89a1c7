package io.osloscope.app.topology.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Queue names read as the engine reads routing keys: one cinder-volume process owns both of its server queues. */
class QueueRoleTest {

    @Test
    void bothServerQueuesOfACinderVolumeBackendBelongToOneService() {
        QueueRole modern = QueueRole.of("cinder-volume.cmp1@lvm.cmp1");
        QueueRole legacy = QueueRole.of("cinder-volume.cmp1@lvm");
        assertEquals(QueueRole.Kind.SERVER, modern.kind());
        assertEquals("cinder-volume", modern.topic());
        assertEquals("cmp1@lvm", modern.server());
        assertEquals(modern, legacy);
        assertEquals("cmp1.example.org", QueueRole.of("compute.cmp1.example.org").server());
        assertEquals(QueueRole.Kind.TOPIC, QueueRole.of("neutron-vo-Port-1.10").kind(), "the version is no server");
    }
}
