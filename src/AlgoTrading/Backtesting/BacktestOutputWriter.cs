using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AlgoTrading.Backtesting.Metrics;

namespace AlgoTrading.Backtesting;

/// <summary>
/// Writes a run's files into its output folder:
/// <c>trades.csv</c> (entry_time, entry_price, exit_time, exit_price, units, pnl, gross_pnl, spread,
/// commission, slippage, financing, entry_reason, exit_reason; times ISO 8601 UTC, bar start of the
/// fill bar; one row per closed trade), <c>equity.csv</c> (time_utc, equity), <c>metrics.json</c>
/// (snake_case keys), and <c>run.json</c> (settings, input files with SHA-256, library version).
/// Numbers are written invariantly in round-trip form so identical runs give identical files.
/// </summary>
public static class BacktestOutputWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Writes trades.csv, equity.csv, metrics.json and run.json; returns their paths.</summary>
    public static IReadOnlyList<string> Write(BacktestResult result, string directory, object runSettings, IEnumerable<string> inputFiles)
    {
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        var inv = CultureInfo.InvariantCulture;

        var trades = new StringBuilder("entry_time,entry_price,exit_time,exit_price,units,pnl,gross_pnl,spread,commission,slippage,financing,entry_reason,exit_reason\n");
        foreach (var t in result.Trades)
            trades.Append(inv, $"{Iso(t.EntryTime)},{t.EntryPrice:R},{Iso(t.ExitTime)},{t.ExitPrice:R},{t.Units:R},{t.Pnl:R},{t.GrossPnl:R},{t.Costs.Spread:R},{t.Costs.Commission:R},{t.Costs.Slippage:R},{t.Costs.Financing:R},{t.EntryReason},{t.ExitReason}\n");
        files.Add(Save(directory, "trades.csv", trades.ToString()));

        var equity = new StringBuilder("time_utc,equity\n");
        for (int i = 0; i < result.Equity.Length; i++)
            equity.Append(inv, $"{Iso(new DateTime(result.EquityTime[i], DateTimeKind.Utc))},{result.Equity[i]:R}\n");
        files.Add(Save(directory, "equity.csv", equity.ToString()));

        files.Add(Save(directory, "metrics.json", JsonSerializer.Serialize(MetricsDocument(result.Metrics()), Json)));

        var run = new
        {
            library = new { name = "AlgoTrading", version = typeof(BacktestEngine).Assembly.GetName().Version?.ToString() },
            settings = runSettings,
            inputs = inputFiles.Select(f => new { path = f, sha256 = Sha256(f) }).ToArray(),
        };
        files.Add(Save(directory, "run.json", JsonSerializer.Serialize(run, Json)));
        return files;
    }

    /// <summary>The metrics as metrics.json spells them.</summary>
    public static Dictionary<string, object?> MetricsDocument(PerformanceMetrics m) => new()
    {
        ["total_return"] = m.TotalReturn, ["cagr"] = m.Cagr, ["annual_volatility"] = m.AnnualVolatility,
        ["sharpe"] = m.Sharpe, ["sortino"] = m.Sortino, ["calmar"] = m.Calmar,
        ["max_drawdown"] = m.MaxDrawdown, ["max_drawdown_duration_days"] = m.MaxDrawdownDuration.TotalDays,
        ["time_to_recover_days"] = m.TimeToRecover?.TotalDays,
        ["win_rate"] = m.WinRate, ["profit_factor"] = m.ProfitFactor, ["expectancy"] = m.Expectancy,
        ["average_win"] = m.AverageWin, ["average_loss"] = m.AverageLoss, ["exposure"] = m.Exposure, ["turnover"] = m.Turnover,
        ["trades"] = m.Trades, ["final_equity"] = m.FinalEquity, ["costs"] = m.Costs,
    };

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture);

    private static string Save(string directory, string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
