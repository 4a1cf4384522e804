using System.Globalization;
using System.Text.Json.Nodes;

namespace AlgoTrading.Brokers.Testing;

// Order entry and the matching engine: validation, fills at the touch, pending orders and the orders attached
// to trades when the quotes cross them, and the margin a new position needs.
public sealed partial class FakeAccount
{
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
}
