package io.osloscope.app.playground;

import io.osloscope.engine.broker.memory.InMemoryBroker;
import io.osloscope.engine.broker.memory.RoutingExplanation;
import io.osloscope.engine.broker.memory.TopologySnapshot;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.observe.BrokerEvents.BindingMatch;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Asks the in-memory broker what a publish would do ({@link InMemoryBroker#explainRouting}) as the
 * user types, and lists every binding of the exchange with whether it matched and why. Nothing
 * is ever published.
 */
public final class RoutingPlaygroundView {
    private final InMemoryBroker broker;
    private final VBox root = new VBox();
    private final ComboBox<String> exchange = new ComboBox<>();
    private final TextField routingKey = new TextField();
    private final TextArea headers = new TextArea();
    private final Label headersLabel = new Label("Headers (one key=value per line)");
    private final Label summary = new Label();
    private final VBox rows = new VBox();
    private final Map<String, String> types = new LinkedHashMap<>();
    private RoutingExplanation last;

    public RoutingPlaygroundView(InMemoryBroker broker) {
        this.broker = Objects.requireNonNull(broker, "broker");
        root.getStyleClass().add("playground");
        root.getStylesheets().add(Objects.requireNonNull(
                RoutingPlaygroundView.class.getResource("playground.css"), "playground.css").toExternalForm());
        Label title = new Label("Routing playground");
        title.getStyleClass().add("pg-title");
        Label hint = new Label("Nothing is published: the broker only explains what it would do.");
        hint.getStyleClass().add("pg-hint");

        exchange.setId("exchangePicker");
        exchange.setPromptText("exchange");
        exchange.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String name) {
                return name == null ? "" : (name.isEmpty() ? "(default)" : name) + "  ·  " + types.getOrDefault(name, "?");
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        exchange.setOnShowing(e -> refreshExchanges());
        routingKey.setId("routingKey");
        routingKey.setPromptText("routing key, e.g. compute.host1");
        headers.setId("headers");
        headers.setPrefRowCount(3);
        headers.setPromptText("x-match=all\nformat=json");
        Button reload = new Button("Reload topology");
        reload.setOnAction(e -> refreshExchanges());

        GridPane form = new GridPane();
        form.getStyleClass().add("pg-form");
        form.addRow(0, new Label("Exchange"), exchange, reload);
        form.addRow(1, new Label("Routing key"), routingKey);
        form.add(headersLabel, 0, 2);
        form.add(headers, 1, 2, 2, 1);
        GridPane.setHgrow(routingKey, Priority.ALWAYS);
        routingKey.setPrefColumnCount(28);

        summary.setId("routeSummary");
        summary.getStyleClass().add("pg-summary");
        summary.setWrapText(true);
        rows.getStyleClass().add("pg-rows");
        ScrollPane scroll = new ScrollPane(rows);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        root.getChildren().addAll(title, hint, form, summary, scroll);

        exchange.valueProperty().addListener((o, a, b) -> explain());
        routingKey.textProperty().addListener((o, a, b) -> explain());
        headers.textProperty().addListener((o, a, b) -> explain());
        refreshExchanges();
        explain();
    }

    public Node getRoot() {
        return root;
    }

    public void selectExchange(String name) {
        refreshExchanges();
        exchange.setValue(name);
    }

    public void setRoutingKey(String key) {
        routingKey.setText(key);
    }

    public void setHeaders(Map<String, ?> values) {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        headers.setText(sb.toString());
    }

    /** The last explanation shown, or null when none could be computed. */
    public RoutingExplanation explanation() {
        return last;
    }

    public String summaryText() {
        return summary.getText();
    }

    private void refreshExchanges() {
        TopologySnapshot t = broker.topology();
        String keep = exchange.getValue();
        types.clear();
        List<String> names = new ArrayList<>();
        for (TopologySnapshot.ExchangeView x : t.exchanges()) {
            types.put(x.name(), x.type().amqpName());
            if (!x.builtIn() || x.name().isEmpty()) {
                names.add(x.name());
            }
        }
        exchange.setItems(FXCollections.observableArrayList(names));
        if (keep != null && types.containsKey(keep)) {
            exchange.setValue(keep);
        }
    }

    private void explain() {
        String x = exchange.getValue();
        boolean isHeaders = "headers".equals(types.get(x));
        headers.setVisible(isHeaders);
        headers.setManaged(isHeaders);
        headersLabel.setVisible(isHeaders);
        headersLabel.setManaged(isHeaders);
        rows.getChildren().clear();
        last = null;
        summary.pseudoClassStateChanged(Styles.UNROUTABLE, false);
        if (x == null) {
            summary.setText("Pick an exchange.");
            return;
        }
        try {
            last = broker.explainRouting(x, routingKey.getText(), isHeaders ? parseHeaders(headers.getText()) : Map.of());
        } catch (MessagingException | IllegalArgumentException e) {
            summary.setText("Cannot explain: " + e.getMessage());
            summary.pseudoClassStateChanged(Styles.UNROUTABLE, true);
            return;
        }
        summary.setText(describe(last));
        summary.pseudoClassStateChanged(Styles.UNROUTABLE, last.unroutable());
        if (last.bindings().isEmpty()) {
            Label none = new Label(x.isEmpty() ? "The default exchange has no bindings to judge: the key must name a queue."
                    : "This exchange has no bindings.");
            none.getStyleClass().add("pg-hint");
            rows.getChildren().add(none);
        }
        // Matches first: on a projector the answer should be at the top, the near misses below it.
        for (boolean wanted : new boolean[]{true, false}) {
            for (BindingMatch m : last.bindings()) {
                if (m.matched() == wanted) {
                    rows.getChildren().add(row(m));
                }
            }
        }
    }

    static String describe(RoutingExplanation e) {
        String ex = e.exchange().isEmpty() ? "the default exchange" : "'" + e.exchange() + "' (" + e.exchangeType() + ")";
        if (e.unroutable()) {
            return "Unroutable: no binding of " + ex + " matches. A mandatory publish would come back "
                    + "(312 NO_ROUTE); otherwise the broker drops it.";
        }
        return "Routes to " + e.queues().size() + (e.queues().size() == 1 ? " queue: " : " queues: ")
                + String.join(", ", e.queues());
    }

    private static Node row(BindingMatch m) {
        Label mark = new Label(m.matched() ? "✔" : "✘");
        mark.getStyleClass().add("pg-mark");
        Label dest = new Label("→ " + m.destination());
        dest.getStyleClass().add("pg-dest");
        Label key = new Label("binding key '" + m.bindingKey() + "'");
        key.getStyleClass().add("pg-key");
        Label why = new Label(m.reason());
        why.getStyleClass().add("pg-reason");
        why.setWrapText(true);
        VBox text = new VBox(new HBox(12, dest, key), why);
        HBox row = new HBox(12, mark, text);
        row.getStyleClass().addAll("pg-row", m.matched() ? "matched" : "unmatched");
        return row;
    }

    /** {@code key=value} per line; numbers stay numbers, {@code true}/{@code false} become booleans. */
    static Map<String, Object> parseHeaders(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : text.split("\n")) {
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

    private static final class Styles {
        static final javafx.css.PseudoClass UNROUTABLE = javafx.css.PseudoClass.getPseudoClass("unroutable");
    }
}
