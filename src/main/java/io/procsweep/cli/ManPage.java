package io.procsweep.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * One command's manual page in troff with man(7) macros, from the picocli model that --help
 * prints. Written directly rather than through picocli-codegen's AsciiDoc: turning AsciiDoc
 * into troff needs asciidoctor (Ruby, or JRuby through asciidoctorj) in every build.
 */
final class ManPage {
  /** Help sections written from the model itself; any other section is copied as printed. */
  private static final Set<String> MODELLED = Set.of(
      UsageMessageSpec.SECTION_KEY_HEADER_HEADING, UsageMessageSpec.SECTION_KEY_HEADER,
      UsageMessageSpec.SECTION_KEY_SYNOPSIS_HEADING, UsageMessageSpec.SECTION_KEY_SYNOPSIS,
      UsageMessageSpec.SECTION_KEY_DESCRIPTION_HEADING, UsageMessageSpec.SECTION_KEY_DESCRIPTION,
      UsageMessageSpec.SECTION_KEY_PARAMETER_LIST_HEADING,
      UsageMessageSpec.SECTION_KEY_AT_FILE_PARAMETER, UsageMessageSpec.SECTION_KEY_PARAMETER_LIST,
      UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, UsageMessageSpec.SECTION_KEY_OPTION_LIST,
      UsageMessageSpec.SECTION_KEY_END_OF_OPTIONS,
      UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
      UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING,
      UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST,
      UsageMessageSpec.SECTION_KEY_FOOTER_HEADING, UsageMessageSpec.SECTION_KEY_FOOTER);

  private final CommandLine command;
  private final String version;
  private final StringBuilder out = new StringBuilder();

  ManPage(CommandLine command, String version) {
    this.command = command;
    this.version = version;
  }

  /** The page's file name stem: procsweep, procsweep-scan, procsweep-rules-list. */
  static String name(CommandSpec spec) {
    return spec.qualifiedName("-");
  }

  String render() {
    CommandSpec spec = command.getCommandSpec();
    UsageMessageSpec usage = spec.usageMessage();
    Help help = new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF));
    String name = name(spec);
    line(".TH " + quote(name.toUpperCase(Locale.ROOT)) + " 1 \"\" " + quote("procsweep " + version)
        + " \"procsweep manual\"");
    line(".SH NAME");
    line(escape(name) + " \\- " + escape(String.join(" ", formatted(usage.header()))));
    line(".SH SYNOPSIS");
    preformatted(help.synopsis(0));
    if (usage.description().length > 0) {
      line(".SH DESCRIPTION");
      paragraphs(formatted(usage.description()), ".PP");
    }
    List<PositionalParamSpec> params = spec.positionalParameters().stream()
        .filter(p -> !p.hidden()).toList();
    if (!params.isEmpty()) {
      line(".SH ARGUMENTS");
      for (PositionalParamSpec p : params) {
        line(".TP");
        line(".I " + quote(p.paramLabel()));
        paragraphs(formatted(p.description()));
      }
    }
    List<OptionSpec> options = spec.options().stream().filter(o -> !o.hidden()).toList();
    if (!options.isEmpty()) {
      line(".SH OPTIONS");
      for (OptionSpec o : options) {
        line(".TP");
        line(optionTerm(o));
        paragraphs(formatted(o.description()));
      }
    }
    Map<String, CommandLine> subs = command.getSubcommands();
    if (!subs.isEmpty()) {
      line(".SH COMMANDS");
      subs.forEach((sub, cl) -> {
        line(".TP");
        line(".BR " + escape(name(cl.getCommandSpec())) + " (1)");
        paragraphs(formatted(cl.getCommandSpec().usageMessage().header()));
      });
    }
    if (!usage.exitCodeList().isEmpty()) {
      line(".SH \"EXIT STATUS\"");
      usage.exitCodeList().forEach((code, meaning) -> {
        line(".TP");
        line(".B " + escape(code.trim()));
        paragraphs(formatted(new String[] {meaning}));
      });
    }
    // Sections added to the help by code (scan's Nagios exit codes), as --help prints them.
    for (String key : command.getHelpSectionKeys()) {
      CommandLine.IHelpSectionRenderer r = command.getHelpSectionMap().get(key);
      if (!MODELLED.contains(key) && r != null) {
        String text = r.render(help).strip();
        if (!text.isEmpty()) {
          line(".PP");
          preformatted(text);
        }
      }
    }
    if (usage.footer().length > 0) {
      String heading = String.join(" ", formatted(new String[] {usage.footerHeading()}))
          .strip().replaceAll(":$", "");
      line(".SH " + quote(heading.isEmpty() ? "NOTES" : heading.toUpperCase(Locale.ROOT)));
      paragraphs(formatted(usage.footer()), ".PP");
    }
    line(".SH \"SEE ALSO\"");
    List<String> related = new ArrayList<>();
    CommandLine parent = command.getParent();
    if (parent != null) {
      related.add(name(parent.getCommandSpec()));
    }
    subs.values().forEach(cl -> related.add(name(cl.getCommandSpec())));
    if (related.isEmpty()) {
      related.add("procsweep");
    }
    for (int i = 0; i < related.size(); i++) {
      line(".BR " + escape(related.get(i)) + " (1)" + (i < related.size() - 1 ? "," : ""));
    }
    return out.toString();
  }

  private static String optionTerm(OptionSpec o) {
    StringBuilder t = new StringBuilder();
    for (String n : o.names()) {
      t.append(t.length() == 0 ? "" : ", ").append("\\fB").append(escape(n)).append("\\fR");
    }
    if (o.arity().max() > 0) {
      String label = o.paramLabel();
      t.append(o.arity().min() == 0 ? "[=\\fI" + escape(label) + "\\fR]"
          : " \\fI" + escape(label) + "\\fR");
    }
    return t.toString();
  }

  /** picocli treats help lines as format strings (%n, %%); the same here. */
  private static String[] formatted(String[] lines) {
    List<String> result = new ArrayList<>();
    for (String l : lines) {
      String f;
      try {
        f = String.format(Locale.ROOT, l);
      } catch (java.util.IllegalFormatException e) {
        f = l;
      }
      result.addAll(List.of(f.split("\\R", -1)));
    }
    return result.toArray(String[]::new);
  }

  /** Blank lines separate paragraphs; indented lines (examples) keep their layout. */
  private void paragraphs(String[] lines) {
    paragraphs(lines, ".IP");
  }

  /** {@code brk} starts the next paragraph: .PP at the top level, .IP inside an item. */
  private void paragraphs(String[] lines, String brk) {
    boolean pre = false;
    boolean started = false;
    for (String l : lines) {
      boolean indented = l.startsWith(" ");
      if (l.isBlank()) {
        if (pre) {
          line(".fi");
          pre = false;
        }
        if (started) {
          line(brk);
        }
        continue;
      }
      if (indented && !pre) {
        line(".nf");
        pre = true;
      } else if (!indented && pre) {
        line(".fi");
        pre = false;
      }
      line(escapeLine(pre ? l : l.strip()));
      started = true;
    }
    if (pre) {
      line(".fi");
    }
  }

  private void preformatted(String text) {
    line(".nf");
    for (String l : text.stripTrailing().split("\\R")) {
      line(escapeLine(l));
    }
    line(".fi");
  }

  private void line(String l) {
    out.append(l).append('\n');
  }

  /** Backslashes and hyphens for troff; a leading dot or quote would start a request. */
  private static String escapeLine(String l) {
    String e = escape(l);
    return e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e;
  }

  static String escape(String s) {
    return s.replace("\\", "\\e").replace("-", "\\-");
  }

  private static String quote(String s) {
    return "\"" + escape(s).replace("\"", "\\(dq") + "\"";
  }
}
