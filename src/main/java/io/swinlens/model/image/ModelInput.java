package io.swinlens.model.image;

import java.awt.image.BufferedImage;

/**
 * What the network receives, and what the app draws under it.
 *
 * @param chw       normalised pixels, shape (3, height, width), row-major: channel, then row, then column
 * @param height    rows of the model input
 * @param width     columns of the model input
 * @param modelView the resized and cropped RGB image before normalisation, {@code height x width}
 * @param crop      where {@code modelView} lies in the original image
 */
public record ModelInput(float[] chw, int height, int width, BufferedImage modelView, CropBox crop) {
}
