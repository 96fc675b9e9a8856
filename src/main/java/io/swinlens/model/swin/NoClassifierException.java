package io.swinlens.model.swin;

import io.swinlens.i18n.Messages;

/** Asked for predictions or class maps of a backbone: the checkpoint has no classification head. */
public final class NoClassifierException extends IllegalStateException {

    public NoClassifierException() {
        super(Messages.get("error.model.noClassifier"));
    }
}
