package dev.wasmmemory.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wabt's {@code wast2json} on a spec script. Where it cannot convert a form (wabt 1.0.32
 * predates a few newer ones), that form is blanked out, with the commands that belong to it when it
 * is a module, and the conversion retried: forms are skipped, never whole files.
 */
final class WastConverter {
  private static final Pattern ERROR = Pattern.compile(":(\\d+):\\d+: error: (.*)");

  /** A top-level form of the script: its lines (1-based, inclusive) and whether it is a module. */
  private record Form(
      int start, int end, int firstLine, int lastLine, boolean module, boolean usesModule) {}

  /** Forms that act on the module before them (the others carry their own module). */
  private static final Pattern USES_MODULE =
      Pattern.compile(
          "\\((invoke|get|register|assert_return|assert_exhaustion|assert_trap\\s+\\((invoke|get))");

  /** A form left out, where it was and wabt's reason. */
  record Skip(int line, String reason) {}

  record Converted(Path json, List<Skip> skips) {}

  static boolean available() {
    try {
      Process p = new ProcessBuilder("wast2json", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static Converted convert(Path wast, Path outDir) throws IOException, InterruptedException {
    Files.createDirectories(outDir);
    String name = wast.getFileName().toString().replace(".wast", "");
    String text = Files.readString(wast, StandardCharsets.UTF_8);
    List<Form> forms = forms(text);
    List<Skip> skips = new ArrayList<>();
    Path script = outDir.resolve(name + ".wast");
    Path json = outDir.resolve(name + ".json");
    for (int attempt = 0; attempt < 100; attempt++) {
      Files.writeString(script, text, StandardCharsets.UTF_8);
      Process p =
          new ProcessBuilder("wast2json", script.toString(), "-o", json.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("wast2json did not finish on " + wast);
      }
      if (p.exitValue() == 0) {
        return new Converted(json, skips);
      }
      Matcher m = ERROR.matcher(output);
      if (!m.find()) {
        throw new IOException("wast2json failed without a location: " + output);
      }
      int line = Integer.parseInt(m.group(1));
      String reason = m.group(2);
      int index = formAt(forms, line);
      if (index < 0) {
        throw new IOException("no form at line " + line + ": " + output);
      }
      Form form = forms.get(index);
      text = blank(text, form);
      skips.add(new Skip(form.firstLine(), "wabt 1.0.32: " + reason));
      if (form.module()) {
        for (int i = index + 1; i < forms.size() && !forms.get(i).module(); i++) {
          if (!forms.get(i).usesModule()) {
            continue;
          }
          text = blank(text, forms.get(i));
          skips.add(
              new Skip(
                  forms.get(i).firstLine(), "belongs to the module of line " + form.firstLine()));
        }
      }
    }
    throw new IOException("too many forms wast2json cannot convert in " + wast);
  }

  private static int formAt(List<Form> forms, int line) {
    for (int i = 0; i < forms.size(); i++) {
      if (forms.get(i).firstLine() <= line && line <= forms.get(i).lastLine()) {
        return i;
      }
    }
    return -1;
  }

  /** Spaces for the form's characters, newlines kept, so every other line keeps its number. */
  private static String blank(String text, Form form) {
    StringBuilder b = new StringBuilder(text);
    for (int i = form.start(); i < form.end(); i++) {
      if (b.charAt(i) != '\n') {
        b.setCharAt(i, ' ');
      }
    }
    return b.toString();
  }

  /** The top-level S-expressions, skipping strings and both kinds of comment. */
  private static List<Form> forms(String text) {
    List<Form> forms = new ArrayList<>();
    int depth = 0;
    int start = -1;
    int line = 1;
    int firstLine = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
      } else if (c == '"') {
        for (i++; i < text.length() && text.charAt(i) != '"'; i++) {
          if (text.charAt(i) == '\\') {
            i++;
          } else if (text.charAt(i) == '\n') {
            line++;
          }
        }
      } else if (c == ';' && i + 1 < text.length() && text.charAt(i + 1) == ';') {
        while (i < text.length() && text.charAt(i) != '\n') {
          i++;
        }
        line++;
      } else if (c == '(' && i + 1 < text.length() && text.charAt(i + 1) == ';') {
        int nesting = 1;
        for (i += 2; i < text.length() && nesting > 0; i++) {
          if (text.startsWith("(;", i)) {
            nesting++;
            i++;
          } else if (text.startsWith(";)", i)) {
            nesting--;
            i++;
          } else if (text.charAt(i) == '\n') {
            line++;
          }
        }
        i--;
      } else if (c == '(') {
        if (depth++ == 0) {
          start = i;
          firstLine = line;
        }
      } else if (c == ')' && --depth == 0) {
        boolean module = text.startsWith("(module", start);
        boolean uses = USES_MODULE.matcher(text).region(start, i + 1).lookingAt();
        forms.add(new Form(start, i + 1, firstLine, line, module, uses));
      }
    }
    return forms;
  }
}
