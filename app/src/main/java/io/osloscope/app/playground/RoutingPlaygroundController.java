package io.osloscope.app.playground;

import io.osloscope.engine.observe.BrokerEvents.BindingMatch;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.text.MessageFormat;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * Binds RoutingPlaygroundView.fxml to a {@link RoutingPlaygroundViewModel} and draws one card per binding
 * (matched first). FX thread.
 */
public final class RoutingPlaygroundController {
    private static final PseudoClass UNROUTABLE = PseudoClass.getPseudoClass("unroutable");

    private final RoutingPlaygroundViewModel model;
    @FXML private ResourceBundle resources;
    @FXML private ComboBox<String> exchange;
    @FXML private TextField routingKey;
    @FXML private Label headersLabel;
    @FXML private TextArea headers;
    @FXML private Label summary;
    @FXML private VBox rows;

    public RoutingPlaygroundController(RoutingPlaygroundViewModel model) {
        this.model = Objects.requireNonNull(model);
    }

    @FXML
    private void initialize() {
        exchange.setConverter(new StringConverter<>() {
            @Override
            public String toString(String name) {
                return name == null ? ""
                        : (name.isEmpty() ? resources.getString("exchange.default") : name) + "  ·  " + model.typeOf(name);
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        exchange.setItems(model.exchanges());
        exchange.valueProperty().bindBidirectional(model.exchangeProperty());
        routingKey.textProperty().bindBidirectional(model.routingKeyProperty());
        headers.textProperty().bindBidirectional(model.headersTextProperty());
        for (Node n : new Node[]{headers, headersLabel}) {
            n.visibleProperty().bind(model.headersNeededProperty());
            n.managedProperty().bind(model.headersNeededProperty());
        }
        summary.textProperty().bind(model.summaryProperty());
        summary.pseudoClassStateChanged(UNROUTABLE, model.unroutableProperty().get());
        model.unroutableProperty().addListener((o, a, b) -> summary.pseudoClassStateChanged(UNROUTABLE, b));
        model.rows().addListener((ListChangeListener<BindingMatch>) c -> rebuildRows());
        model.noteProperty().addListener((o, a, b) -> rebuildRows());
        rebuildRows();
    }

    @FXML
    private void refreshExchanges() {
        model.refreshExchanges();
    }

    private void rebuildRows() {
        rows.getChildren().clear();
        if (model.noteProperty().get() != null) {
            Label none = new Label(model.noteProperty().get());
            none.getStyleClass().add("pg-hint");
            rows.getChildren().add(none);
        }
        for (BindingMatch m : model.rows()) {
            rows.getChildren().add(card(m));
        }
    }

    private Node card(BindingMatch m) {
        Label mark = new Label(resources.getString(m.matched() ? "match.yes" : "match.no"));
        mark.getStyleClass().add("pg-mark");
        Label dest = new Label(MessageFormat.format(resources.getString("row.destination"), m.destination()));
        dest.getStyleClass().add("pg-dest");
        Label key = new Label(MessageFormat.format(resources.getString("row.bindingKey"), m.bindingKey()));
        key.getStyleClass().add("pg-key");
        var e = model.explanationProperty().get();
        Label why = new Label(e == null ? m.reason()
                : io.osloscope.app.fx.RoutingReasons.of(e.exchange(), e.exchangeType(), e.routingKey(), m));
        why.getStyleClass().add("pg-reason");
        why.setWrapText(true);
        VBox text = new VBox(new HBox(12, dest, key), why);
        HBox row = new HBox(12, mark, text);
        row.getStyleClass().addAll("pg-row", m.matched() ? "matched" : "unmatched");
        return row;
    }
}
