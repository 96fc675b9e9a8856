package io.swinlens.cli;

import io.swinlens.i18n.Messages;
import io.swinlens.model.image.CropBox;
import io.swinlens.model.image.ModelInput;

import java.nio.file.Path;

/**
 * {@code --query X,Y}: a point in the input image's own pixels (the crop box maps it onto the model input), or
 * {@code X%,Y%} of the part of the image the model sees. For a {@code .npy} tensor the image is the tensor.
 */
final class QueryPoint {

    private QueryPoint() { }

    /** The model-input pixel {x, y} of the query; a usage error when it is malformed or outside what the model sees. */
    static int[] modelPixel(String query, Path file, ModelInput input) {
        String[] parts = query.split(",");
        CropBox crop = input.crop();
        double x;
        double y;
        try {
            if (parts.length != 2) throw new NumberFormatException();
            x = coordinate(parts[0].trim(), crop.x(), crop.width());
            y = coordinate(parts[1].trim(), crop.y(), crop.height());
            if (!Double.isFinite(x) || !Double.isFinite(y)) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            throw new CliException(ExitCodes.USAGE, Messages.get("cli.query.malformed", query));
        }
        if (parts[0].trim().endsWith("%") || parts[1].trim().endsWith("%")) {
            x = Math.min(x, crop.x() + crop.width() - 1e-6);       // 100% is the last pixel, not one past it
            y = Math.min(y, crop.y() + crop.height() - 1e-6);
        }
        if (x < crop.x() || y < crop.y() || x >= crop.x() + crop.width() || y >= crop.y() + crop.height()) {
            throw new CliException(ExitCodes.USAGE, Messages.get("cli.query.outside",
                    file.getFileName(), parts[0].trim(), parts[1].trim(), crop.x(), crop.x() + crop.width(), crop.y(), crop.y() + crop.height()));
        }
        int mx = (int) Math.min(input.width() - 1, Math.floor((x - crop.x()) * input.width() / crop.width()));
        int my = (int) Math.min(input.height() - 1, Math.floor((y - crop.y()) * input.height() / crop.height()));
        return new int[]{mx, my};
    }

    /** A pixel coordinate, or {@code P%} of the crop's extent from its start (0%..100%). */
    private static double coordinate(String text, double start, double extent) {
        if (!text.endsWith("%")) return Double.parseDouble(text);
        double percent = Double.parseDouble(text.substring(0, text.length() - 1).trim());
        if (!(percent >= 0 && percent <= 100)) throw new NumberFormatException();
        return start + percent / 100 * extent;
    }
}
