using AlgoTrading.Tests.Support;
using static AlgoTrading.Tests.Support.LayerRules;

namespace AlgoTrading.Tests.Unit;

/// <summary>The library's namespaces follow the layers (see docs/architecture), and the checker itself can fail.</summary>
public class ArchitectureTests
{
    private static IReadOnlyList<SourceFile> LibrarySources()
    {
        var root = Path.Combine(Path.GetDirectoryName(ConfigurationTests.FindConfig())!, "src", "AlgoTrading");
        Assert.True(Directory.Exists(root), root);
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(p => new SourceFile(Path.GetRelativePath(root, p), File.ReadAllText(p))).ToList();
    }

    [Fact]
    public void No_file_of_the_library_uses_a_layer_above_its_own_or_an_edge()
    {
        var sources = LibrarySources();
        Assert.True(sources.Count > 100, $"only {sources.Count} source files found");
        var arrows = Arrows(sources);
        Assert.Contains(arrows, a => a.From == "Backtesting" && a.To == "Execution"); // the reader sees real references
        var violations = Violations(arrows);
        Assert.True(violations.Count == 0, "arrows against the layers:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_top_level_namespaces_have_no_cycle()
    {
        var arrows = Arrows(LibrarySources());
        Assert.Null(Cycle(arrows));
    }

    private static SourceFile File_(string ns, string body) => new($"{ns}.cs", $"namespace AlgoTrading.{ns};\n{body}\n");

    [Fact]
    public void The_checker_sees_using_directives_qualified_and_relative_names_but_not_comments_or_strings()
    {
        var sources = new[]
        {
            File_("Features.Sets", "public sealed class FeatureSetSpec { }"),
            File_("Configuration", "using AlgoTrading.Time; public sealed class ModelOptions { public Features.Sets.FeatureSetSpec? Spec; }"),
            File_("Risk", "using AlgoTrading.Strategies; public sealed class RiskManager { }"), // allowed: Strategies is below Risk
            File_("Strategies", "public sealed class Strategy { AlgoTrading.Execution.Orders.OrderType t; global::AlgoTrading.Domain.Bar b; }"),
            File_("Data", "/// <see cref=\"Configuration.ModelOptions\"/>\npublic sealed class Loader { string s = \"Features.Sets.FeatureSetSpec\"; int Time; void M() { Time.ToString(); } }"),
            File_("Time", "using AlgoTrading.Data; public sealed class Clock { }"),
            File_("Execution.Orders", "public enum OrderType { Market }"),
            File_("Domain", "public sealed class Bar { }"),
        };
        var arrows = Arrows(sources).Select(a => $"{a.From}->{a.To}").Order().ToList();
        Assert.Equal(["Configuration->Features", "Configuration->Time", "Risk->Strategies", "Strategies->Domain", "Strategies->Execution", "Time->Data"], arrows);
        var violations = Violations(Arrows(sources));
        Assert.Equal(2, violations.Count);
        Assert.Contains("Time.cs: Time uses Data", violations);
        Assert.Contains("Strategies.cs: Strategies uses Execution", violations);
    }

    [Fact]
    public void A_layer_that_uses_an_edge_and_a_cycle_are_both_reported()
    {
        var sources = new[]
        {
            File_("Features", "using AlgoTrading.Data; public sealed class FeatureSetSpec { }"),
            File_("Data", "using AlgoTrading.Configuration; public sealed class Importer { }"),
            File_("Configuration", "using AlgoTrading.Features; public sealed class ModelOptions { }"),
        };
        var arrows = Arrows(sources);
        Assert.Equal(["Data.cs: Data uses Configuration"], Violations(arrows));
        Assert.Equal("Configuration -> Features -> Data -> Configuration", Cycle(arrows));
    }
}
