using System.Globalization;
using System.Text.Json.Nodes;

namespace AlgoTrading.Brokers.Testing;

/// <summary>
/// The fake account: one append-only transaction log and the state derived from it. Every change
/// is a transaction appended by <see cref="Record"/>, which also applies it (orders, trades,
/// balance), so <c>sinceid</c>, the transaction stream and the state always agree. The matching
/// engine decides which transactions to append: market fills at the touch, limit and stop orders and
/// the stop-loss, take-profit and trailing stops attached to trades when the quotes cross them.
/// Not thread-safe: <see cref="FakeOandaServer"/> serialises access through <see cref="Gate"/>.
/// </summary>
public sealed class FakeAccount
{
    private readonly List<JsonObject> _log = [];
    private readonly Dictionary<string, FakeInstrument> _instruments;
    private readonly PriceFeed _prices;
    private readonly List<Order> _orders = [];
    private readonly List<Trade> _trades = [];

    /// <summary>Creates an account holding <paramref name="balance"/> USD.</summary>
    public FakeAccount(string id, IReadOnlyList<FakeInstrument> instruments, PriceFeed prices, decimal balance)
    {
        Id = id;
        _instruments = instruments.ToDictionary(i => i.Name, StringComparer.Ordinal);
        _prices = prices;
        Record(new JsonObject { ["type"] = "CREATE", ["homeCurrency"] = "USD" });
        Record(new JsonObject { ["type"] = "TRANSFER_FUNDS", ["amount"] = Money(balance), ["reason"] = "ACCOUNT_TRANSFER" });
    }

    /// <summary>The lock every caller holds while using the account.</summary>
    public object Gate { get; } = new();
    /// <summary>The account id.</summary>
    public string Id { get; }
    /// <summary>Cash balance in USD.</summary>
    public decimal Balance { get; private set; }
    /// <summary>The newest transaction id.</summary>
    public long LastTransactionId => _log.Count;
    /// <summary>The instruments.</summary>
    public IReadOnlyCollection<FakeInstrument> Instruments => _instruments.Values;
    /// <summary>The log (do not modify).</summary>
    public IReadOnlyList<JsonObject> Transactions => _log;
    /// <summary>Raised after each appended transaction.</summary>
    public event Action? Changed;

    /// <summary>Net units per instrument with an open position.</summary>
    public IReadOnlyDictionary<string, decimal> NetPositions() =>
        _trades.Where(t => t.CurrentUnits != 0).GroupBy(t => t.Instrument).ToDictionary(g => g.Key, g => g.Sum(t => t.CurrentUnits));

    // ---- the log ----

    /// <summary>Appends <paramref name="tx"/> (id and time assigned here) and applies it.</summary>
    public JsonObject Record(JsonObject tx)
    {
        long id = _log.Count + 1;
        var ordered = new JsonObject { ["id"] = TxId(id), ["time"] = Now(), ["accountID"] = Id, ["batchID"] = TxId(id) };
        foreach (var (key, value) in tx.ToList()) { tx.Remove(key); ordered[key] = value; }
        _log.Add(ordered);
        Apply(ordered);
        Changed?.Invoke();
        return ordered;
    }

    private void Apply(JsonObject tx)
    {
        string type = (string)tx["type"]!;
        switch (type)
        {
            case "TRANSFER_FUNDS":
                Balance += Dec(tx["amount"]);
                break;
            case "MARKET_ORDER" or "LIMIT_ORDER" or "STOP_ORDER" or "STOP_LOSS_ORDER" or "TAKE_PROFIT_ORDER" or "TRAILING_STOP_LOSS_ORDER":
                var order = new Order((string)tx["id"]!, type[..^6], (string?)tx["instrument"], tx["units"] is { } u ? Dec(u) : 0,
                    tx["price"] is { } p ? Dec(p) : null, tx["priceBound"] is { } b ? Dec(b) : null, tx["distance"] is { } d ? Dec(d) : null,
                    (string?)tx["timeInForce"] ?? "GTC", (string?)tx["clientExtensions"]?["id"], (string?)tx["tradeID"], (string)tx["time"]!)
                { OnFill = tx };
                if (order.TradeId is { } tradeId && FindTrade(tradeId) is { } trade)
                {
                    if (order.Type == "STOP_LOSS") trade.StopLossId = order.Id;
                    if (order.Type == "TAKE_PROFIT") trade.TakeProfitId = order.Id;
                    if (order.Type == "TRAILING_STOP_LOSS") { trade.TrailingStopId = order.Id; order.TrailingTrigger = TrailingTrigger(trade, order.Distance!.Value, null); }
                }
                _orders.Add(order);
                break;
            case "ORDER_FILL":
                var filled = FindOrder((string)tx["orderID"]!)!;
                filled.State = "FILLED";
                filled.FillingTransactionId = (string)tx["id"]!;
                foreach (var closed in tx["tradesClosed"]?.AsArray() ?? [])
                    FindTrade((string)closed!["tradeID"]!)!.CurrentUnits = 0;
                if (tx["tradeReduced"] is { } reduced)
                    FindTrade((string)reduced["tradeID"]!)!.CurrentUnits += Dec(reduced["units"]);
                if (tx["tradeOpened"] is { } opened)
                {
                    filled.TradeOpenedId = (string)opened["tradeID"]!;
                    _trades.Add(new Trade((string)opened["tradeID"]!, (string)tx["instrument"]!, Dec(opened["units"]), Dec(tx["price"]), (string)tx["time"]!, filled.ClientId));
                }
                Balance += Dec(tx["pl"]);
                break;
            case "ORDER_CANCEL":
                var cancelled = FindOrder((string)tx["orderID"]!)!;
                cancelled.State = "CANCELLED";
                cancelled.CancellingTransactionId = (string)tx["id"]!;
                break;
        }
    }

    // ---- queries ----

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

    // ---- order entry ----

    /// <summary>Submits a v20 order request (the <c>order</c> object); returns the HTTP status and body.</summary>
    public (int Status, JsonObject Body) Submit(JsonObject request, string? replacing = null, string? forcedReject = null)
    {
        string type = (string?)request["type"] ?? "";
        string? instrumentName = (string?)request["instrument"];
        string? clientId = (string?)request["clientExtensions"]?["id"];
        string rejectType = type is "LIMIT" or "STOP" ? type + "_ORDER_REJECT" : "MARKET_ORDER_REJECT";
        var reason = forcedReject ?? Validate(request, type, instrumentName, clientId);
        if (reason is not null)
        {
            var reject = Copy(request);
            reject["type"] = rejectType;
            reject["rejectReason"] = reason;
            var rejected = Record(reject);
            return (400, new JsonObject { ["orderRejectTransaction"] = rejected.DeepClone(), ["relatedTransactionIDs"] = new JsonArray(rejected["id"]!.DeepClone()), ["lastTransactionID"] = TxId(LastTransactionId), ["errorCode"] = reason, ["errorMessage"] = $"The order was rejected: {reason}" });
        }
        var body = new JsonObject();
        if (replacing is not null)
            body["orderCancelTransaction"] = Record(new JsonObject { ["type"] = "ORDER_CANCEL", ["orderID"] = replacing, ["reason"] = "CLIENT_REQUEST_REPLACED" }).DeepClone();
        var create = Copy(request);
        create["type"] = type + "_ORDER";
        create["reason"] = replacing is null ? "CLIENT_ORDER" : "REPLACEMENT";
        if (replacing is not null) create["replacesOrderID"] = replacing;
        create.Remove("tradeClientExtensions");
        var created = Record(create);
        body["orderCreateTransaction"] = created.DeepClone();
        var order = FindOrder((string)created["id"]!)!;
        if (type == "MARKET")
        {
            var (fill, cancel) = ExecuteMarket(order);
            if (fill is not null) body["orderFillTransaction"] = fill.DeepClone();
            if (cancel is not null) body[replacing is null ? "orderCancelTransaction" : "replacingOrderCancelTransaction"] = cancel.DeepClone();
        }
        else MatchPending();
        if (order.State == "FILLED" && body["orderFillTransaction"] is null) body["orderFillTransaction"] = _log[int.Parse(order.FillingTransactionId!, CultureInfo.InvariantCulture) - 1].DeepClone();
        body["relatedTransactionIDs"] = new JsonArray([.. _log.Skip(int.Parse((string)created["id"]!, CultureInfo.InvariantCulture) - 1).Select(t => t["id"]!.DeepClone())]);
        body["lastTransactionID"] = TxId(LastTransactionId);
        return (201, body);
    }

    /// <summary>Replaces the pending order <paramref name="specifier"/>.</summary>
    public (int Status, JsonObject Body) Replace(string specifier, JsonObject request)
    {
        if (FindOrder(specifier) is not { State: "PENDING", TradeId: null } existing)
            return (404, new JsonObject { ["orderCancelRejectTransaction"] = new JsonObject { ["rejectReason"] = "ORDER_DOESNT_EXIST" }, ["errorCode"] = "ORDER_DOESNT_EXIST", ["errorMessage"] = "The Order specified does not exist", ["lastTransactionID"] = TxId(LastTransactionId) });
        return Submit(request, replacing: existing.Id);
    }

    /// <summary>Cancels the pending order <paramref name="specifier"/>.</summary>
    public (int Status, JsonObject Body) Cancel(string specifier)
    {
        if (FindOrder(specifier) is not { State: "PENDING" } order)
            return (404, new JsonObject { ["orderCancelRejectTransaction"] = new JsonObject { ["type"] = "ORDER_CANCEL_REJECT", ["rejectReason"] = "ORDER_DOESNT_EXIST" }, ["errorCode"] = "ORDER_DOESNT_EXIST", ["errorMessage"] = "The Order specified does not exist", ["lastTransactionID"] = TxId(LastTransactionId) });
        var cancel = Record(new JsonObject { ["type"] = "ORDER_CANCEL", ["orderID"] = order.Id, ["clientOrderID"] = order.ClientId, ["reason"] = "CLIENT_REQUEST" });
        return (200, new JsonObject { ["orderCancelTransaction"] = cancel.DeepClone(), ["relatedTransactionIDs"] = new JsonArray(cancel["id"]!.DeepClone()), ["lastTransactionID"] = TxId(LastTransactionId) });
    }

    /// <summary>Closes the long and/or short side of a position (<c>ALL</c> or <c>NONE</c>).</summary>
    public (int Status, JsonObject Body) ClosePosition(string instrument, string? longUnits, string? shortUnits)
    {
        var body = new JsonObject();
        decimal longOpen = _trades.Where(t => t.Instrument == instrument && t.CurrentUnits > 0).Sum(t => t.CurrentUnits);
        decimal shortOpen = _trades.Where(t => t.Instrument == instrument && t.CurrentUnits < 0).Sum(t => t.CurrentUnits);
        foreach (var (side, requested, open) in new[] { ("long", longUnits, longOpen), ("short", shortUnits, shortOpen) })
        {
            if (requested is null or "NONE") continue;
            if (open == 0 || requested != "ALL")
            {
                string why = open == 0 ? "CLOSEOUT_POSITION_DOESNT_EXIST" : "CLOSEOUT_POSITION_UNITS_EXCEED_POSITION_SIZE";
                return (400, new JsonObject { [side + "OrderRejectTransaction"] = new JsonObject { ["type"] = "MARKET_ORDER_REJECT", ["rejectReason"] = why }, ["errorCode"] = why, ["errorMessage"] = $"The Position requested to be closed out does not exist", ["lastTransactionID"] = TxId(LastTransactionId) });
            }
            var created = Record(new JsonObject { ["type"] = "MARKET_ORDER", ["instrument"] = instrument, ["units"] = Units(-open), ["timeInForce"] = "FOK", ["positionFill"] = "REDUCE_ONLY", ["reason"] = "POSITION_CLOSEOUT" });
            body[side + "OrderCreateTransaction"] = created.DeepClone();
            var (fill, cancel) = ExecuteMarket(FindOrder((string)created["id"]!)!);
            if (fill is not null) body[side + "OrderFillTransaction"] = fill.DeepClone();
            if (cancel is not null) body[side + "OrderCancelTransaction"] = cancel.DeepClone();
        }
        if (body.Count == 0) return (400, new JsonObject { ["errorCode"] = "CLOSEOUT_POSITION_DOESNT_EXIST", ["errorMessage"] = "Nothing to close", ["lastTransactionID"] = TxId(LastTransactionId) });
        body["lastTransactionID"] = TxId(LastTransactionId);
        return (200, body);
    }

    /// <summary>Fills or triggers whatever the current quotes reach (call after prices move).</summary>
    public void MatchPending()
    {
        for (int pass = 0; pass < 4; pass++)
        {
            bool any = false;
            foreach (var order in _orders.Where(o => o.State == "PENDING" && o.Type != "MARKET").ToList())
            {
                if (order.State != "PENDING") continue;
                if (order.TradeId is { } tradeId)
                {
                    var trade = FindTrade(tradeId)!;
                    if (trade.CurrentUnits == 0) continue;
                    var (bid, ask) = _prices.Quote(trade.Instrument);
                    decimal exit = trade.CurrentUnits > 0 ? bid : ask;
                    bool isLong = trade.CurrentUnits > 0;
                    if (order.Type == "TRAILING_STOP_LOSS") order.TrailingTrigger = TrailingTrigger(trade, order.Distance!.Value, order.TrailingTrigger);
                    decimal trigger = order.Type == "TRAILING_STOP_LOSS" ? order.TrailingTrigger!.Value : order.Price!.Value;
                    bool hit = order.Type == "TAKE_PROFIT" ? (isLong ? exit >= trigger : exit <= trigger) : (isLong ? exit <= trigger : exit >= trigger);
                    if (!hit) continue;
                    Fill(order, trade.Instrument, -trade.CurrentUnits, exit, order.Type + "_ORDER", closeOnly: trade);
                    any = true;
                }
                else
                {
                    var (bid, ask) = _prices.Quote(order.Instrument!);
                    decimal touch = order.Units > 0 ? ask : bid;
                    bool hit = order.Type == "LIMIT" ? (order.Units > 0 ? touch <= order.Price : touch >= order.Price) : (order.Units > 0 ? touch >= order.Price : touch <= order.Price);
                    if (!hit) continue;
                    if (!HasMargin(order.Instrument!, order.Units, touch))
                    {
                        Record(new JsonObject { ["type"] = "ORDER_CANCEL", ["orderID"] = order.Id, ["clientOrderID"] = order.ClientId, ["reason"] = "INSUFFICIENT_MARGIN" });
                        continue;
                    }
                    Fill(order, order.Instrument!, order.Units, touch, order.Type + "_ORDER", closeOnly: null);
                    any = true;
                }
            }
            if (!any) return;
        }
    }

    private string? Validate(JsonObject request, string type, string? instrumentName, string? clientId)
    {
        if (type is not ("MARKET" or "LIMIT" or "STOP")) return "ORDER_TYPE_INVALID"; // not a real v20 code for this case, but explicit
        if (instrumentName is null) return "INSTRUMENT_MISSING";
        if (!_instruments.TryGetValue(instrumentName, out var instrument)) return "INSTRUMENT_UNKNOWN";
        if (request["units"] is not JsonValue unitsNode || !decimal.TryParse((string?)unitsNode, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var units) || units == 0) return "UNITS_INVALID";
        if (Scale((string)unitsNode!) > 0) return "UNITS_PRECISION_EXCEEDED";
        if (Math.Abs(units) > 100_000_000) return "UNITS_LIMIT_EXCEEDED";
        foreach (var field in new[] { "price", "priceBound" })
            if (request[field] is JsonValue v && Scale((string)v!) > instrument.DisplayPrecision) return field == "price" ? "PRICE_PRECISION_EXCEEDED" : "PRICE_BOUND_PRECISION_EXCEEDED";
        if (type != "MARKET" && request["price"] is null) return "PRICE_MISSING";
        string tif = (string?)request["timeInForce"] ?? (type == "MARKET" ? "FOK" : "GTC");
        if (type == "MARKET" && tif is not ("FOK" or "IOC")) return "TIME_IN_FORCE_INVALID";
        if (type != "MARKET" && tif is not ("GTC" or "GTD" or "GFD")) return "TIME_IN_FORCE_INVALID";
        if (clientId is not null && _orders.Any(o => o.ClientId == clientId)) return "CLIENT_ORDER_ID_ALREADY_EXISTS";
        return null;
    }

    private (JsonObject? Fill, JsonObject? Cancel) ExecuteMarket(Order order)
    {
        var (bid, ask) = _prices.Quote(order.Instrument!);
        decimal price = order.Units > 0 ? ask : bid;
        string? why = null;
        if (order.PriceBound is { } bound && (order.Units > 0 ? price > bound : price < bound)) why = "BOUNDS_VIOLATION";
        else if (!HasMargin(order.Instrument!, order.Units, price)) why = "INSUFFICIENT_MARGIN";
        if (why is not null)
            return (null, Record(new JsonObject { ["type"] = "ORDER_CANCEL", ["orderID"] = order.Id, ["clientOrderID"] = order.ClientId, ["reason"] = why }));
        return (Fill(order, order.Instrument!, order.Units, price, "MARKET_ORDER", closeOnly: null), null);
    }

    /// <summary>Fills <paramref name="units"/> at <paramref name="price"/>: closes opposite trades oldest first (or only <paramref name="closeOnly"/>), opens a trade with the rest.</summary>
    private JsonObject Fill(Order order, string instrumentName, decimal units, decimal price, string reason, Trade? closeOnly)
    {
        var instrument = _instruments[instrumentName];
        long fillId = LastTransactionId + 1;
        var closed = new JsonArray();
        JsonObject? reduced = null;
        decimal remaining = units, pl = 0;
        var closedTrades = new List<Trade>();
        foreach (var trade in closeOnly is not null ? [closeOnly] : _trades.Where(t => t.Instrument == instrumentName && t.CurrentUnits != 0 && Math.Sign(t.CurrentUnits) != Math.Sign(units)).ToList())
        {
            if (remaining == 0) break;
            decimal take = Math.Min(Math.Abs(remaining), Math.Abs(trade.CurrentUnits)) * Math.Sign(trade.CurrentUnits);
            decimal realized = ToUsd(take * (price - trade.Price), instrument.QuoteCurrency);
            pl += realized;
            remaining += take;
            var entry = new JsonObject { ["tradeID"] = trade.Id, ["units"] = Units(-take), ["price"] = Price(price, instrument), ["realizedPL"] = Money(realized) };
            if (take == trade.CurrentUnits) { closed.Add(entry); closedTrades.Add(trade); }
            else reduced = entry;
        }
        var fill = new JsonObject
        {
            ["type"] = "ORDER_FILL", ["orderID"] = order.Id, ["clientOrderID"] = order.ClientId, ["instrument"] = instrumentName, ["units"] = Units(units),
            ["price"] = Price(price, instrument), ["fullVWAP"] = Price(price, instrument), ["reason"] = reason, ["pl"] = Money(pl), ["financing"] = "0.0000",
            ["commission"] = "0.0000", ["accountBalance"] = Money(Balance + pl),
        };
        if (closed.Count > 0) fill["tradesClosed"] = closed;
        if (reduced is not null) fill["tradeReduced"] = reduced;
        if (remaining != 0) fill["tradeOpened"] = new JsonObject { ["tradeID"] = TxId(fillId), ["units"] = Units(remaining), ["price"] = Price(price, instrument) };
        var recorded = Record(fill);
        foreach (var trade in closedTrades)
            foreach (var dependent in new[] { trade.StopLossId, trade.TakeProfitId, trade.TrailingStopId })
                if (dependent is not null && FindOrder(dependent) is { State: "PENDING" } d)
                    Record(new JsonObject { ["type"] = "ORDER_CANCEL", ["orderID"] = d.Id, ["reason"] = "LINKED_TRADE_CLOSED" });
        if (remaining != 0)
        {
            string tradeId = TxId(fillId);
            if (order.OnFill["stopLossOnFill"] is JsonObject sl)
                Record(new JsonObject { ["type"] = "STOP_LOSS_ORDER", ["tradeID"] = tradeId, ["price"] = sl["price"]!.DeepClone(), ["timeInForce"] = "GTC", ["reason"] = "ON_FILL" });
            if (order.OnFill["takeProfitOnFill"] is JsonObject tp)
                Record(new JsonObject { ["type"] = "TAKE_PROFIT_ORDER", ["tradeID"] = tradeId, ["price"] = tp["price"]!.DeepClone(), ["timeInForce"] = "GTC", ["reason"] = "ON_FILL" });
            if (order.OnFill["trailingStopLossOnFill"] is JsonObject ts)
                Record(new JsonObject { ["type"] = "TRAILING_STOP_LOSS_ORDER", ["tradeID"] = tradeId, ["distance"] = ts["distance"]!.DeepClone(), ["timeInForce"] = "GTC", ["reason"] = "ON_FILL" });
        }
        return recorded;
    }

    private decimal? TrailingTrigger(Trade trade, decimal distance, decimal? current)
    {
        var (bid, ask) = _prices.Quote(trade.Instrument);
        decimal candidate = trade.CurrentUnits > 0 ? bid - distance : ask + distance;
        if (current is null) return candidate;
        return trade.CurrentUnits > 0 ? Math.Max(current.Value, candidate) : Math.Min(current.Value, candidate);
    }

    private bool HasMargin(string instrument, decimal units, decimal price)
    {
        decimal nav = Balance + _trades.Where(t => t.CurrentUnits != 0).Sum(Unrealized);
        decimal net = NetPositions().GetValueOrDefault(instrument);
        decimal added = Math.Abs(net + units) - Math.Abs(net);
        if (added <= 0) return true;
        var i = _instruments[instrument];
        return MarginUsed() + ToUsd(added * price * i.MarginRate, i.QuoteCurrency) <= nav;
    }

    private decimal MarginUsed() => _trades.Where(t => t.CurrentUnits != 0).Sum(t =>
    {
        var i = _instruments[t.Instrument];
        var (bid, ask) = _prices.Quote(t.Instrument);
        return ToUsd(Math.Abs(t.CurrentUnits) * (bid + ask) / 2 * i.MarginRate, i.QuoteCurrency);
    });

    private decimal Unrealized(Trade t)
    {
        var (bid, ask) = _prices.Quote(t.Instrument);
        return ToUsd(t.CurrentUnits * ((t.CurrentUnits > 0 ? bid : ask) - t.Price), _instruments[t.Instrument].QuoteCurrency);
    }

    private decimal ToUsd(decimal amount, string currency) => currency switch
    {
        "USD" => amount,
        "JPY" when _instruments.ContainsKey("USD_JPY") => amount / Mid("USD_JPY"),
        "EUR" when _instruments.ContainsKey("EUR_USD") => amount * Mid("EUR_USD"),
        _ => amount,
    };

    private decimal Mid(string instrument) { var (b, a) = _prices.Quote(instrument); return (b + a) / 2; }

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

    private static JsonObject Copy(JsonObject o) => (JsonObject)o.DeepClone();
    private static int Scale(string number) => number.IndexOf('.') is var dot and >= 0 ? number.Length - dot - 1 : 0;
    private static decimal Dec(JsonNode? node) => decimal.Parse((string)node!, NumberStyles.Float, CultureInfo.InvariantCulture);
    private static string Money(decimal value) => Math.Round(value, 4).ToString("F4", CultureInfo.InvariantCulture);
    private static string Units(decimal value) => value.ToString("F0", CultureInfo.InvariantCulture);
    private static string Price(decimal value, FakeInstrument i) => Math.Round(value, i.DisplayPrecision).ToString("F" + i.DisplayPrecision, CultureInfo.InvariantCulture);
    private static string TxId(long id) => id.ToString(CultureInfo.InvariantCulture);
    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "00Z";

    private sealed class Order(string id, string type, string? instrument, decimal units, decimal? price, decimal? priceBound, decimal? distance,
        string timeInForce, string? clientId, string? tradeId, string createTime)
    {
        public string Id { get; } = id;
        public string Type { get; } = type;
        public string? Instrument { get; } = instrument;
        public decimal Units { get; } = units;
        public decimal? Price { get; } = price;
        public decimal? PriceBound { get; } = priceBound;
        public decimal? Distance { get; } = distance;
        public string TimeInForce { get; } = timeInForce;
        public string? ClientId { get; } = clientId;
        public string? TradeId { get; } = tradeId;
        public string CreateTime { get; } = createTime;
        public required JsonObject OnFill { get; init; }
        public string State { get; set; } = "PENDING";
        public string? FillingTransactionId { get; set; }
        public string? CancellingTransactionId { get; set; }
        public string? TradeOpenedId { get; set; }
        public decimal? TrailingTrigger { get; set; }
    }

    private sealed class Trade(string id, string instrument, decimal units, decimal price, string openTime, string? clientOrderId)
    {
        public string Id { get; } = id;
        public string Instrument { get; } = instrument;
        public decimal InitialUnits { get; } = units;
        public decimal CurrentUnits { get; set; } = units;
        public decimal Price { get; } = price;
        public string OpenTime { get; } = openTime;
        public string? ClientOrderId { get; } = clientOrderId;
        public string? StopLossId { get; set; }
        public string? TakeProfitId { get; set; }
        public string? TrailingStopId { get; set; }
    }
}
