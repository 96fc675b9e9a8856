package io.swinlens.ui.main;

import io.swinlens.analysis.AnalysedImage;

import java.awt.image.BufferedImage;

/**
 * What the image view shows: the analysed image and, for image files, the picture before cropping
 * (null for a .npy tensor, which has no original).
 */
public record ShownImage(AnalysedImage analysed, BufferedImage original) {
}
