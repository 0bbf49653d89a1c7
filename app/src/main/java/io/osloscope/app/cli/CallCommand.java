package io.osloscope.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.app.log.Redaction;
import io.osloscope.engine.error.InvalidTargetException;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.error.MessagingTimeoutException;
import io.osloscope.engine.error.TransportConnectionException;
import io.osloscope.engine.error.RemoteError;
import io.osloscope.engine.rpc.CallContext;
import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code call} and {@code cast}: fire one oslo.messaging RPC at any transport, as a nova
 * {@code rpcapi} would. {@code call} prints the result as JSON on stdout. Exit codes: 0 done,
 * 1 remote error (class and message on stderr), 2 bad usage, 3 timeout, 4 connection or
 * authentication failure (one line). On {@code memory://} only a server in the same JVM can
 * answer, so the command is meant for {@code rabbit://}. The options, as picocli fills them, become a
 * {@link CallRequest}.
 */
@Command(sortOptions = false, usageHelpAutoWidth = true, showDefaultValues = true,
        footer = {"%n" + TransportChoice.EXIT_CODES, "Meant for rabbit://: on memory:// only a server in the same JVM"
                + " could answer. Options may also come from an argfile: @FILE."})
public abstract class CallCommand implements CliCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CallCommand.class);
    private final boolean cast;

    @Option(names = "--transport", paramLabel = "URL",
            description = "rabbit://user:pass@host:5672/vhost (as transport_url in nova.conf); or --config.")
    String transport;
    @Option(names = "--exchange", paramLabel = "NAME", description = "Control exchange, e.g. nova, neutron."
            + " Default: the config file's control_exchange, else " + CallRequest.DEFAULT_EXCHANGE + ".")
    String exchange;
    @Mixin
    DialectOptions dialect;
    @Option(names = "--topic", paramLabel = "T", description = "Required: e.g. compute, conductor, scheduler.")
    String topic;
    @Option(names = "--server", paramLabel = "S", description = "A host, as in prepare(server=...): routing key T.S.")
    String server;
    @Option(names = "--fanout", description = "cast only: every server of the topic (exchange T_fanout).")
    boolean fanout;
    @Option(names = "--version", paramLabel = "V", description = "RPC API version the method needs, e.g. 6.0.")
    String version;
    @Option(names = "--namespace", paramLabel = "NS", description = "Endpoint namespace, e.g. baseapi.")
    String namespace;
    @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long to wait for the reply (call) or to"
            + " try to send (cast). Default: rpc_response_timeout, " + (int) CallRequest.DEFAULT_TIMEOUT_SECONDS + ".")
    String timeout;
    @Option(names = "--context", paramLabel = "JSON",
            description = "Merged into the default request context (fresh request_id, no user).")
    String context;
    @Mixin
    HelpOption help;
    @Parameters(index = "0", paramLabel = "METHOD", description = "The method to call, e.g. ping.")
    String method;
    @Parameters(index = "1", arity = "0..1", paramLabel = "ARGS_JSON",
            description = "A JSON object of keyword arguments (default {}).")
    String argsJson;
    @Parameters(index = "2..*", hidden = true)
    List<String> extra = new ArrayList<>();

    private CallCommand(boolean cast) {
        this.cast = cast;
    }

    public static CallCommand call() {
        return new Call();
    }

    public static CallCommand cast() {
        return new Cast();
    }

    @Command(name = "call", description = "Send one RPC and print its result (oslo call): METHOD(**ARGS_JSON), the"
            + " result as JSON on stdout.")
    private static final class Call extends CallCommand {
        Call() {
            super(false);
        }
    }

    @Command(name = "cast", description = "Send one RPC without waiting (oslo cast): METHOD(**ARGS_JSON) to the topic,"
            + " one server or every server (--fanout); returns once the broker has it.")
    private static final class Cast extends CallCommand {
        Cast() {
            super(true);
        }
    }

    String name() {
        return cast ? "cast" : "call";
    }

    boolean isCast() {
        return cast;
    }

    @Override
    public int execute(PrintStream out, PrintStream err) {
        CallRequest request = CallRequest.of(this);
        Transport transport = null;
        LOG.info("{} {} to {} on {}, context {}", name(), request.method(), request.destination(),
                Redaction.mask(request.transportUrl()), Redaction.context(request.context()));
        try {
            transport = request.choice().open(CallRequest.DEFAULT_EXCHANGE, List.of(request.topic()), err);
            if (!request.timeoutGiven()) {
                request = request.withTimeout(transport.options().rpcResponseTimeout());
            }
            CallContext context = prepare(new RpcClient(transport, Target.topic(request.topic())), request);
            if (cast) {
                context.cast(request.context(), request.method(), request.args());
                return OK;
            }
            JsonNode result = context.call(request.context(), request.method(), request.args());
            out.println(JSON.writeValueAsString(result));
            return OK;
        } catch (RemoteError e) {
            err.println(e.excType() + ": " + e.value());
            err.println("  (raised remotely in module " + e.module() + ")");
            return REMOTE_ERROR;
        } catch (MessagingTimeoutException e) {
            err.println("timeout: no reply to " + request.method() + " from " + request.destination() + " within "
                    + seconds(request) + " s");
            return TIMEOUT;
        } catch (InvalidTargetException | IllegalArgumentException | UsageException e) {
            err.println("osloscope " + name() + ": " + oneLine(e.getMessage()));
            return USAGE;
        } catch (MessagingException e) {
            LOG.warn("{} {}: {}: {}", name(), request.method(),
                    e instanceof TransportConnectionException ? "connection failed" : "failed", oneLine(e.getMessage()));
            return TransportChoice.report(name(), e, err);
        } catch (JsonProcessingException e) {
            err.println("cannot print the result as JSON: " + oneLine(e.getOriginalMessage()));
            return REMOTE_ERROR;
        } finally {
            if (transport != null) {
                // This process will never read its reply queue again: leave nothing on the broker.
                transport.closeAndDeleteReplyQueue();
            }
        }
    }

    private static CallContext prepare(RpcClient client, CallRequest r) {
        CallContext c = client.prepare().timeout(r.timeout()).retry(0);
        if (r.server() != null) {
            c = c.server(r.server());
        }
        if (r.fanout()) {
            c = c.fanout(true);
        }
        if (r.version() != null) {
            c = c.version(r.version());
        }
        if (r.namespace() != null) {
            c = c.namespace(r.namespace());
        }
        return c;
    }

    private static String seconds(CallRequest r) {
        double s = r.timeout().toMillis() / 1000.0;
        return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
    }

    static String oneLine(String text) {
        return text == null ? "(no detail)" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
