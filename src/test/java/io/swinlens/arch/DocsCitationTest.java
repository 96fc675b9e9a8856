package io.swinlens.arch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every design note the code and the documents cite is in the repository (docs/architecture.md,
 * "Citations"): code cites {@code docs/NAME.md} or {@code docs/NAME.md §3.8} from the repository root, and
 * that file and that numbered section exist; Markdown links are relative and resolve, anchors included;
 * every Markdown file named is one the repository has; nothing points outside the repository.
 */
class DocsCitationTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    /** Folders of data, build output and tools' caches, relative to the root; "target" anywhere. */
    private static final List<Path> SKIPPED_DIRS = Stream.of(".git", ".mvn", "target", "resources", "src/test/resources", "docs/screenshots")
            .map(Path::of).toList();
    private static final Set<String> TEXT_EXTENSIONS = Set.of("java", "py", "sh", "md", "xml", "tsv", "properties", "css");

    /** {@code docs/performance.md} or {@code docs/swin-reference.md §3.8}. */
    private static final Pattern CITATION = Pattern.compile("docs/([A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*\\.md)(?: §(\\d+(?:\\.\\d+)*))?");
    private static final Pattern SECTION_SIGN = Pattern.compile("§\\s*\\d");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$", Pattern.MULTILINE);
    private static final Pattern NUMBERED_HEADING = Pattern.compile("^(\\d+(?:\\.\\d+)*)\\.?\\s");
    /** A Markdown file named anywhere: {@code architecture.md}, {@code docs/performance.md}, {@code ../README.md}. */
    private static final Pattern MARKDOWN_NAME = Pattern.compile("((?:[A-Za-z0-9_.-]+/)*)([A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*\\.md)\\b");
    /** A relative path that climbs: {@code ../x}, {@code ../../docs/y.md}. */
    private static final Pattern CLIMBING_PATH = Pattern.compile("(?<![\\w.])((?:\\.\\./)+[A-Za-z0-9_./-]*)");

    @Test
    void everyCitedNoteAndSectionExists() {
        List<String> broken = new ArrayList<>();
        for (Path file : textFiles()) {
            String text = read(file);
            Matcher m = CITATION.matcher(text);
            while (m.find()) {
                Path note = ROOT.resolve("docs").resolve(m.group(1));
                if (!Files.isRegularFile(note)) broken.add(where(file, text, m.start()) + ": no file docs/" + m.group(1));
                else if (m.group(2) != null && !sections(note).contains(m.group(2))) {
                    broken.add(where(file, text, m.start()) + ": docs/" + m.group(1) + " has no section " + m.group(2));
                }
            }
        }
        assertThat(broken).as("citations that do not resolve").isEmpty();
    }

    @Test
    void sectionSignsInCodeFollowTheNoteTheyCite() {
        List<String> bare = new ArrayList<>();
        for (Path file : textFiles()) {
            if (file.toString().endsWith(".md")) continue;      // Markdown cites by link
            String text = read(file);
            Matcher m = SECTION_SIGN.matcher(text);
            while (m.find()) {
                String before = text.substring(Math.max(0, m.start() - 40), m.start());
                if (!Pattern.compile("docs/[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*\\.md $").matcher(before).find()) bare.add(where(file, text, m.start()));
            }
        }
        assertThat(bare).as("'§' without the docs/NAME.md it refers to").isEmpty();
    }

    @Test
    void markdownLinksResolve() {
        List<String> broken = new ArrayList<>();
        for (Path file : textFiles()) {
            if (!file.toString().endsWith(".md")) continue;
            String text = read(file);
            Matcher m = MARKDOWN_LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) continue;          // http:, https:, mailto:
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
                    broken.add(where(file, text, m.start()) + ": " + target + " does not exist");
                } else if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
                    broken.add(where(file, text, m.start()) + ": " + target + " has no such heading");
                }
            }
        }
        assertThat(broken).as("Markdown links that do not resolve").isEmpty();
    }

    @Test
    void everyMarkdownFileNamedIsInTheRepository() {
        Map<String, List<Path>> notes = markdownFilesByName();
        List<String> missing = new ArrayList<>();
        for (Path file : textFiles()) {
            String text = read(file);
            Matcher m = MARKDOWN_NAME.matcher(text);
            while (m.find()) {
                List<Path> found = notes.getOrDefault(m.group(2), List.of());
                String named = m.group(1) + m.group(2);
                boolean absolute = m.start() > 0 && text.charAt(m.start() - 1) == '/';
                if (found.isEmpty()) {
                    missing.add(where(file, text, m.start()) + ": " + m.group(2) + " is not in the repository");
                } else if (absolute) {
                    missing.add(where(file, text, m.start()) + ": /" + named + " is an absolute path; cite it from the repository root");
                } else if (!m.group(1).isEmpty() && !Files.isRegularFile(ROOT.resolve(named))
                        && !Files.isRegularFile(file.getParent().resolve(named))) {
                    missing.add(where(file, text, m.start()) + ": " + named + " does not resolve");
                } else if (!file.toString().endsWith(".md") && m.group(1).isEmpty()
                        && found.stream().allMatch(p -> p.startsWith(ROOT.resolve("docs")))) {
                    missing.add(where(file, text, m.start()) + ": cite it as docs/" + m.group(2));
                }
            }
        }
        assertThat(missing).as("Markdown files named but not in the repository, or design notes cited without docs/").isEmpty();
    }

    @Test
    void nothingPointsOutsideTheRepository() {
        List<String> outside = new ArrayList<>();
        for (Path file : textFiles()) {
            String text = read(file);
            Matcher m = CLIMBING_PATH.matcher(text);
            while (m.find()) {
                if (!file.getParent().resolve(m.group(1)).normalize().startsWith(ROOT)) {
                    outside.add(where(file, text, m.start()) + ": " + m.group(1) + " leaves the repository");
                }
            }
        }
        assertThat(outside).isEmpty();
    }

    /** Every Markdown file of the repository by its file name (build output left out). */
    private static Map<String, List<Path>> markdownFilesByName() {
        Map<String, List<Path>> out = new HashMap<>();
        try (Stream<Path> walk = Files.walk(ROOT)) {
            walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".md"))
                    .filter(p -> !ROOT.relativize(p).startsWith(".git") && !ROOT.relativize(p).startsWith("target"))
                    .forEach(p -> out.computeIfAbsent(p.getFileName().toString(), k -> new ArrayList<>()).add(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Test
    void theNotesTheCodeReliesOnExist() {
        for (String note : List.of("README.md", "architecture.md", "swin-reference.md", "performance.md", "ui-threading.md")) {
            assertThat(ROOT.resolve("docs").resolve(note)).isRegularFile();
        }
        // the numbered sections the engine cites most
        assertThat(sections(ROOT.resolve("docs/swin-reference.md"))).contains("1", "2", "3.1", "3.8", "3.9", "3.10", "3.11", "6", "8.1", "8.2");
    }

    private static List<Path> textFiles() {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(ROOT)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> ROOT.relativize(p).toString().isEmpty() || noSkippedDir(ROOT.relativize(p)))
                    .filter(p -> TEXT_EXTENSIONS.contains(extension(p)) || p.endsWith(Path.of(".ci", "run")))
                    .filter(p -> !p.endsWith("DocsCitationTest.java"))      // its own examples are not citations
                    .forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(files).as("files scanned from " + ROOT).hasSizeGreaterThan(50);
        return files;
    }

    private static boolean noSkippedDir(Path relative) {
        for (Path skipped : SKIPPED_DIRS) if (relative.startsWith(skipped)) return false;
        for (Path part : relative) if (part.toString().equals("target") || part.toString().equals("__pycache__")) return false;
        return true;
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String where(Path file, String text, int offset) {
        long line = text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
        return ROOT.relativize(file) + ":" + line;
    }

    /** The section numbers of a note's headings ("3.8" for "### 3.8 Window attention"). */
    static Set<String> sections(Path note) {
        Set<String> out = new HashSet<>();
        Matcher m = HEADING.matcher(read(note));
        while (m.find()) {
            Matcher number = NUMBERED_HEADING.matcher(m.group(1));
            if (number.find()) out.add(number.group(1));
        }
        return out;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
    static Set<String> anchors(Path note) {
        Set<String> out = new HashSet<>();
        Matcher m = HEADING.matcher(read(note));
        while (m.find()) {
            String slug = m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            String unique = slug;
            for (int k = 1; out.contains(unique); k++) unique = slug + "-" + k;
            out.add(unique);
        }
        return out;
    }
}
