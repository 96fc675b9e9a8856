package io.swinlens.ui.common;

import io.swinlens.analysis.AnalysedImage;
import io.swinlens.analysis.HeadChoice;
import io.swinlens.analysis.ViewSettings;
import io.swinlens.analysis.teaching.Diverging;
import io.swinlens.model.load.LoadedModel;
import io.swinlens.ui.task.UiTaskExecutor;
import javafx.beans.property.ReadOnlyObjectProperty;

/**
 * All that the gallery, the overview and the teaching views see of the main window: the analysis and the
 * settings on screen (read-only), the model that made them, the one way back into the main view (show a
 * head), and the task executor for their own background work. Implemented by the main window's view model.
 */
public interface AnalysisOnScreen {

    /** The analysed image on screen; null while there is none. */
    ReadOnlyObjectProperty<AnalysedImage> analysedProperty();

    default AnalysedImage analysed() { return analysedProperty().get(); }

    ReadOnlyObjectProperty<ViewSettings> settingsProperty();

    default ViewSettings settings() { return settingsProperty().get(); }

    /** The map of signed values (scores, relative position bias): View > Signed values. */
    ReadOnlyObjectProperty<Diverging> signedMapProperty();

    /** The model that analysed the image; null while none is loaded. */
    LoadedModel model();

    /** Shows this block's head in the image view's settings (a click on a gallery tile or a statistics point). */
    void showHead(int stage, int block, HeadChoice head);

    /** Where a view runs work that needs the model (off the FX thread). */
    UiTaskExecutor executor();
}
