using AlgoTrading.Data.Loaders;
using AlgoTrading.Data.Processors;
using AlgoTrading.Data.Storage;
using AlgoTrading.Domain;

namespace AlgoTrading.Data;

/// <summary>The outcome of an import: what validation did and what the store changed.</summary>
/// <param name="Market">The store's market folder the data went to.</param>
/// <param name="Instrument">The instrument.</param>
/// <param name="Resolution">The bar period.</param>
/// <param name="Validation">What validation found and did.</param>
/// <param name="Stored">Rows added and replaced, and the files written.</param>
public sealed record ImportSummary(string Market, string Instrument, BarPeriod Resolution, ValidationReport Validation, ImportResult Stored);

/// <summary>Loads a file, validates it under a policy and merges it into a <see cref="MarketDataStore"/>.</summary>
public static class MarketDataImporter
{
    /// <summary>Imports <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="store">Where to write.</param>
    /// <param name="read">How to read it (set <see cref="MarketDataReadOptions.Instrument"/> to name the instrument).</param>
    /// <param name="validation">The policy; the default fails on the first bad row.</param>
    /// <param name="market">The store folder (<c>forex</c>, <c>indices</c>…); null derives it from <paramref name="markets"/> or the symbol.</param>
    /// <param name="markets">Instrument definitions used to pick the market folder.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    public static async Task<ImportSummary> ImportAsync(string path, MarketDataStore store, MarketDataReadOptions? read = null,
        ValidationOptions? validation = null, string? market = null, MarketOptions? markets = null, CancellationToken cancellationToken = default)
    {
        var (_, clean, report) = await ValidatedMarketDataLoader.LoadAsync(path, read, validation, cancellationToken);
        market ??= MarketFolder(clean.Instrument, markets);
        var stored = await store.ImportAsync(market, clean, cancellationToken);
        return new ImportSummary(market, clean.Instrument, clean.Period, report, stored);
    }

    /// <summary>
    /// The store folder for <paramref name="instrument"/>: from its asset class in market_config
    /// (<c>forex</c>, <c>indices</c>, <c>equity</c>, <c>metals</c>), else <c>forex</c> for a
    /// six-letter pair such as EUR_USD, else <c>other</c>.
    /// </summary>
    public static string MarketFolder(string instrument, MarketOptions? markets)
    {
        if (markets is not null && markets.Instruments.TryGetValue(instrument, out var spec))
            return spec.AssetClass switch
            {
                AssetClass.Forex => "forex",
                AssetClass.IndexCfd => "indices",
                AssetClass.Equity => "equity",
                _ => "metals",
            };
        return instrument.Length == 7 && instrument[3] == '_' ? "forex" : "other";
    }
}
