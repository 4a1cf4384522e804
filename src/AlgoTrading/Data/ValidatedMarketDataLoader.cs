using AlgoTrading.Data.Loaders;
using AlgoTrading.Data.Processors;
using AlgoTrading.Domain;

namespace AlgoTrading.Data;

/// <summary>What <see cref="ValidatedMarketDataLoader"/> read and what validation kept.</summary>
/// <param name="Loaded">The file as read, in file order, before validation.</param>
/// <param name="Clean">The rows validation kept, repaired where the policy allows, in time order.</param>
/// <param name="Report">What validation found and did (counts by reason, lines, repaired and dropped rows).</param>
public sealed record ValidatedMarketData(LoadedMarketData Loaded, IMarketSeries Clean, ValidationReport Report);

/// <summary>
/// The one place where a market data file is loaded and validated under a policy. <c>data import</c>,
/// <c>data resample</c>, <c>features</c> and <c>backtest</c> all come through here, so they accept,
/// repair, drop and reject exactly the same rows. The default policy is
/// <see cref="ValidationPolicy.Fail"/>: nothing computes or trades on a bad row unless the user asked
/// for it to be dropped or repaired, and then the report counts what was done.
/// </summary>
public static class ValidatedMarketDataLoader
{
    /// <summary>Loads <paramref name="path"/> and validates it.</summary>
    /// <param name="path">The file, in any format <see cref="MarketDataReader"/> reads.</param>
    /// <param name="read">How to read it.</param>
    /// <param name="validation">Policy and thresholds; null fails on the first bad row (spikes are reported, not failed).</param>
    /// <param name="cancellationToken">Stops the load.</param>
    /// <exception cref="MarketDataFormatException">The file cannot be read as market data.</exception>
    /// <exception cref="DataValidationException">A row is bad and the policy is <see cref="ValidationPolicy.Fail"/>.</exception>
    public static async Task<ValidatedMarketData> LoadAsync(string path, MarketDataReadOptions? read = null, ValidationOptions? validation = null,
        CancellationToken cancellationToken = default)
    {
        var data = await MarketDataReader.LoadAsync(path, read, cancellationToken);
        var (clean, report) = MarketDataValidator.Validate(data.Series, validation, path);
        return new ValidatedMarketData(data, clean, report);
    }

    /// <summary>Like <see cref="LoadAsync"/> for consumers that need bars: a tick file is rejected with a message saying to resample it.</summary>
    /// <exception cref="MarketDataFormatException">The file holds ticks or cannot be read.</exception>
    /// <exception cref="DataValidationException">A row is bad and the policy is <see cref="ValidationPolicy.Fail"/>.</exception>
    public static async Task<(BarSeries Bars, ValidationReport Report)> LoadBarsAsync(string path, MarketDataReadOptions? read = null,
        ValidationOptions? validation = null, CancellationToken cancellationToken = default)
    {
        var data = await MarketDataReader.LoadAsync(path, read, cancellationToken);
        if (data.Bars is null) throw new MarketDataFormatException(path, 0, null, "holds ticks, not bars; resample it to bars first (algotrading data resample)");
        var (clean, report) = MarketDataValidator.Validate(data.Bars, validation, path);
        return (clean, report);
    }
}
