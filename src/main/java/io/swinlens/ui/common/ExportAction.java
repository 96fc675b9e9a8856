package io.swinlens.ui.common;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One export, prepared on the FX thread from what is on screen and written later from any thread
 * (rendering and file I/O stay off the FX thread).
 */
@FunctionalInterface
public interface ExportAction {
    void write(Path target) throws IOException;
}
