package io.swinlens.ui.common;

import io.swinlens.i18n.Language;
import io.swinlens.i18n.Messages;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Texts follow the language at once, and what follows it goes away with its owner (no window leaks). */
@ExtendWith(ApplicationExtension.class)
class TrTest {

    @Start
    void start(Stage stage) { Tr.setLanguage(Language.ENGLISH); }

    @AfterEach
    void english() { Messages.setLanguage(Language.ENGLISH); }

    @Test
    void boundTextAndRefreshesFollowTheLanguage(FxRobot robot) {
        Label label = new Label();
        AtomicInteger refreshes = new AtomicInteger();
        robot.interact(() -> {
            Tr.bind(label, "ui.tab.image");
            Tr.onChange(label, refreshes::incrementAndGet);
        });
        assertThat(label.getText()).isEqualTo(Messages.in(Language.ENGLISH, "ui.tab.image"));
        robot.interact(() -> Tr.setLanguage(Language.SIMPLIFIED_CHINESE));
        assertThat(label.getText()).isEqualTo(Messages.in(Language.SIMPLIFIED_CHINESE, "ui.tab.image")).isNotEqualTo(Messages.in(Language.ENGLISH, "ui.tab.image"));
        assertThat(refreshes.get()).isEqualTo(2);
        robot.interact(() -> Tr.setLanguage(Language.ENGLISH));
        assertThat(label.getText()).isEqualTo(Messages.in(Language.ENGLISH, "ui.tab.image"));
    }

    @Test
    void anOwnerAndWhatItListensWithAreCollected(FxRobot robot) throws InterruptedException {
        WeakReference<Pane> owner = new WeakReference<>(null);
        Pane[] made = new Pane[1];
        robot.interact(() -> {
            Pane pane = new Pane(new Label());
            Tr.onChange(pane, () -> pane.setUserData(Messages.language()));
            Tr.languageOf(pane).addListener(o -> pane.getChildren().size());
            Tr.bind((Label) pane.getChildren().get(0), "ui.tab.image");
            made[0] = pane;
        });
        owner = new WeakReference<>(made[0]);
        made[0] = null;
        for (int i = 0; i < 50 && owner.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(owner.get()).as("a view no one holds is collected, though it followed the language").isNull();
        robot.interact(() -> Tr.setLanguage(Language.SIMPLIFIED_CHINESE));      // and nothing breaks after
        robot.interact(() -> Tr.setLanguage(Language.ENGLISH));
    }
}
