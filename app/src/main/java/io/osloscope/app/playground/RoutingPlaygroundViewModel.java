package io.osloscope.app.playground;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.RoutingExplainer;
import io.osloscope.engine.broker.RoutingExplanation;
import io.osloscope.engine.broker.TopologySnapshot;
import io.osloscope.engine.broker.TopologySource;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.observe.BrokerEvents.BindingMatch;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The routing playground's state: exchange, routing key and headers in; what the in-memory broker says a
 * publish would do ({@link RoutingExplainer#explainRouting}, a capability of the in-memory broker) out, recomputed as the user types. Nothing is
 * ever published. FX thread (the explanation is an in-memory lookup); no nodes, so it is testable without
 * the toolkit.
 */
public final class RoutingPlaygroundViewModel {
    private final RoutingExplainer explainer;
    private final TopologySource topology;
    private final ObservableList<String> exchanges = FXCollections.observableArrayList();
    private final Map<String, String> types = new LinkedHashMap<>();
    private final ObjectProperty<String> exchange = new SimpleObjectProperty<>();
    private final StringProperty routingKey = new SimpleStringProperty("");
    private final StringProperty headersText = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper headersNeeded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper unroutable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper();
    private final ObservableList<BindingMatch> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<RoutingExplanation> explanation = new ReadOnlyObjectWrapper<>();

    /** Needs a broker that can explain its routing and tell its topology ({@link #supports}). */
    public RoutingPlaygroundViewModel(Broker broker) {
        Objects.requireNonNull(broker, "broker");
        this.explainer = broker.capability(RoutingExplainer.class).orElseThrow(() -> unsupported(broker));
        this.topology = broker.capability(TopologySource.class).orElseThrow(() -> unsupported(broker));
        exchange.addListener((o, a, b) -> explain());
        routingKey.addListener((o, a, b) -> explain());
        headersText.addListener((o, a, b) -> explain());
        refreshExchanges();
        explain();
    }

    /** True when {@code broker} can back a playground: it explains routing and tells its topology. */
    public static boolean supports(Broker broker) {
        return broker.capability(RoutingExplainer.class).isPresent() && broker.capability(TopologySource.class).isPresent();
    }

    private static IllegalArgumentException unsupported(Broker broker) {
        return new IllegalArgumentException(broker.describe() + " cannot explain its routing");
    }

    /** Reads the broker's exchanges again, keeping the chosen one when it still exists. */
    public void refreshExchanges() {
        TopologySnapshot t = topology.topology();
        String keep = exchange.get();
        types.clear();
        List<String> names = new ArrayList<>();
        for (TopologySnapshot.ExchangeView x : t.exchanges()) {
            types.put(x.name(), x.type().amqpName());
            if (!x.builtIn() || x.name().isEmpty()) {
                names.add(x.name());
            }
        }
        exchanges.setAll(names);
        if (keep != null && types.containsKey(keep)) {
            exchange.set(keep);
        }
    }

    public void selectExchange(String name) {
        refreshExchanges();
        exchange.set(name);
    }

    public void setHeaders(Map<String, ?> values) {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        headersText.set(sb.toString());
    }

    /** The AMQP type of an exchange (direct, topic, fanout, headers), "?" when unknown. */
    public String typeOf(String name) {
        return types.getOrDefault(name, "?");
    }

    private void explain() {
        String x = exchange.get();
        boolean isHeaders = "headers".equals(types.get(x));
        headersNeeded.set(isHeaders);
        RoutingExplanation result = null;
        String text;
        boolean failed = false;
        if (x == null) {
            text = t().get("summary.pick");
        } else {
            try {
                result = explainer.explainRouting(x, routingKey.get(),
                        isHeaders ? parseHeaders(headersText.get()) : Map.of());
                text = describe(result);
            } catch (MessagingException | IllegalArgumentException e) {
                text = t().get("summary.cannot", e.getMessage());
                failed = true;
            }
        }
        summary.set(text);
        unroutable.set(failed || (result != null && result.unroutable()));
        note.set(result == null || !result.bindings().isEmpty() ? null
                : x.isEmpty() ? t().get("note.defaultExchange") : t().get("note.noBindings"));
        List<BindingMatch> ordered = new ArrayList<>();
        if (result != null) {
            // Matches first: on a projector the answer should be at the top, the near misses below it.
            for (boolean wanted : new boolean[]{true, false}) {
                for (BindingMatch m : result.bindings()) {
                    if (m.matched() == wanted) {
                        ordered.add(m);
                    }
                }
            }
        }
        rows.setAll(ordered);
        explanation.set(result);
    }

    static String describe(RoutingExplanation e) {
        String ex = e.exchange().isEmpty() ? t().get("summary.defaultExchange")
                : "'" + e.exchange() + "' (" + e.exchangeType() + ")";
        if (e.unroutable()) {
            return t().get("summary.unroutable", ex);
        }
        return t().get("summary.routes", e.queues().size(), String.join(", ", e.queues()));
    }

    private static io.osloscope.app.fx.Texts t() {
        return io.osloscope.app.fx.Texts.of("io.osloscope.app.playground.RoutingPlaygroundView");
    }

    /** {@code key=value} per line; numbers stay numbers, {@code true}/{@code false} become booleans. */
    static Map<String, Object> parseHeaders(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : (text == null ? "" : text).split("\n")) {
            lineNo++;
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("header line " + lineNo + " is not key=value: '" + l + "'");
            }
            String k = l.substring(0, eq).strip();
            String v = l.substring(eq + 1).strip();
            Object value = v;
            if (v.matches("-?\\d{1,18}")) {
                value = Long.parseLong(v);
            } else if (v.equals("true") || v.equals("false")) {
                value = Boolean.parseBoolean(v);
            }
            out.put(k, value);
        }
        return out;
    }

    public ObservableList<String> exchanges() { return exchanges; }
    public ObjectProperty<String> exchangeProperty() { return exchange; }
    public StringProperty routingKeyProperty() { return routingKey; }
    public StringProperty headersTextProperty() { return headersText; }
    /** True when the chosen exchange is a headers exchange, so the headers field matters. */
    public ReadOnlyBooleanProperty headersNeededProperty() { return headersNeeded.getReadOnlyProperty(); }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty unroutableProperty() { return unroutable.getReadOnlyProperty(); }
    /** Shown instead of binding rows when the exchange has none; null otherwise. */
    public ReadOnlyStringProperty noteProperty() { return note.getReadOnlyProperty(); }
    /** Every binding of the exchange, matches first. */
    public ObservableList<BindingMatch> rows() { return rows; }
    /** The last explanation, or null when none could be computed. */
    public ReadOnlyObjectProperty<RoutingExplanation> explanationProperty() { return explanation.getReadOnlyProperty(); }
}
