package io.swinlens.testutil;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Cell;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a window shows as text, read from its scene graph: every visible label, button, tab, menu and menu
 * item, prompt and tooltip. For the language tests: text left in English in the Chinese UI, and text the
 * layout cut short (an ellipsis JavaFX put in).
 */
public final class TextChecks {

    /** Words that stay as they are in Chinese: names, file formats, the paper's and the libraries' terms, keys. */
    public static final Set<String> SAME_IN_CHINESE = Set.of("swin", "swinlens", "png", "json", "npy", "gelu",
            "layernorm", "mlp", "softmax", "cam", "pca", "imagenet", "pytorch", "timm", "torchvision", "hugging", "face",
            "sha", "url", "http", "https", "relu", "logit", "logits", "ctrl", "shift", "alt", "esc", "cmd", "tab", "enter",
            "qkv", "proj", "fc1", "fc2", "msa", "nd4j", "jpeg", "jpg", "bmp", "gif", "tiff", "webp", "safetensors",
            "pth", "bin", "mmdet", "mmseg", "english", "argmax", "concat", "cpb", "attn", "del", "space", "home", "end",
            "page", "pageup", "pagedown", "up", "down", "left", "right", "cos", "exp", "log", "max", "min", "std", "rgb", "inferno", "magma",
            "viridis", "turbo", "grayscale", "gray", "demo", "official", "hf", "rollout", "token", "transformer", "patch", "pre-norm", "res-post-norm", "post-norm");

    private TextChecks() { }

    /** Every text the user can see in {@code root} and its menus (not list or table cells: those show data). */
    public static List<String> visibleTexts(Parent root) {
        List<String> texts = new ArrayList<>();
        walk(root, node -> {
            // list and table cells show data (file names, class names), except a combo box's own cell: the choice it shows
            boolean comboValue = node instanceof Cell<?> && node.getParent() instanceof javafx.scene.control.ComboBoxBase<?>;
            if (node instanceof Labeled l && (!(node instanceof Cell<?>) || comboValue) && l.getText() != null) {
                texts.add(l.getText());
                if (l.getTooltip() != null && l.getTooltip().getText() != null) texts.add(l.getTooltip().getText());
            }
            if (node instanceof TextInputControl t && t.getPromptText() != null) texts.add(t.getPromptText());
            if (node instanceof TabPane p) for (Tab tab : p.getTabs()) if (tab.getText() != null) texts.add(tab.getText());
            if (node instanceof MenuBar bar) for (Menu m : bar.getMenus()) menuTexts(m, texts);
        });
        return texts;
    }

    /** Texts with an English word (3+ letters, not a name or a term that Chinese keeps). */
    public static List<String> english(List<String> texts) {
        List<String> english = new ArrayList<>();
        for (String text : texts) {
            if (isData(text)) continue;
            // formulas keep their function names: Attention(Q, K, V) = softmax(...)
            for (String word : text.replace("Attention(", "(").split("[^A-Za-z0-9\\-]+")) {
                if (word.length() >= 3 && word.chars().anyMatch(Character::isLetter)
                        && !SAME_IN_CHINESE.contains(word.toLowerCase()) && !word.matches("[A-Z0-9\\-]+|[A-Za-z]?[0-9]+[A-Za-z]*")) {
                    english.add(text);
                    break;
                }
            }
        }
        return english;
    }

    /** Labels and buttons whose text the layout cut short with an ellipsis. */
    public static List<String> clipped(Parent root) {
        List<String> clipped = new ArrayList<>();
        walk(root, node -> {
            if (!(node instanceof Labeled l) || l.getText() == null || l.getText().isBlank() || !l.isVisible()) return;
            for (Node child : l.getChildrenUnmodifiable()) {
                if (child instanceof Text t && t.getText() != null && !t.getText().equals(l.getText())
                        && (t.getText().endsWith("...") || t.getText().endsWith("…")) && !l.getText().endsWith("…")) {
                    clipped.add(l.getText() + " -> " + t.getText());
                }
            }
        });
        return clipped;
    }

    /** File names, model names and numbers are data, not interface text. */
    private static boolean isData(String text) {
        return text.matches(".*\\.(png|jpe?g|pth|pt|bin|safetensors|npy|json)\\b.*") || text.contains("_patch") || text.contains("swin_")
                || text.contains("swinv2_") || text.startsWith("/");
    }

    private static void menuTexts(MenuItem item, List<String> texts) {
        if (item.getText() != null) texts.add(item.getText());
        if (item instanceof Menu m) for (MenuItem child : m.getItems()) menuTexts(child, texts);
    }

    private static void walk(Node node, Consumer<Node> visit) {
        if (!node.isVisible()) return;
        visit.accept(node);
        if (node instanceof Parent p) for (Node child : p.getChildrenUnmodifiable()) walk(child, visit);
        if (node instanceof TabPane tabs) {
            Tab selected = tabs.getSelectionModel().getSelectedItem();
            if (selected != null && selected.getContent() != null && !tabs.getChildrenUnmodifiable().contains(selected.getContent())) {
                walk(selected.getContent(), visit);
            }
        }
    }
}
