package io.osloscope.app.fire;

import io.osloscope.app.fx.Texts;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The fire form on the FX thread: target, version, namespace, method, JSON arguments (validated as you type),
 * call or cast. {@link #fire()} hands the request to the {@link FireService} and shows the outcome inline.
 */
public final class FireViewModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FireService service;
    private final Executor fxExecutor;
    private final ObservableList<MethodTemplate> catalog = FXCollections.observableArrayList();
    private final ObservableList<String> servers = FXCollections.observableArrayList();
    private final ObjectProperty<MethodTemplate> template = new SimpleObjectProperty<>();
    private final ObjectProperty<FireRequest.TargetKind> target = new SimpleObjectProperty<>(FireRequest.TargetKind.SERVER);
    private final StringProperty exchange = new SimpleStringProperty("");
    private final StringProperty topic = new SimpleStringProperty("compute");
    private final StringProperty server = new SimpleStringProperty("");
    private final StringProperty version = new SimpleStringProperty("");
    private final StringProperty namespace = new SimpleStringProperty("");
    private final StringProperty method = new SimpleStringProperty("");
    private final StringProperty argsText = new SimpleStringProperty("{}");
    private final BooleanProperty call = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper argsError = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<FireOutcome> outcome = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper lastRequestId = new ReadOnlyStringWrapper();
    private Consumer<String> onFired = id -> { };

    public FireViewModel(FireService service, Executor fxExecutor) {
        this.service = Objects.requireNonNull(service);
        this.fxExecutor = Objects.requireNonNull(fxExecutor);
        catalog.setAll(service.catalog());
        exchange.set(service.controlExchange());
        argsText.addListener((o, a, b) -> validate());
        template.addListener((o, a, t) -> applyTemplate(t));
        topic.addListener((o, a, b) -> refreshServers());
        validate();
        refreshServers();
    }

    /** Called on the FX thread with the request id right after a request went out. */
    public void onFired(Consumer<String> listener) {
        this.onFired = Objects.requireNonNull(listener);
    }

    /** Refreshes the server list for the current topic (e.g. after a compute was added). */
    public void refreshServers() {
        String current = server.get();
        servers.setAll(service.servers(topic.get()));
        if ((current == null || current.isEmpty() || !servers.contains(current)) && !servers.isEmpty()) {
            server.set(servers.get(0));
        }
    }

    private void applyTemplate(MethodTemplate t) {
        if (t == null) {
            return;
        }
        topic.set(t.topic());
        method.set(t.method());
        version.set(t.version() == null ? "" : t.version());
        namespace.set(t.namespace() == null ? "" : t.namespace());
        call.set(t.call());
        argsText.set(t.argsJson());
        refreshServers();
        if (t.fanout()) {
            target.set(FireRequest.TargetKind.FANOUT);
        } else if (t.serverHint() != null) {
            target.set(FireRequest.TargetKind.SERVER);
            if (servers.contains(t.serverHint()) || servers.isEmpty()) {
                server.set(t.serverHint());
            }
        } else {
            target.set(FireRequest.TargetKind.TOPIC);
        }
    }

    /** Selects the catalog entry for {@code method}, if there is one. */
    public boolean selectMethod(String name) {
        for (MethodTemplate t : catalog) {
            if (t.method().equals(name)) {
                template.set(t);
                return true;
            }
        }
        return false;
    }

    private ObjectNode validate() {
        String text = argsText.get();
        try {
            JsonNode node = JSON.readTree(text == null || text.isBlank() ? "{}" : text);
            if (node == null || !node.isObject()) {
                argsError.set(texts().get("problem.notObject"));
                return null;
            }
            argsError.set(null);
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            // Jackson's own sentence stays as it is: it quotes the JSON the user typed
            argsError.set(texts().get("problem.json", e.getLocation().getLineNr(), e.getLocation().getColumnNr(),
                    e.getOriginalMessage()));
            return null;
        }
    }

    private static Texts texts() {
        return Texts.of("io.osloscope.app.fire.FireView");
    }

    /** Problems that stop a fire, or null when the form is complete. */
    public String formProblem() {
        if (method.get() == null || method.get().isBlank()) {
            return texts().get("problem.method");
        }
        if (topic.get() == null || topic.get().isBlank()) {
            return texts().get("problem.topic");
        }
        if (target.get() == FireRequest.TargetKind.SERVER && (server.get() == null || server.get().isBlank())) {
            return texts().get("problem.server");
        }
        if (target.get() == FireRequest.TargetKind.FANOUT && call.get()) {
            return texts().get("problem.fanoutCall");
        }
        return argsError.get();
    }

    /** Sends the request; returns its request id, or null when the form is incomplete (outcome says why). */
    public String fire() {
        String problem = formProblem();
        ObjectNode args = validate();
        if (problem != null || args == null) {
            outcome.set(new FireOutcome(call.get(), null, "InvalidRequest", problem, null, -1, null));
            return null;
        }
        String requestId = "req-" + UUID.randomUUID();
        FireRequest request = new FireRequest(target.get(), blankToNull(exchange.get()), topic.get().trim(),
                blankToNull(server.get()), blankToNull(version.get()), blankToNull(namespace.get()),
                method.get().trim(), args, call.get(), Duration.ofSeconds(30), requestId);
        busy.set(true);
        outcome.set(null);
        lastRequestId.set(requestId);
        onFired.accept(requestId);
        service.fire(request).whenCompleteAsync((o, err) -> {
            busy.set(false);
            outcome.set(err != null
                    ? new FireOutcome(request.call(), null, err.getClass().getSimpleName(), err.getMessage(), null, -1,
                    requestId)
                    : o);
        }, fxExecutor);
        return requestId;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public ObservableList<MethodTemplate> catalog() { return catalog; }
    public ObservableList<String> servers() { return servers; }
    public ObjectProperty<MethodTemplate> templateProperty() { return template; }
    public ObjectProperty<FireRequest.TargetKind> targetProperty() { return target; }
    public StringProperty exchangeProperty() { return exchange; }
    public StringProperty topicProperty() { return topic; }
    public StringProperty serverProperty() { return server; }
    public StringProperty versionProperty() { return version; }
    public StringProperty namespaceProperty() { return namespace; }
    public StringProperty methodProperty() { return method; }
    public StringProperty argsTextProperty() { return argsText; }
    public BooleanProperty callProperty() { return call; }
    public ReadOnlyStringProperty argsErrorProperty() { return argsError.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<FireOutcome> outcomeProperty() { return outcome.getReadOnlyProperty(); }
    public ReadOnlyStringProperty lastRequestIdProperty() { return lastRequestId.getReadOnlyProperty(); }
}
