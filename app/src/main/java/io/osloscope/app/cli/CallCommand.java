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

import java.io.PrintStream;
import java.util.List;

/**
 * {@code call} and {@code cast}: fire one oslo.messaging RPC at any transport, as a nova
 * {@code rpcapi} would. {@code call} prints the result as JSON on stdout. Exit codes: 0 done,
 * 1 remote error (class and message on stderr), 2 bad usage, 3 timeout, 4 connection or
 * authentication failure (one line). On {@code memory://} only a server in the same JVM can
 * answer, so the command is meant for {@code rabbit://}.
 */
public final class CallCommand implements CliCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CallCommand.class);
    private final boolean cast;

    private CallCommand(boolean cast) {
        this.cast = cast;
    }

    public static CallCommand call() {
        return new CallCommand(false);
    }

    public static CallCommand cast() {
        return new CallCommand(true);
    }

    @Override
    public String name() {
        return cast ? "cast" : "call";
    }

    @Override
    public String summary() {
        return cast ? "send one RPC without waiting (oslo cast)" : "send one RPC and print its result (oslo call)";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "Usage: osloscope " + name() + " --transport URL|--config FILE [--dialect D] [--exchange nova] --topic T"
                        + " [--server S]" + (cast ? " [--fanout]" : ""),
                "         [--version V] [--namespace NS] [--timeout SECONDS] [--context JSON] METHOD [ARGS_JSON]",
                "",
                cast ? "Sends METHOD(**ARGS_JSON) to the topic, one server, or every server (--fanout) and returns"
                        + " once the broker has it."
                        : "Calls METHOD(**ARGS_JSON) and prints the result as JSON on stdout.",
                "",
                "  --transport URL    rabbit://user:pass@host:5672/vhost (as transport_url in nova.conf)",
                "  --exchange NAME    control exchange, e.g. nova, neutron (default: the config file's, else "
                        + CallRequest.DEFAULT_EXCHANGE + ")",
                String.join("\n", TransportChoice.USAGE),
                "  --topic T          e.g. compute, conductor, scheduler",
                "  --server S         a host, as in prepare(server=...): routing key T.S",
                cast ? "  --fanout           every server of the topic (exchange T_fanout)" : null,
                "  --version V        RPC API version the method needs, e.g. 6.0",
                "  --namespace NS     endpoint namespace, e.g. baseapi",
                "  --timeout SECONDS  " + (cast ? "how long to try to send" : "how long to wait for the reply")
                        + " (default rpc_response_timeout, " + (int) CallRequest.DEFAULT_TIMEOUT_SECONDS + ")",
                "  --context JSON     merged into the default request context (fresh request_id, no user)",
                "  ARGS_JSON          a JSON object of keyword arguments (default {})",
                "",
                TransportChoice.EXIT_CODES,
                "Meant for rabbit://: on memory:// only a server in the same JVM could answer.")
                .replace("\nnull", "");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        CallRequest request;
        try {
            request = CallRequest.parse(args, cast);
        } catch (UsageException e) {
            err.println("osloscope " + name() + ": " + e.getMessage());
            err.println("Try 'osloscope " + name() + " --help'.");
            return USAGE;
        }
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
