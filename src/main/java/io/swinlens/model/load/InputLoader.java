package io.swinlens.model.load;

import io.swinlens.i18n.Messages;
import io.swinlens.model.config.SwinConfig;
import io.swinlens.model.image.CropBox;
import io.swinlens.model.image.ImageLoadException;
import io.swinlens.model.image.ImageLoader;
import io.swinlens.model.image.ModelInput;
import io.swinlens.model.image.Preprocess;
import io.swinlens.model.image.Preprocessor;
import io.swinlens.model.io.Npy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Turns an input file into what the model runs on: an image file is decoded and preprocessed; a
 * {@code .npy} float32 (1, 3, H, W) tensor is used as it is (the way to check parity with another
 * implementation), and de-normalised only to have something to draw.
 */
public final class InputLoader {


    private InputLoader() { }

    public static ModelInput load(Path file, SwinConfig config, Preprocess preprocess) throws ImageLoadException {
        return load(file, config, preprocess, null);
    }

    /** Whether the file is a .npy tensor, fed to the model as it is (at its own size), rather than an image. */
    public static boolean isTensor(Path file) {
        return file.getFileName() != null && file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".npy");
    }

    /**
     * @param size the input size {H, W} to preprocess an image to (--image-size), or null for the model's training
     *             size; a {@code .npy} tensor is used at its own size either way
     */
    public static ModelInput load(Path file, SwinConfig config, Preprocess preprocess, int[] size) throws ImageLoadException {
        if (isTensor(file)) return tensor(file);
        return prepare(ImageLoader.decode(file), config, preprocess, size);
    }

    public static ModelInput prepare(ImageLoader.Decoded decoded, SwinConfig config, Preprocess preprocess, int[] size) {
        if (size == null) return prepare(decoded, config, preprocess);
        ModelInput input = Preprocessor.prepare(decoded.image(), size[0], size[1], preprocess, config.name());
        return rescaleCrop(input, decoded.subsampling());
    }

    /**
     * Preprocesses a decoded image; when it was subsampled while decoding, the crop box is given back in
     * the file's own pixels, so that a query position means the same point as in the file.
     */
    public static ModelInput prepare(ImageLoader.Decoded decoded, SwinConfig config, Preprocess preprocess) {
        ModelInput input = Preprocessor.prepare(decoded.image(), config.imageSize(), preprocess, config.name());
        return rescaleCrop(input, decoded.subsampling());
    }

    private static ModelInput rescaleCrop(ModelInput input, int k) {
        if (k == 1) return input;
        CropBox c = input.crop();
        return new ModelInput(input.chw(), input.height(), input.width(), input.modelView(),
                new CropBox(c.x() * k, c.y() * k, c.width() * k, c.height() * k));
    }

    private static ModelInput tensor(Path file) throws ImageLoadException {
        if (!Files.isRegularFile(file)) throw new ImageLoadException(file, Messages.get("error.resolve.noSuchFile"));
        Npy.Array array;
        try {
            array = Npy.read(file);
        } catch (IOException e) {
            throw new ImageLoadException(file, e.getMessage().replaceFirst("^[^:：]*(: |：)", ""));
        }
        long[] shape = array.shape();
        if (shape.length != 4 || shape[0] != 1 || shape[1] != 3) {
            throw new ImageLoadException(file, Messages.get("error.npy.inputShape", Arrays.toString(shape)));
        }
        int h = (int) shape[2];
        int w = (int) shape[3];
        return new ModelInput(array.data(), h, w, denormalised(array.data(), h, w), new CropBox(0, 0, w, h));
    }

    /** The RGB picture a normalised (3, H, W) tensor stands for, clamped to [0, 255]. */
    public static BufferedImage denormalised(float[] chw, int h, int w) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    float v = (chw[c * plane + y * w + x] * Preprocessor.std(c) + Preprocessor.mean(c)) * 255f;
                    rgb = (rgb << 8) | Math.max(0, Math.min(255, Math.round(v)));
                }
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }
}
