package io.swinlens.ui;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** STYLE.md's rules for the UI: view models never touch the scene graph; model and analysis know no JavaFX. */
class UiArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.swinlens");

    @Test
    void viewModelsDoNotTouchNodes() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel").or().haveSimpleName("ViewControls")
                .or().resideInAPackage("..ui.task..").or().resideInAPackage("..ui.prefs..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "org.controlsfx..")
                .check(classes);
    }

    @Test
    void modelAndAnalysisDoNotDependOnJavaFxOrTheUi() {
        noClasses().that().resideInAnyPackage("io.swinlens.model..", "io.swinlens.analysis..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.swinlens.ui..", "org.controlsfx..")
                .check(classes);
    }
}
