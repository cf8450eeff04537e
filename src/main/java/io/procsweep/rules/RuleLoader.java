package io.procsweep.rules;

import io.procsweep.facts.FactRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads, layers and compiles rule files, in the phases Falco's loader uses: read each file's YAML
 * into a positioned tree (for the shipped files, the tree the build parsed, found by the text's
 * sha256: {@link RawTreeCache}) and check its structure; merge the lists of all files; compile every
 * condition (each against the facts, types and lists it may see); layer rules, overrides and
 * disables in file order; merge the remaining sections. Every error of every file is collected
 * before failing, each with file, line and column.
 */
public final class RuleLoader {
  private final FactRegistry facts;
  private final RawTreeCache trees;

  public RuleLoader(FactRegistry facts) {
    this(facts, RawTreeCache.SHIPPED);
  }

  RuleLoader(FactRegistry facts, RawTreeCache trees) {
    this.facts = facts;
    this.trees = trees;
  }

  /**
   * Loads files in order: later files add rules, override fields of earlier ones by id, or
   * disable them. Collects every error before failing.
   *
   * @throws RuleLoadException with every diagnostic, sorted by file order, line and column
   */
  public RuleSet load(List<RuleInput> inputs) throws RuleLoadException {
    Diagnostics diagnostics = new Diagnostics();
    YamlTreeReader yaml = null; // started only for a file the build did not parse
    List<RawRuleFile> files = new ArrayList<>();
    List<RuleSource> sources = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      RuleInput input = inputs.get(i);
      FileReporter out = diagnostics.file(i, input.name(), input.content());
      String sha = sha256(input.content());
      RawNode root = trees.find(sha);
      if (root == null) {
        yaml = yaml == null ? new YamlTreeReader() : yaml;
        root = yaml.read(input.content(), out);
      }
      files.add(RuleFileReader.read(root, !out.unreadable(), out));
      sources.add(new RuleSource(input.name(), sha));
    }

    ListTable lists = new ListTable();
    for (RawRuleFile f : files) {
      for (RawRuleFile.RawList l : f.lists()) {
        lists.define(l, f.out().index());
      }
    }

    ConditionCompiler compiler = new ConditionCompiler(facts, lists);
    RuleLayering layering = new RuleLayering();
    SettingsMerger settings = new SettingsMerger();
    for (int i = 0; i < files.size(); i++) {
      RawRuleFile f = files.get(i);
      layering.addRules(drafts(f.rules(), f.out(), compiler));
      layering.override(drafts(f.overrides(), f.out(), compiler));
      layering.disable(f.disables(), f.out());
      settings.add(f, inputs.get(i).directory());
    }

    if (!diagnostics.isEmpty()) {
      throw new RuleLoadException(diagnostics.sorted());
    }
    List<Rule> rules = new ArrayList<>();
    for (RuleDraft d : layering.rules()) {
      rules.add(d.toRule());
    }
    return new RuleSet(rules, settings.subreapers(), settings.pidfiles(), settings.protection(),
        sources);
  }

  /** Compiles each entry's conditions; an entry whose condition failed keeps a null there. */
  private static List<RuleDraft> drafts(
      List<RawRuleFile.RawRule> entries, FileReporter out, ConditionCompiler compiler) {
    List<RuleDraft> drafts = new ArrayList<>();
    for (RawRuleFile.RawRule r : entries) {
      CompileScope scope = new CompileScope(out, r.id());
      Condition when = r.when() == null ? null : compiler.compile(r.when(), scope);
      List<Condition> unless = null;
      if (r.unless() != null) {
        unless = new ArrayList<>();
        for (RawNode u : r.unless()) {
          Condition c = compiler.compile(u, scope);
          if (c != null) {
            unless.add(c);
          }
        }
      }
      drafts.add(new RuleDraft(r.id(), r.idPos(), out, r.category(), r.severity(),
          r.description(), when, unless, r.cleanup()));
    }
    return drafts;
  }

  /** Lower-case hex SHA-256 of the text's UTF-8 bytes, as reports name a rule file's version. */
  static String sha256(String content) {
    return Sha256.hex(content.getBytes(StandardCharsets.UTF_8));
  }
}
