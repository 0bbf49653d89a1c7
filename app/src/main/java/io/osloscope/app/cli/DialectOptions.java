package io.osloscope.app.cli;

import io.osloscope.engine.rpc.dialect.Dialect;
import picocli.CommandLine.Help;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code --config FILE} (repeatable) and {@code --dialect D}, the options every command that declares oslo topology
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

    /** The transport options as one {@link TransportChoice}; {@code transport} may be null with {@code --config}. */
    TransportChoice choice(String transport, String exchange) {
        return new TransportChoice(transport, configFiles, dialect, exchange);
    }

    /** The dialect names, for the help text and the completion script. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Dialect.names().iterator();
        }
    }
}
