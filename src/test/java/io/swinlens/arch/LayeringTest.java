package io.swinlens.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The one-way dependencies of STYLE.md: model <- analysis <- ui, cli; no JavaFX below ui. */
@AnalyzeClasses(packages = "io.swinlens", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule modelAndAnalysisKnowNoJavaFx = noClasses()
            .that().resideInAnyPackage("io.swinlens.model..", "io.swinlens.analysis..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..");

    @ArchTest
    static final ArchRule modelKnowsNothingAbove = noClasses()
            .that().resideInAPackage("io.swinlens.model..")
            .should().dependOnClassesThat().resideInAnyPackage("io.swinlens.analysis..", "io.swinlens.ui..", "io.swinlens.cli..", "io.swinlens.app..");

    @ArchTest
    static final ArchRule analysisKnowsNoUiOrCli = noClasses()
            .that().resideInAPackage("io.swinlens.analysis..")
            .should().dependOnClassesThat().resideInAnyPackage("io.swinlens.ui..", "io.swinlens.cli..", "io.swinlens.app..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule nd4jStaysInsideModel = noClasses()
            .that().resideOutsideOfPackage("io.swinlens.model..")
            .and().resideOutsideOfPackage("io.swinlens.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..");
}
