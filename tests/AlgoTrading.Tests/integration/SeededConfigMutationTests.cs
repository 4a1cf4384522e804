using AlgoTrading.Configuration;
using AlgoTrading.Runner.Commands;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Integration;

/// <summary>
/// The seeded mutation run over the configuration files (the market files' run is
/// <see cref="SeededMutationTests"/>): lines deleted, duplicated, emptied, truncated, tab-indented,
/// values replaced by YAML garbage, unknown keys. Each corrupted set must load, or fail with one line
/// naming file, line, column and key, through the same <see cref="CliErrors"/> mapping the executable
/// uses (exit 1).
/// </summary>
public sealed class SeededConfigMutationTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = SeededMutationTests.Seed;
    private const int ConfigRounds = 80;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Every_corrupted_config_file_loads_or_gives_one_clean_error_line_naming_file_line_and_key()
    {
        var random = new Random(Seed);
        var source = Unit.ConfigurationTests.FindConfig();
        string[] files = ["system_config.yaml", "market_config.yaml", "model_config.yaml"];
        string[] garbage = ["[", "NaN", "-1e999", "yes", "&x", "*undefined", "{a: 1", "\"unclosed", "0x1F", "''", "- item", "17:99"];
        var failures = new List<string>();
        var outcomes = new Dictionary<string, int>();
        for (int round = 0; round < ConfigRounds; round++)
        {
            var dir = Directory.CreateDirectory(Path.Combine(_dir.Path, $"config_{round}")).FullName;
            foreach (var f in files) File.Copy(Path.Combine(source, f), Path.Combine(dir, f));
            var file = Path.Combine(dir, files[random.Next(files.Length)]);
            var lines = File.ReadAllLines(file).ToList();
            int k = random.Next(lines.Count);
            string kind;
            switch (random.Next(8))
            {
                case 0: kind = "delete_line"; lines.RemoveAt(k); break;
                case 1: kind = "duplicate_line"; lines.Insert(k, lines[k]); break;
                case 2:
                    kind = "bad_value";
                    int colon = lines[k].IndexOf(": ", StringComparison.Ordinal);
                    lines[k] = colon < 0 ? lines[k] + " " + garbage[random.Next(garbage.Length)] : lines[k][..(colon + 2)] + garbage[random.Next(garbage.Length)];
                    break;
                case 3: kind = "unknown_key"; lines.Insert(k, new string(' ', 2 * random.Next(3)) + "bogus_key: 1"); break;
                case 4: kind = "tab_indent"; lines[k] = "\t" + lines[k]; break;
                case 5: kind = "colon_removed"; lines[k] = lines[k].Replace(":", ""); break;
                case 6: kind = "truncated"; lines = lines.Take(k).Append(lines[k][..random.Next(lines[k].Length + 1)]).ToList(); break;
                default: kind = "emptied"; lines.Clear(); break;
            }
            File.WriteAllText(file, string.Join('\n', lines) + "\n");
            try
            {
                AlgoTradingConfiguration.Load(dir);
                outcomes[$"{kind}: loads"] = outcomes.GetValueOrDefault($"{kind}: loads") + 1;
            }
            catch (Exception e)
            {
                outcomes[$"{kind}: error"] = outcomes.GetValueOrDefault($"{kind}: error") + 1;
                var (code, line) = CliErrors.Classify(e);
                var problems = new List<string>();
                if (e is not ConfigurationException) problems.Add($"threw {e.GetType().Name}");
                if (code != 1) problems.Add($"exit {code}");
                if (!System.Text.RegularExpressions.Regex.IsMatch(line, $"^error: {System.Text.RegularExpressions.Regex.Escape(file)}:[1-9][0-9]*:[0-9]+: [^ ]+: ")) problems.Add("no file:line:column: key: prefix");
                if (line.Contains('\n') || line.Contains("Exception") || line.Contains("   at ")) problems.Add("not one clean line");
                if (problems.Count > 0) failures.Add($"round {round} {kind} {Path.GetFileName(file)} line {k + 1}: {string.Join(", ", problems)}: {line}");
            }
        }
        foreach (var (key, count) in outcomes.OrderBy(kv => kv.Key)) output.WriteLine($"  {key}: {count}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {ConfigRounds} corrupted config files broke the property:\n" + string.Join('\n', failures.Take(30)));
    }
}
