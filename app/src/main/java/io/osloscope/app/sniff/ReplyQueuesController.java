package io.osloscope.app.sniff;

import io.osloscope.app.sniff.ReplyQueuesViewModel.Row;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.function.Function;

/**
 * Binds ReplyQueuesView.fxml to a {@link ReplyQueuesViewModel}: the table's cells say each queue's owner,
 * consumers, x-expires countdown and waiting calls in the bundle's words; a row at risk gets the {@code :at-risk}
 * style and the warning line above the table counts them.
 */
public final class ReplyQueuesController {
    static final PseudoClass AT_RISK = PseudoClass.getPseudoClass("at-risk");

    private final ReplyQueuesViewModel model;
    @FXML
    private ResourceBundle resources;
    @FXML
    private Label warning;
    @FXML
    private TableView<Row> table;
    @FXML
    private TableColumn<Row, String> queue;
    @FXML
    private TableColumn<Row, String> owner;
    @FXML
    private TableColumn<Row, String> consumers;
    @FXML
    private TableColumn<Row, String> expires;
    @FXML
    private TableColumn<Row, String> pending;

    public ReplyQueuesController(ReplyQueuesViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        table.setItems(model.rows());
        table.setPlaceholder(new Label(resources.getString("empty")));
        text(queue, Row::queue);
        text(owner, r -> r.owner() == null ? resources.getString("owner.unknown") : r.owner());
        text(consumers, r -> r.consumers() < 0 ? resources.getString("unknown") : Integer.toString(r.consumers()));
        text(expires, this::expiry);
        text(pending, r -> Integer.toString(r.pendingCalls()));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Row r, boolean empty) {
                super.updateItem(r, empty);
                pseudoClassStateChanged(AT_RISK, !empty && r != null && r.atRisk());
                setTooltip(empty || r == null ? null : new Tooltip(r.description()));
            }
        });
        model.atRiskProperty().addListener((o, a, n) -> showWarning(n.intValue()));
        showWarning(model.atRiskProperty().get());
    }

    private void showWarning(int n) {
        warning.setText(n == 0 ? "" : MessageFormat.format(resources.getString("warning"), n));
        warning.setVisible(n > 0);
        warning.setManaged(n > 0);
    }

    private String expiry(Row r) {
        if (r.gone()) {
            return resources.getString("expires.gone");
        }
        if (r.xExpiresSeconds() == null) {
            return r.consumers() < 0 ? resources.getString("unknown") : resources.getString("expires.none");
        }
        if (r.expiresInSeconds() == null) {
            return MessageFormat.format(resources.getString("expires.consumed"), r.xExpiresSeconds());
        }
        return r.expiresInSeconds() <= 0 ? MessageFormat.format(resources.getString("expires.now"), r.xExpiresSeconds())
                : MessageFormat.format(resources.getString("expires.countdown"), r.xExpiresSeconds(),
                r.expiresInSeconds());
    }

    private static void text(TableColumn<Row, String> column, Function<Row, String> f) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(f.apply(c.getValue())));
    }
}
