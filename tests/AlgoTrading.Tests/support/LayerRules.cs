using System.Text.RegularExpressions;

namespace AlgoTrading.Tests.Support;

/// <summary>
/// Reads which top-level namespaces of the library each source file uses and checks them against the
/// layers Domain ← Time ← Data ← Features ← Models ← Strategies ← Risk ← Execution ← Backtesting / Live
/// (each may use only those before it) and the two edges, Configuration and Workflows, which may use
/// every layer while no layer uses them. A reference counts whether it is a using directive, a fully
/// qualified name (<c>AlgoTrading.Risk.RiskLimits</c>, <c>global::AlgoTrading…</c>) or a name written
/// relative to the root namespace (<c>Features.Sets.FeatureSetSpec</c>); comments and strings are not
/// code and are skipped. A relative name counts only when it names a namespace or type that the sources
/// declare, so a property called <c>Time</c> is not mistaken for the Time layer.
/// </summary>
public static partial class LayerRules
{
    /// <summary>Rank of each layer; a file may use namespaces of lower rank. Backtesting and Live share one and may not use each other.</summary>
    public static readonly IReadOnlyDictionary<string, int> Ranks = new Dictionary<string, int>
    {
        ["Domain"] = 0, ["Time"] = 1, ["Data"] = 2, ["Features"] = 3, ["Models"] = 4, ["Strategies"] = 5, ["Risk"] = 6, ["Execution"] = 7,
        ["Backtesting"] = 8, ["Live"] = 8,
    };

    /// <summary>May use every layer; no layer may use them. Workflows may use Configuration, not the reverse.</summary>
    public static readonly IReadOnlySet<string> Edges = new HashSet<string> { "Configuration", "Workflows" };

    public sealed record SourceFile(string Path, string Text);
    public sealed record Arrow(string From, string To, string File);

    /// <summary>Every (file namespace → used namespace) pair between different top-level namespaces.</summary>
    public static IReadOnlyList<Arrow> Arrows(IReadOnlyList<SourceFile> files)
    {
        var code = files.Select(f => (f.Path, Code: StripCommentsAndStrings(f.Text))).ToList();
        // Declared namespaces and the types in each, so relative names can be resolved.
        var declared = new Dictionary<string, HashSet<string>>();
        foreach (var (_, text) in code)
        {
            var ns = NamespaceOf(text);
            if (ns is null) continue;
            if (!declared.TryGetValue(ns, out var types)) declared[ns] = types = [];
            foreach (Match m in TypeDeclaration().Matches(text)) types.Add(m.Groups[1].Value);
        }
        var arrows = new List<Arrow>();
        foreach (var (path, text) in code)
        {
            var ns = NamespaceOf(text);
            if (ns is null || !ns.StartsWith("AlgoTrading.", StringComparison.Ordinal)) continue;
            string from = ns.Split('.')[1];
            var used = new HashSet<string>();
            foreach (Match m in Qualified().Matches(text)) used.Add(m.Groups[1].Value);
            foreach (Match m in Relative().Matches(text))
            {
                var parts = m.Value.Split('.');
                // AlgoTrading.A.B… is a namespace, or AlgoTrading.A… declares type B.
                for (int n = parts.Length - 1; n >= 1; n--)
                {
                    var candidate = "AlgoTrading." + string.Join('.', parts[..n]);
                    if (declared.TryGetValue(candidate, out var types) && (types.Contains(parts[n]) || declared.ContainsKey(candidate + "." + parts[n])))
                    {
                        used.Add(parts[0]);
                        break;
                    }
                }
            }
            foreach (var to in used.Where(u => u != from && (Ranks.ContainsKey(u) || Edges.Contains(u))))
                arrows.Add(new Arrow(from, to, path));
        }
        return arrows;
    }

    /// <summary>The arrows that go against the layers, each as one readable line.</summary>
    public static IReadOnlyList<string> Violations(IReadOnlyList<Arrow> arrows)
    {
        var bad = new List<string>();
        foreach (var a in arrows)
        {
            bool allowed = Edges.Contains(a.From) ? !(a.From == "Configuration" && a.To == "Workflows")
                : !Edges.Contains(a.To) && Ranks.TryGetValue(a.From, out var f) && Ranks.TryGetValue(a.To, out var t) && t < f;
            if (!allowed) bad.Add($"{a.File}: {a.From} uses {a.To}");
        }
        return bad;
    }

    /// <summary>A cycle among the top-level namespaces, as "A -> B -> A", or null.</summary>
    public static string? Cycle(IReadOnlyList<Arrow> arrows)
    {
        var graph = arrows.GroupBy(a => a.From).ToDictionary(g => g.Key, g => g.Select(a => a.To).Distinct().Order(StringComparer.Ordinal).ToList());
        var state = new Dictionary<string, int>(); // 1 on the path, 2 done
        var path = new List<string>();
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
            if (Visit(start) is { } cycle) return cycle;
        return null;

        string? Visit(string node)
        {
            if (state.GetValueOrDefault(node) == 2) return null;
            if (state.GetValueOrDefault(node) == 1) return string.Join(" -> ", path.Skip(path.IndexOf(node)).Append(node));
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
                if (Visit(next) is { } cycle) return cycle;
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
    }

    private static string? NamespaceOf(string text) => FileNamespace().Match(text) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>Blanks out comments, string and character literals (keeping line breaks), so only code is searched.</summary>
    public static string StripCommentsAndStrings(string text)
    {
        var s = new System.Text.StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/') { while (i < text.Length && text[i] != '\n') i++; continue; }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                int end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + 2;
                s.Append(new string('\n', text[i..end].Count(ch => ch == '\n')));
                i = end;
                continue;
            }
            if (c == '"' || c == '\'')
            {
                bool verbatim = i > 0 && text[i - 1] == '@';
                i++;
                while (i < text.Length && text[i] != c)
                {
                    if (text[i] == '\\' && !verbatim) i++;
                    i++;
                }
                i++;
                s.Append(c).Append(c);
                continue;
            }
            s.Append(c);
            i++;
        }
        return s.ToString();
    }

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"\b(?:class|struct|interface|enum|record(?:\s+struct|\s+class)?|delegate\s+[\w<>\[\],.? ]+?)\s+(\w+)")]
    private static partial Regex TypeDeclaration();

    // using AlgoTrading.X; using static AlgoTrading.X.Y; AlgoTrading.X.Y in code; global::AlgoTrading.X.
    [GeneratedRegex(@"(?<![\w.])(?:global::)?AlgoTrading\.(\w+)")]
    private static partial Regex Qualified();

    // A dotted name not preceded by a dot or identifier character: Features.Sets.FeatureSetSpec.
    [GeneratedRegex(@"(?<![\w.:])[A-Z]\w*(?:\.[A-Z]\w*)+")]
    private static partial Regex Relative();
}
