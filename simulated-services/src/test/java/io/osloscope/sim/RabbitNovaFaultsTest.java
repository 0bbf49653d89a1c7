package io.osloscope.sim;

import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.testsupport.RequiresRabbit;
import org.junit.jupiter.api.AfterEach;

@RequiresRabbit
class RabbitNovaFaultsTest extends NovaFaultsContract {
    private RabbitVhost vhost;

    @Override
    protected Transport openTransport() {
        vhost = RabbitVhost.create();
        return Transport.open(vhost.transportUrl(), "nova");
    }

    @AfterEach
    void deleteVhost() {
        if (vhost != null) {
            vhost.close();
        }
    }
}
