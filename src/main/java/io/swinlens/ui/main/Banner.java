package io.swinlens.ui.main;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The one-line message bar above the views (errors, warnings, notes). It takes its own row and pushes the tabs down
 * while it shows: ControlsFX's NotificationPane, used before, laid its bar over the content, where it hid the tab
 * strip and half the first-use hint until closed. The style class {@code error}, {@code warning} or {@code info} on it
 * picks the colour (swinlens.css); "×" closes it.
 */
public final class Banner extends HBox {

    private final Label text = new Label();
    private final ReadOnlyBooleanWrapper showing = new ReadOnlyBooleanWrapper(this, "showing", false);

    Banner() {
        super(8);
        setId("banner");
        getStyleClass().add("banner");
        text.getStyleClass().add("banner-text");
        text.setWrapText(true);                      // a long message wraps instead of running off the window
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button close = new Button("×");
        close.setId("closeBanner");
        close.getStyleClass().add("banner-close");
        close.setFocusTraversable(false);
        close.setTooltip(io.swinlens.ui.common.Tr.tooltip("ui.banner.close"));
        close.setOnAction(e -> hide());
        setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(text, close);
        visibleProperty().bind(showing);
        managedProperty().bind(showing);             // no row at all while hidden
    }

    StringProperty textProperty() { return text.textProperty(); }

    public String getText() { return text.getText(); }

    public ReadOnlyBooleanProperty showingProperty() { return showing.getReadOnlyProperty(); }

    public boolean isShowing() { return showing.get(); }

    void show() { showing.set(true); }

    void hide() { showing.set(false); }
}
