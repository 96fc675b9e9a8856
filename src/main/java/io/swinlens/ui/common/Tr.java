package io.swinlens.ui.common;

import io.swinlens.i18n.Language;
import io.swinlens.i18n.Messages;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.beans.value.WeakChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.Tooltip;

import java.util.concurrent.Callable;

/**
 * The views' side of {@link Messages}: the language as a JavaFX property, and text bound to it, so that
 * View > Language changes every label, menu, tab and tooltip at once, without a restart.
 *
 * <p>Fixed text: {@code Tr.bind(label, "ui.key")}. Text computed from other state: {@code Tr.bind(label,
 * () -> ..., dependencies)} or, where a view sets text itself, {@code Tr.onChange(this, this::refresh)}. A bound
 * text property cannot be set, so a node's text is either bound here or set by a refresh, never both.
 */
public final class Tr {

    private static final Object RELAY = new Object();
    private static final Object RELAY_LISTENER = new Object();
    private static final ReadOnlyObjectWrapper<Language> LANGUAGE = new ReadOnlyObjectWrapper<>(Messages.language());

    static {
        Messages.addListener(next -> {
            if (Platform.isFxApplicationThread()) LANGUAGE.set(next);
            else Platform.runLater(() -> LANGUAGE.set(Messages.language()));
        });
    }

    private Tr() { }

    /**
     * The current language; changes on the FX thread. Only bindings and weak listeners may observe it
     * directly (it lives as long as the process); views use {@link #languageOf(Node)}.
     */
    public static ReadOnlyObjectProperty<Language> languageProperty() { return LANGUAGE.getReadOnlyProperty(); }

    /** Switches the language (call on the FX thread); every bound text follows. */
    public static void setLanguage(Language next) {
        Messages.setLanguage(next);
        LANGUAGE.set(next);
    }

    /** The text for a key now (for text set once per refresh). */
    public static String get(String key, Object... args) { return Messages.get(key, args); }

    /** The key's text, following the language. */
    public static StringBinding text(String key, Object... args) {
        return Bindings.createStringBinding(() -> Messages.get(key, args), LANGUAGE);
    }

    /** Computed text that follows the language and {@code dependencies}. */
    public static StringBinding text(Callable<String> compute, ObservableValue<?>... dependencies) {
        javafx.beans.Observable[] all = new javafx.beans.Observable[dependencies.length + 1];
        all[0] = LANGUAGE;
        System.arraycopy(dependencies, 0, all, 1, dependencies.length);
        return Bindings.createStringBinding(compute, all);
    }

    public static <T extends Labeled> T bind(T node, String key, Object... args) {
        node.textProperty().bind(text(key, args));
        return node;
    }

    public static <T extends Labeled> T bind(T node, Callable<String> compute, ObservableValue<?>... dependencies) {
        node.textProperty().bind(text(compute, dependencies));
        return node;
    }

    public static <T extends MenuItem> T bind(T item, String key, Object... args) {
        item.textProperty().bind(text(key, args));
        return item;
    }

    public static Tab bind(Tab tab, String key, Object... args) {
        tab.textProperty().bind(text(key, args));
        return tab;
    }

    public static Tooltip tooltip(String key, Object... args) {
        Tooltip t = new Tooltip();
        t.textProperty().bind(text(key, args));
        return t;
    }

    /**
     * The language as seen by {@code owner}: a property that follows {@link #languageProperty()} for as long
     * as the owner lives. Listeners added to it live with the owner, not with the process: the process-wide
     * property holds this relay only weakly, so a closed window's views can be collected.
     */
    public static ObservableValue<Language> languageOf(Node owner) {
        Object relay = owner.getProperties().get(RELAY);
        if (relay == null) {
            ReadOnlyObjectWrapper<Language> wrapper = new ReadOnlyObjectWrapper<>(LANGUAGE.get());
            ChangeListener<Language> follow = (o, was, now) -> wrapper.set(now);
            owner.getProperties().put(RELAY_LISTENER, follow);       // the owner keeps the listener alive
            LANGUAGE.addListener(new WeakChangeListener<>(follow));
            relay = wrapper.getReadOnlyProperty();
            owner.getProperties().put(RELAY, relay);
        }
        @SuppressWarnings("unchecked")
        ObservableValue<Language> language = (ObservableValue<Language>) relay;
        return language;
    }

    /** Runs {@code refresh} now and after every change of language while {@code owner} lives (FX thread). */
    public static void onChange(Node owner, Runnable refresh) {
        refresh.run();
        afterChange(owner, refresh);
    }

    /** Runs {@code refresh} after every change of language while {@code owner} lives, not now. */
    public static void afterChange(Node owner, Runnable refresh) {
        languageOf(owner).addListener((o, was, now) -> refresh.run());
    }
}
