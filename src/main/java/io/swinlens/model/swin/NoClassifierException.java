package io.swinlens.model.swin;

/** Asked for predictions or class maps of a backbone: the checkpoint has no classification head. */
public final class NoClassifierException extends IllegalStateException {

    public static final String MESSAGE = "this checkpoint has no classification head (a detection or segmentation backbone): "
            + "attention views, rollout and head statistics work; predictions and CAM do not";

    public NoClassifierException() {
        super(MESSAGE);
    }
}
