package io.swinlens.i18n;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No user-visible text is written into the code of the front ends and the renderers (docs/i18n.md): every
 * string literal in {@code ui}, {@code analysis} and {@code cli} that reads as words (two words, or one word
 * handed to a label, menu, tab, tooltip, dialog, banner or a drawString) must be a bundle key instead.
 *
 * <p>Not text, so allowed: literals inside annotations (picocli's option names and descriptions), keys,
 * CSS, the messages of programming errors ({@code IllegalStateException}, {@code AssertionError},
 * {@code UnsupportedOperationException}), and a literal on a line marked {@code // not user text: why}.
 */
class HardCodedTextTest {

    private static final List<Path> ROOTS = List.of(Path.of("src/main/java/io/swinlens/ui"),
            Path.of("src/main/java/io/swinlens/analysis"), Path.of("src/main/java/io/swinlens/cli"));
    /** Two words of letters in a row: a phrase. */
    private static final Pattern PHRASE = Pattern.compile("[A-Za-z]{2,}[,;:!?']?\\s+[A-Za-z(]{2,}");
    /** Calls whose (first) argument a user reads. */
    private static final Pattern SINK = Pattern.compile("(new\\s+(Label|Button|CheckBox|RadioButton|ToggleButton|MenuItem|Menu|"
            + "CheckMenuItem|RadioMenuItem|Tab|Tooltip|TitledPane|Text|Hyperlink|Alert)|\\.(setText|setTitle|setHeaderText|"
            + "setContentText|setPromptText|drawString|showMessage|println|print|printf))\\s*\\(\\s*$");
    private static final Pattern WORD = Pattern.compile(".*[A-Za-z]{2,}.*");
    private static final Pattern NOT_TEXT_CALL = Pattern.compile("new\\s+(IllegalStateException|AssertionError|UnsupportedOperationException"
            + "|NullPointerException|IndexOutOfBoundsException)\\s*\\(|\\.(setId|setStyle|getStyleClass\\(\\)\\.add|lookup|getResource"
            + "|getResourceAsStream|put|get|getBoolean|getDouble|getInt|putBoolean|putDouble|putInt|node|setName)\\s*\\(\\s*$");
    /** A log record's message: for the developer, in English. */
    private static final Pattern LOGGING = Pattern.compile("\\.log\\(System\\.Logger\\.Level\\.\\w+,\\s*$");
    /** A command's name, e.g. "swinlens export": the same in every language. */
    private static final Pattern COMMAND = Pattern.compile("swinlens( [a-z]+)?");
    private static final Pattern KEY = Pattern.compile("(ui|teach|export|cli|error)\\.[A-Za-z0-9_.\\-]*");

    /** One string literal: the file, its line, the code before it on that line and the literal itself. */
    record Literal(Path file, int line, String before, String text, boolean inAnnotation, boolean marked) { }

    @Test
    void noUserVisibleTextIsHardCoded() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path root : ROOTS) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    for (Literal l : literals(f, Files.readString(f))) {
                        if (isUserText(l)) found.add(f.getFileName() + ":" + l.line() + ": \"" + l.text() + "\"");
                    }
                }
            }
        }
        assertThat(found).as("user-visible text in the code: move it to a bundle (docs/i18n.md)").isEmpty();
    }

    @Test
    void theCheckFindsWhatItLooksFor() {
        String code = """
                class A {
                    @Option(names = "--x", description = "Some words here")
                    int x;
                    void f() {
                        label.setText("Open");
                        new Label("Two words");
                        String id = "viewTabs";
                        throw new IllegalStateException("cannot happen here");
                        String k = Messages.get("ui.menu.file");
                        String css = "-fx-font-family: 'A B'";
                        String note = "shown to the user"; // not user text: a test
                        System.out.println("wrote the file");
                    }
                }
                """;
        List<String> flagged = literals(Path.of("A.java"), code).stream().filter(HardCodedTextTest::isUserText).map(Literal::text).toList();
        assertThat(flagged).containsExactly("Open", "Two words", "wrote the file");
    }

    static boolean isUserText(Literal l) {
        String t = l.text();
        if (l.inAnnotation() || l.marked() || !WORD.matcher(t).matches()) return false;
        if (KEY.matcher(t).matches() || t.contains("-fx-") || t.startsWith("#") || t.startsWith(".")) return false;
        if (NOT_TEXT_CALL.matcher(l.before()).find() || LOGGING.matcher(l.before()).find() || COMMAND.matcher(t).matches()) return false;
        return PHRASE.matcher(t).find() || SINK.matcher(l.before()).find();
    }

    /** The string literals of a source file, with the code before each on its line; comments skipped. */
    static List<Literal> literals(Path file, String code) {
        List<Literal> out = new ArrayList<>();
        int line = 1;
        int lineStart = 0;
        int annotationDepth = -1;        // parenthesis depth at which an annotation's arguments end
        int depth = 0;
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = i + 1;
                i++;
            } else if (c == '/' && i + 1 < code.length() && code.charAt(i + 1) == '/') {
                while (i < code.length() && code.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < code.length() && code.charAt(i + 1) == '*') {
                int end = code.indexOf("*/", i + 2);
                end = end < 0 ? code.length() : end + 2;
                for (int k = i; k < end; k++) if (code.charAt(k) == '\n') { line++; lineStart = k + 1; }
                i = end;
            } else if (c == '\'') {
                i++;
                while (i < code.length() && code.charAt(i) != '\'') i += code.charAt(i) == '\\' ? 2 : 1;
                i++;
            } else if (c == '"') {
                boolean block = code.startsWith("\"\"\"", i);
                int start = i + (block ? 3 : 1);
                int k = start;
                StringBuilder text = new StringBuilder();
                while (k < code.length() && !(block ? code.startsWith("\"\"\"", k) : code.charAt(k) == '"')) {
                    if (code.charAt(k) == '\\' && k + 1 < code.length()) {
                        text.append(code, k, k + 2);
                        k += 2;
                    } else {
                        text.append(code.charAt(k));
                        k++;
                    }
                }
                int lineEnd = code.indexOf('\n', k);
                String rest = code.substring(k, lineEnd < 0 ? code.length() : lineEnd);
                out.add(new Literal(file, line, code.substring(lineStart, i), text.toString(), annotationDepth >= 0,
                        rest.contains("// not user text")));
                for (int m = i; m < k; m++) if (code.charAt(m) == '\n') { line++; lineStart = m + 1; }
                i = k + (block ? 3 : 1);
            } else if (c == '@' && i + 1 < code.length() && Character.isJavaIdentifierStart(code.charAt(i + 1))) {
                int k = i + 1;
                while (k < code.length() && (Character.isJavaIdentifierPart(code.charAt(k)) || code.charAt(k) == '.')) k++;
                while (k < code.length() && code.charAt(k) == ' ') k++;
                if (k < code.length() && code.charAt(k) == '(' && annotationDepth < 0) annotationDepth = depth;
                i = k;
            } else {
                if (c == '(') depth++;
                if (c == ')') {
                    depth--;
                    if (depth == annotationDepth) annotationDepth = -1;
                }
                i++;
            }
        }
        return out;
    }
}
