package io.osloscope.engine.wire;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Routing keys of nova, neutron and cinder as their rpcapi modules address them, read back as project/service. */
class DestinationTest {

    private static Destination rpc(String exchange, String key) {
        return Destination.of(exchange, key, MessageKind.CAST, null);
    }

    @Test
    void cinderVolumeIsListedByItsBackendWhicheverWayTheClientAddressedIt() {
        // RPC API 3.6 and later: topic cinder-volume.<host>@<backend>, server <host>
        assertEquals(new Destination("cinder", "cinder-volume", "cinder-volume", "cmp1@lvm", false),
                rpc("openstack", "cinder-volume.cmp1@lvm.cmp1"));
        // before 3.6, and the volume service's own server: topic cinder-volume, server <host>@<backend>
        assertEquals(new Destination("cinder", "cinder-volume", "cinder-volume", "cmp1@lvm", false),
                rpc("openstack", "cinder-volume.cmp1@lvm"));
        assertEquals("node1.example.org@ceph",
                rpc("openstack", "cinder-volume.node1.example.org@ceph.node1.example.org").server());
        assertEquals(new Destination("cinder", "cinder-scheduler", "cinder-scheduler", null, true),
                rpc("cinder-scheduler_fanout", ""));
    }

    @Test
    void neutronTopicsNameTheAgentsThatServeThem() {
        assertEquals(new Destination("neutron", "neutron-server", "q-reports-plugin", null, false),
                rpc("neutron", "q-reports-plugin"));
        assertEquals(new Destination("neutron", "neutron-l3-agent", "l3_agent", "net1", false),
                rpc("neutron", "l3_agent.net1"));
        assertEquals(new Destination("neutron", "neutron-l2-agent", "q-agent-notifier-port-update", null, true),
                rpc("q-agent-notifier-port-update_fanout", "q-agent-notifier-port-update"));
        // the object version's dot belongs to the topic
        assertEquals(new Destination("neutron", "neutron-agents", "neutron-vo-Port-1.10", null, false),
                rpc("neutron", "neutron-vo-Port-1.10"));
        assertEquals("net-1", rpc("neutron", "neutron-vo-Port-1.10.net-1").server());
    }

    @Test
    void novaHostsKeepTheirDotsAndComputeAltIsNovaCompute() {
        assertEquals(new Destination("nova", "nova-compute", "compute-alt", "cmp1.example.org", false),
                rpc("nova", "compute-alt.cmp1.example.org"));
        assertEquals(new Destination("heat", "engine", "engine", null, false), rpc("heat", "engine"));
        assertEquals(new Destination(null, "mystery", "mystery", null, false), rpc("openstack", "mystery"));
        assertNull(rpc("", "reply_abc"), "a reply has no destination of its own");
    }

    @Test
    void notificationsTakeTheirProjectFromTheExchangeOrThePublisher() {
        NotificationInfo volume = new NotificationInfo("volume.create.end", "volume.cmp1", "INFO", null);
        assertEquals(new Destination("cinder", "volume", "notifications", null, false),
                Destination.of("openstack", "notifications.info", MessageKind.NOTIFICATION, volume));
        NotificationInfo port = new NotificationInfo("port.create.end", "network.ctl1", "INFO", null);
        assertEquals(new Destination("neutron", "network", "notifications", null, false),
                Destination.of("neutron", "notifications.info", MessageKind.NOTIFICATION, port));
        NotificationInfo versioned = new NotificationInfo("instance.create.end", "nova-compute:cmp1", "INFO", null);
        assertEquals(new Destination("nova", "nova-compute", "versioned_notifications", null, false),
                Destination.of("openstack", "versioned_notifications.error", MessageKind.NOTIFICATION, versioned));
    }
}
