package io.osloscope.app.cli;

import io.osloscope.engine.rpc.dialect.Dialect;
import picocli.CommandLine.Help;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code --config FILE} (repeatable), {@code --dialect D} and {@code --management URL}, the options every command that declares oslo topology
 * shares (a picocli mixin); {@link #choice} hands them to the parser-agnostic {@link TransportChoice}.
 */
final class DialectOptions {
    @Option(names = "--config", paramLabel = "FILE", showDefaultValue = Help.Visibility.NEVER, description = {
            "An oslo config file (nova.conf); repeatable, later files win. Reads [DEFAULT] transport_url,"
                    + " control_exchange, rpc_response_timeout and [oslo_messaging_rabbit]."})
    List<String> configFiles = new ArrayList<>();

    @Option(names = "--dialect", paramLabel = "D", completionCandidates = Names.class, description = {
            "One of ${COMPLETION-CANDIDATES}. Default: zed on memory://; auto on rabbit:// without --config (found"
                    + " on the vhost); with --config the files alone. See README 'Dialects'."})
    String dialect;

    @Option(names = "--management", paramLabel = "URL", description = {
            "Management API that --dialect auto reads (reply queue names and types too). Default: http://<host>:15672/"
                    + " (https://...:15671/ with TLS), tried at the AMQP port + 10000 first when that is not 5672; an"
                    + " API of another broker or none answering: passive declares."})
    String management;

    /** The transport options as one {@link TransportChoice}; {@code transport} may be null with {@code --config}. */
    TransportChoice choice(String transport, String exchange) {
        return new TransportChoice(transport, configFiles, dialect, exchange, management);
    }

    /** The dialect names, for the help text and the completion script. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Dialect.names().iterator();
        }
    }
}
