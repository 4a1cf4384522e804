using System.Text.Json;

namespace AlgoTrading.Tests.Unit;

/// <summary>
/// run.json's settings are written without the reflection serialiser; the reference here is that serialiser on
/// the anonymous object the settings used to be, so the file stays the same.
/// </summary>
public class RunSettingsTests
{
    private static readonly JsonSerializerOptions SnakeCase = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    [Fact]
    public void The_settings_document_is_written_as_the_reflection_serialiser_wrote_the_old_settings_object()
    {
        var request = new BacktestRequest
        {
            DataFile = "eur_usd.csv", Strategy = "sma-cross", Parameters = new Dictionary<string, string> { ["fast"] = "10", ["slow"] = "30" },
            Units = 25_000, Cash = 50_000.5, Costs = false,
            Risk = new RiskLimits { MaxUnits = 100_000, MaxOpenPositions = 2, MaxDrawdown = 0.25 },
        };
        var options = new BacktestOptions { Price = PriceSource.Bid, UseBidAsk = false, AccountCurrency = "EUR", PeriodsPerYear = 260, SlippagePips = 0.2, SameBarExits = SameBarExitOrder.BetterFirst, Risk = request.Risk };
        var old = new
        {
            strategy = request.Strategy, parameters = request.Parameters, instrument = "EUR_USD", price = "bid", bid_ask = false, costs = "none",
            units = request.Units, cash = request.Cash, account_currency = "EUR", periods_per_year = 260, same_bar_exits = "BetterFirst",
            slippage_pips = 0.2, slippage_atr_fraction = 0.0, risk = request.Risk,
        };
        Assert.Equal(JsonSerializer.Serialize(old, SnakeCase), BacktestOutputWriter.Json(BacktestWorkflow.Settings(request, options, "EUR_USD")));
    }

    [Fact]
    public void The_risk_section_names_every_risk_limit()
    {
        // A limit added to RiskLimits must be added to the settings document too: this fails until it is.
        var settings = (IReadOnlyDictionary<string, object?>)BacktestWorkflow.Settings(new BacktestRequest { DataFile = "x.csv", Strategy = "sma-cross" }, new BacktestOptions(), "X");
        var risk = (IReadOnlyDictionary<string, object?>)settings["risk"]!;
        var expected = typeof(RiskLimits).GetProperties().Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name));
        Assert.Equal(expected.Order(), risk.Keys.Order());
    }
}
