using System.Globalization;
using System.Text.Json.Nodes;

namespace AlgoTrading.Brokers.Testing;

// The account as the v20 API shows it: orders, trades, positions, the summary, instruments and prices as JSON.
public sealed partial class FakeAccount
{
    /// <summary>An order by id or <c>@clientId</c>, in any state.</summary>
    public JsonObject? OrderJson(string specifier) => FindOrder(specifier) is { } o ? OrderJson(o) : null;

    /// <summary>Pending orders, newest first.</summary>
    public JsonArray PendingOrdersJson() => [.. _orders.Where(o => o.State == "PENDING").Reverse().Select(o => (JsonNode)OrderJson(o))];

    /// <summary>Open trades, newest first.</summary>
    public JsonArray OpenTradesJson() => [.. _trades.Where(t => t.CurrentUnits != 0).Reverse().Select(t => (JsonNode)TradeJson(t))];

    /// <summary>A trade by id.</summary>
    public JsonObject? TradeJson(string id) => FindTrade(id) is { } t ? TradeJson(t) : null;

    /// <summary>Open positions.</summary>
    public JsonArray OpenPositionsJson()
    {
        var result = new JsonArray();
        foreach (var group in _trades.Where(t => t.CurrentUnits != 0).GroupBy(t => t.Instrument))
        {
            decimal longUnits = group.Where(t => t.CurrentUnits > 0).Sum(t => t.CurrentUnits), shortUnits = group.Where(t => t.CurrentUnits < 0).Sum(t => t.CurrentUnits);
            decimal longPl = group.Where(t => t.CurrentUnits > 0).Sum(Unrealized), shortPl = group.Where(t => t.CurrentUnits < 0).Sum(Unrealized);
            result.Add(new JsonObject
            {
                ["instrument"] = group.Key, ["pl"] = "0.0000", ["unrealizedPL"] = Money(longPl + shortPl),
                ["long"] = new JsonObject { ["units"] = Units(longUnits), ["unrealizedPL"] = Money(longPl), ["tradeIDs"] = new JsonArray([.. group.Where(t => t.CurrentUnits > 0).Select(t => (JsonNode)t.Id)]) },
                ["short"] = new JsonObject { ["units"] = Units(shortUnits), ["unrealizedPL"] = Money(shortPl), ["tradeIDs"] = new JsonArray([.. group.Where(t => t.CurrentUnits < 0).Select(t => (JsonNode)t.Id)]) },
            });
        }
        return result;
    }

    /// <summary>The v20 AccountSummary.</summary>
    public JsonObject SummaryJson()
    {
        decimal unrealized = _trades.Where(t => t.CurrentUnits != 0).Sum(Unrealized), margin = MarginUsed(), nav = Balance + unrealized;
        return new JsonObject
        {
            ["id"] = Id, ["alias"] = "fake", ["currency"] = "USD", ["balance"] = Money(Balance), ["NAV"] = Money(nav), ["unrealizedPL"] = Money(unrealized),
            ["marginUsed"] = Money(margin), ["marginAvailable"] = Money(Math.Max(0, nav - margin)), ["marginRate"] = "0.0333",
            ["openTradeCount"] = _trades.Count(t => t.CurrentUnits != 0), ["openPositionCount"] = _trades.Where(t => t.CurrentUnits != 0).Select(t => t.Instrument).Distinct().Count(),
            ["pendingOrderCount"] = _orders.Count(o => o.State == "PENDING"), ["hedgingEnabled"] = false, ["lastTransactionID"] = TxId(LastTransactionId),
        };
    }

    /// <summary>The v20 Instrument list.</summary>
    public JsonArray InstrumentsJson() => [.. _instruments.Values.Select(i => (JsonNode)new JsonObject
    {
        ["name"] = i.Name, ["type"] = i.Type, ["displayName"] = i.Name.Replace('_', '/'), ["pipLocation"] = i.PipLocation, ["displayPrecision"] = i.DisplayPrecision,
        ["tradeUnitsPrecision"] = 0, ["minimumTradeSize"] = "1", ["maximumOrderUnits"] = "100000000", ["marginRate"] = i.MarginRate.ToString(CultureInfo.InvariantCulture),
    })];

    /// <summary>A v20 ClientPrice of <paramref name="instrument"/> now.</summary>
    public JsonObject PriceJson(string instrument, bool tradeable = true)
    {
        var (bid, ask) = _prices.Quote(instrument);
        var i = _instruments[instrument];
        return new JsonObject
        {
            ["type"] = "PRICE", ["instrument"] = instrument, ["time"] = Now(), ["tradeable"] = tradeable, ["status"] = tradeable ? "tradeable" : "non-tradeable",
            ["bids"] = new JsonArray(new JsonObject { ["price"] = Price(bid, i), ["liquidity"] = 10_000_000 }),
            ["asks"] = new JsonArray(new JsonObject { ["price"] = Price(ask, i), ["liquidity"] = 10_000_000 }),
            ["closeoutBid"] = Price(bid, i), ["closeoutAsk"] = Price(ask, i),
        };
    }

    /// <summary>Whether <paramref name="name"/> is traded here.</summary>
    public bool Knows(string name) => _instruments.ContainsKey(name);

    private Order? FindOrder(string specifier) => specifier.StartsWith('@')
        ? _orders.FirstOrDefault(o => o.ClientId == specifier[1..])
        : _orders.FirstOrDefault(o => o.Id == specifier);

    private Trade? FindTrade(string id) => _trades.FirstOrDefault(t => t.Id == id);

    private JsonObject OrderJson(Order o)
    {
        var json = new JsonObject { ["id"] = o.Id, ["createTime"] = o.CreateTime, ["type"] = o.Type, ["state"] = o.State };
        if (o.Instrument is not null) json["instrument"] = o.Instrument;
        if (o.TradeId is null) json["units"] = Units(o.Units);
        if (o.Price is { } p) json["price"] = o.Instrument is { } i ? Price(p, _instruments[i]) : p.ToString(CultureInfo.InvariantCulture);
        if (o.PriceBound is { } b) json["priceBound"] = Price(b, _instruments[o.Instrument!]);
        if (o.Distance is { } d) json["distance"] = d.ToString(CultureInfo.InvariantCulture);
        if (o.TrailingTrigger is { } tt) json["trailingStopValue"] = tt.ToString(CultureInfo.InvariantCulture);
        json["timeInForce"] = o.TimeInForce;
        if (o.TradeId is not null) json["tradeID"] = o.TradeId;
        if (o.ClientId is not null) json["clientExtensions"] = new JsonObject { ["id"] = o.ClientId };
        foreach (var key in new[] { "stopLossOnFill", "takeProfitOnFill", "trailingStopLossOnFill" })
            if (o.OnFill[key] is { } spec) json[key] = spec.DeepClone();
        if (o.FillingTransactionId is not null) { json["fillingTransactionID"] = o.FillingTransactionId; json["filledTime"] = (string?)_log[int.Parse(o.FillingTransactionId, CultureInfo.InvariantCulture) - 1]["time"]; }
        if (o.TradeOpenedId is not null) json["tradeOpenedID"] = o.TradeOpenedId;
        if (o.CancellingTransactionId is not null) json["cancellingTransactionID"] = o.CancellingTransactionId;
        return json;
    }

    private JsonObject TradeJson(Trade t) => new()
    {
        ["id"] = t.Id, ["instrument"] = t.Instrument, ["price"] = Price(t.Price, _instruments[t.Instrument]), ["openTime"] = t.OpenTime,
        ["state"] = t.CurrentUnits == 0 ? "CLOSED" : "OPEN", ["initialUnits"] = Units(t.InitialUnits), ["currentUnits"] = Units(t.CurrentUnits),
        ["unrealizedPL"] = Money(Unrealized(t)), ["clientExtensions"] = t.ClientOrderId is null ? null : new JsonObject { ["id"] = t.ClientOrderId },
    };
}
