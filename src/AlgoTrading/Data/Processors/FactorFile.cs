using System.Globalization;

namespace AlgoTrading.Data.Processors;

/// <summary>One row of a factor file: from the previous row's date (exclusive) to <see cref="Date"/> (inclusive) these factors apply.</summary>
/// <param name="Date">The last date (exchange-local) the factors apply to.</param>
/// <param name="PriceFactor">Dividend adjustment factor (dimensionless, ≤ 1 for past dates).</param>
/// <param name="SplitFactor">Split adjustment factor (dimensionless).</param>
/// <param name="ReferencePrice">The close the factor was computed from (informational).</param>
public readonly record struct FactorRow(DateOnly Date, double PriceFactor, double SplitFactor, double ReferencePrice);

/// <summary>
/// Split and dividend factors in the layout of <c>spy_factors.csv</c>:
/// <c>date,price_factor,split_factor,reference_price</c> with dates as <c>yyyyMMdd</c>, sorted.
/// A bar's factors are those of the first row dated on or after the bar's date; bars after the
/// last row are unadjusted (factor 1).
/// </summary>
public sealed class FactorFile
{
    private readonly FactorRow[] _rows;

    /// <summary>Wraps rows sorted by date.</summary>
    /// <exception cref="ArgumentException">Rows are not strictly increasing in date.</exception>
    public FactorFile(IReadOnlyList<FactorRow> rows)
    {
        for (int i = 1; i < rows.Count; i++)
            if (rows[i].Date <= rows[i - 1].Date) throw new ArgumentException($"factor rows must be in increasing date order; row {i + 1} ({rows[i].Date:yyyy-MM-dd}) is not");
        _rows = [.. rows];
    }

    /// <summary>The rows.</summary>
    public IReadOnlyList<FactorRow> Rows => _rows;

    /// <summary>Reads a factor CSV; errors name the file, line and field.</summary>
    public static FactorFile Load(string path)
    {
        var rows = new List<FactorRow>();
        int lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (lineNo == 1 && line.StartsWith("date", StringComparison.OrdinalIgnoreCase)) continue;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var f = line.Split(',');
            if (f.Length < 3) throw new Loaders.MarketDataFormatException(path, lineNo, null, "expected date,price_factor,split_factor[,reference_price]");
            if (!DateOnly.TryParseExact(f[0].Trim(), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new Loaders.MarketDataFormatException(path, lineNo, "date", $"'{f[0]}' is not a yyyyMMdd date");
            rows.Add(new FactorRow(date, Number(f[1], "price_factor"), Number(f[2], "split_factor"), f.Length > 3 ? Number(f[3], "reference_price", allowZero: true) : double.NaN));
        }
        try { return new FactorFile(rows); }
        catch (ArgumentException e) { throw new Loaders.MarketDataFormatException(path, 0, "date", e.Message); }

        // The last row of a factor file is a far-future sentinel whose reference price is 0.
        double Number(string text, string field, bool allowZero = false)
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && (v > 0 || (allowZero && v == 0))) return v;
            throw new Loaders.MarketDataFormatException(path, lineNo, field, $"'{text}' is not a {(allowZero ? "non-negative" : "positive")} number");
        }
    }

    /// <summary>The factors for a bar on <paramref name="date"/>; (1, 1) after the last row.</summary>
    public (double PriceFactor, double SplitFactor) For(DateOnly date)
    {
        int lo = 0, hi = _rows.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_rows[mid].Date < date) lo = mid + 1; else hi = mid;
        }
        return lo < _rows.Length ? (_rows[lo].PriceFactor, _rows[lo].SplitFactor) : (1, 1);
    }
}
