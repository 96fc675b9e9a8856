package io.swinlens.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of docs/architecture.md, as one set of rules: model <- analysis <- ui, cli <- app;
 * no JavaFX below ui; ND4J only in model (and the CLI's bench); view models never touch the scene graph;
 * and no dependency cycle between any two io.swinlens packages.
 */
@AnalyzeClasses(packages = "io.swinlens", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.swinlens.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule modelAndAnalysisKnowNoJavaFx = noClasses()
            .that().resideInAnyPackage("io.swinlens.model..", "io.swinlens.analysis..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..");

    @ArchTest
    static final ArchRule modelKnowsNothingAbove = noClasses()
            .that().resideInAPackage("io.swinlens.model..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.swinlens.analysis..", "io.swinlens.ui..", "io.swinlens.cli..", "io.swinlens.app..");

    @ArchTest
    static final ArchRule analysisKnowsNoFrontEnd = noClasses()
            .that().resideInAPackage("io.swinlens.analysis..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.swinlens.ui..", "io.swinlens.cli..", "io.swinlens.app..", "org.nd4j..");

    @ArchTest
    static final ArchRule uiKnowsNoCliOrApp = noClasses()
            .that().resideInAPackage("io.swinlens.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("io.swinlens.cli..", "io.swinlens.app..");

    @ArchTest
    static final ArchRule cliKnowsNoUiOrJavaFx = noClasses()
            .that().resideInAPackage("io.swinlens.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("io.swinlens.ui..", "io.swinlens.app..", "javafx..");

    @ArchTest
    static final ArchRule nd4jStaysInsideModel = noClasses()
            .that().resideOutsideOfPackage("io.swinlens.model..")
            .and().resideOutsideOfPackage("io.swinlens.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..");

    @ArchTest
    static final ArchRule viewModelsDoNotTouchNodes = noClasses()
            .that().haveSimpleNameEndingWith("ViewModel").or().haveSimpleName("ViewControls")
            .or().resideInAPackage("..ui.task..").or().resideInAPackage("..ui.prefs..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "org.controlsfx..");
}
