package io.swinlens.ui.teaching;

import io.swinlens.ui.UiTestSupport;

import io.swinlens.analysis.HeadChoice;
import io.swinlens.i18n.Language;
import io.swinlens.i18n.Messages;
import io.swinlens.testutil.Fixtures;
import io.swinlens.testutil.ScreenChecks;
import io.swinlens.testutil.Screenshots;
import io.swinlens.testutil.TextChecks;
import io.swinlens.ui.common.Tr;
import io.swinlens.ui.main.MainController;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * View > Language at 1280 x 800 (docs/i18n.md): choosing 简体中文 turns every text of the main window and
 * of each teaching view into Chinese at once, redraws the pictures, cuts no text short, and is remembered;
 * choosing English brings the same English texts back. Writes zh-CN screenshots to target/screenshots/.
 */
@ExtendWith(ApplicationExtension.class)
class LanguageTest {

    private final Preferences node = UiTestSupport.testNode();
    private MainController controller;

    @Start
    void start(Stage stage) {
        Tr.setLanguage(Language.ENGLISH);
        controller = UiTestSupport.show(stage, node, 1280, 800);
    }

    @AfterEach
    void forget() {
        UiTestSupport.remove(node);
        Messages.setLanguage(Language.ENGLISH);
    }

    @Test
    void chineseReachesEveryViewAtOnceAndEnglishComesBack(FxRobot robot, @TempDir Path dir) throws Exception {
        File photo = Screenshots.scene(dir.resolve("shapes.png"));
        robot.interact(() -> controller.open(List.of(Fixtures.file("m7", "official.safetensors").toFile(), photo)));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            var c = controller.viewModel().controls();
            c.setStage(0);
            c.setBlock(1);
            c.setHead(HeadChoice.one(0));
            c.setQuery(218, 218);
        });
        WaitForAsyncUtils.waitForFxEvents();
        List<String> english = TextChecks.visibleTexts(controller.root());
        assertThat(TextChecks.clipped(controller.root())).as("English text cut short at 1280x800").isEmpty();
        TeachingTabs t = controller.teaching();
        List<BufferedImage> englishPictures = new ArrayList<>();
        for (Tab tab : t.tabs()) {
            select(robot, tab);
            englishPictures.add(picture(tab));
            assertThat(TextChecks.clipped(controller.root())).as("English text cut short in " + tab.getText()).isEmpty();
        }
        select(robot, controller.tabs().getTabs().get(0));

        choose(robot, Language.SIMPLIFIED_CHINESE);
        assertThat(Messages.language()).isEqualTo(Language.SIMPLIFIED_CHINESE);
        assertThat(node.get("language", null)).as("remembered").isEqualTo("zh-CN");
        Screenshots.shoot(robot, controller.root(), "zh-CN-main-window.png");
        assertThat(TextChecks.english(TextChecks.visibleTexts(controller.root()))).as("English left in the Chinese main window").isEmpty();
        assertThat(TextChecks.clipped(controller.root())).as("Chinese text cut short at 1280x800").isEmpty();
        assertThat(controller.tabs().getTabs().get(0).getText().codePoints().anyMatch(TextChecksHan::isHan)).isTrue();
        String[] views = {"gallery", "overview"};
        for (int i = 0; i < views.length; i++) {                 // the head gallery and the model overview tabs
            Tab tab = controller.tabs().getTabs().get(i + 1);
            select(robot, tab);
            Screenshots.shoot(robot, controller.root(), "zh-CN-" + views[i] + ".png");
            assertThat(TextChecks.english(TextChecks.visibleTexts(controller.root()))).as("English left in " + tab.getText()).isEmpty();
            assertThat(TextChecks.clipped(controller.root())).as("Chinese text cut short in " + tab.getText()).isEmpty();
        }
        for (int i = 0; i < t.tabs().size(); i++) {
            Tab tab = t.tabs().get(i);
            select(robot, tab);
            Screenshots.shoot(robot, controller.root(), "zh-CN-teach-" + (i + 1) + ".png");
            assertThat(TextChecks.english(TextChecks.visibleTexts(controller.root()))).as("English left in " + tab.getText()).isEmpty();
            assertThat(TextChecks.clipped(controller.root())).as("Chinese text cut short in " + tab.getText()).isEmpty();
            BufferedImage zh = picture(tab);
            if (zh != null && englishPictures.get(i) != null) {
                BufferedImage en = englishPictures.get(i);
                assertThat(zh.getWidth() != en.getWidth() || zh.getHeight() != en.getHeight() || ScreenChecks.meanDifference(zh, en) > 0)
                        .as(tab.getText() + ": the picture was drawn again in Chinese").isTrue();
            }
        }
        select(robot, controller.tabs().getTabs().get(0));

        java.util.concurrent.atomic.AtomicReference<Stage> dialog = new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> dialog.set(controller.menu().getModel()));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Parent dialogRoot = dialog.get().getScene().getRoot();
        Screenshots.shoot(robot, dialogRoot, "zh-CN-get-model.png");
        assertThat(TextChecks.english(TextChecks.visibleTexts(dialogRoot))).as("English left in Get model").isEmpty();
        assertThat(TextChecks.clipped(dialogRoot)).as("Chinese text cut short in Get model").isEmpty();
        robot.interact(() -> dialog.get().close());

        choose(robot, Language.ENGLISH);
        assertThat(TextChecks.visibleTexts(controller.root())).as("the same English texts as before").isEqualTo(english);
        assertThat(node.get("language", null)).isEqualTo("en");
    }

    private BufferedImage picture(Tab tab) {
        return tab.getContent() instanceof TeachingView v ? v.picture() : null;
    }

    private void select(FxRobot robot, Tab tab) {
        robot.interact(() -> controller.tabs().getSelectionModel().select(tab));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Picks the language's item in View > Language, as a user would. */
    private void choose(FxRobot robot, Language language) {
        RadioMenuItem item = ((javafx.scene.control.MenuBar) robot.lookup(".menu-bar").query()).getMenus().stream()
                .flatMap(m -> items(m).stream())
                .filter(i -> i instanceof RadioMenuItem && language.nativeName().equals(i.getText()))
                .map(RadioMenuItem.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no menu item " + language.nativeName()));
        robot.interact(item::fire);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static List<MenuItem> items(Menu menu) {
        List<MenuItem> all = new ArrayList<>();
        for (MenuItem i : menu.getItems()) {
            all.add(i);
            if (i instanceof Menu m) all.addAll(items(m));
        }
        return all;
    }

    private static final class TextChecksHan {
        static boolean isHan(int cp) { return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN; }
    }
}
