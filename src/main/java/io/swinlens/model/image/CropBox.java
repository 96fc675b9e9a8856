package io.swinlens.model.image;

/**
 * The region of the original image that the model sees, in original pixel coordinates
 * (x to the right, y down, both from the top-left corner). A squashing preset gives the whole
 * image; a centre-cropping one gives a centred box that spans the image's short side.
 */
public record CropBox(double x, double y, double width, double height) {
}
