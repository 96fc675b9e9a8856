package io.swinlens.analysis;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** STYLE.md: analysis imports no JavaFX and no ND4J, and knows nothing of the CLI or the UI. */
class AnalysisLayeringTest {

    @Test
    void analysisDependsOnNeitherJavaFxNorNd4jNorTheFrontEnds() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.swinlens.analysis");
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("javafx..", "org.nd4j..", "io.swinlens.ui..", "io.swinlens.cli..")
                .check(classes);
    }
}
