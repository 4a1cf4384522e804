using System.Globalization;
using System.Text.Json;
using AlgoTrading.Domain;
using AlgoTrading.Execution.Brokers;
using AlgoTrading.Execution.Orders;

namespace AlgoTrading.Brokers.Oanda;

/// <summary>
/// v20 wire conventions in one place: decimals are JSON strings formatted to the instrument's
/// precision, units are signed, times are RFC 3339 with nine fractional digits (UTC, <c>Z</c>).
/// </summary>
public static class OandaWire
{
    /// <summary>Formats <paramref name="value"/> with exactly <paramref name="decimals"/> places (away-from-zero rounding), invariantly.</summary>
    public static string Decimal(decimal value, int decimals) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals, CultureInfo.InvariantCulture);

    /// <summary>RFC 3339 UTC with nine fractional digits, e.g. <c>2024-01-02T03:04:05.123456700Z</c>.</summary>
    public static string Time(DateTime utc) => utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "00Z";

    /// <summary>Parses RFC 3339 (up to nine fractional digits, truncated to 100 ns) or UNIX seconds, to UTC.</summary>
    public static DateTime ParseTime(string text)
    {
        if (!text.Contains('T') && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var unix))
            return new DateTime(DateTime.UnixEpoch.Ticks + (long)(unix * TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        int dot = text.IndexOf('.');
        if (dot > 0)
        {
            int end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
            if (end - dot - 1 > 7) text = text[..(dot + 8)] + text[end..];
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto)) return dto.UtcDateTime;
        throw new FormatException($"'{text}' is not an RFC 3339 time");
    }

    /// <summary>v20's name of a time in force.</summary>
    public static string TimeInForce(TimeInForce tif) => tif switch
    {
        Execution.Orders.TimeInForce.GoodTillCancelled => "GTC",
        Execution.Orders.TimeInForce.GoodTillDate => "GTD",
        Execution.Orders.TimeInForce.Day => "GFD",
        Execution.Orders.TimeInForce.ImmediateOrCancel => "IOC",
        Execution.Orders.TimeInForce.FillOrKill => "FOK",
        _ => throw new ArgumentOutOfRangeException(nameof(tif)),
    };

    /// <summary>v20's name of an order type.</summary>
    public static string OrderType(OrderType type) => type switch
    {
        Domain.OrderType.Market => "MARKET",
        Domain.OrderType.Limit => "LIMIT",
        Domain.OrderType.Stop => "STOP",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>
    /// Writes the <c>{"order":{…}}</c> body of <c>POST /orders</c> (or of a replace), prices to
    /// <paramref name="priceDecimals"/> places and units to <paramref name="unitDecimals"/>.
    /// </summary>
    public static void WriteOrder(Utf8JsonWriter w, BrokerOrderRequest request, int priceDecimals, int unitDecimals)
    {
        if (request.Units == 0) throw new ArgumentException($"order {request.ClientId.Value}: units must not be zero");
        if (request.Type != Domain.OrderType.Market && request.Price is null)
            throw new ArgumentException($"order {request.ClientId.Value}: a {request.Type} order needs a price");
        var tif = request.EffectiveTimeInForce;
        w.WriteStartObject();
        w.WriteStartObject("order");
        w.WriteString("type", OrderType(request.Type));
        w.WriteString("instrument", request.Instrument);
        w.WriteString("units", Decimal(request.Units, unitDecimals));
        w.WriteString("timeInForce", TimeInForce(tif));
        if (request.Price is { } price) w.WriteString("price", Decimal(price, priceDecimals));
        if (request.PriceBound is { } bound) w.WriteString("priceBound", Decimal(bound, priceDecimals));
        if (tif == Execution.Orders.TimeInForce.GoodTillDate)
            w.WriteString("gtdTime", Time(request.GoodTillUtc ?? throw new ArgumentException($"order {request.ClientId.Value}: GTD needs GoodTillUtc")));
        w.WriteString("positionFill", "DEFAULT");
        w.WriteStartObject("clientExtensions");
        w.WriteString("id", request.ClientId.Value);
        w.WriteString("tag", request.ClientId.Strategy.Length <= 128 ? request.ClientId.Strategy : request.ClientId.Strategy[..128]);
        w.WriteEndObject();
        if (request.StopLoss is { } sl) { w.WriteStartObject("stopLossOnFill"); w.WriteString("price", Decimal(sl, priceDecimals)); w.WriteEndObject(); }
        if (request.TakeProfit is { } tp) { w.WriteStartObject("takeProfitOnFill"); w.WriteString("price", Decimal(tp, priceDecimals)); w.WriteEndObject(); }
        if (request.TrailingStopDistance is { } ts) { w.WriteStartObject("trailingStopLossOnFill"); w.WriteString("distance", Decimal(ts, priceDecimals)); w.WriteEndObject(); }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>A string-encoded decimal property, or null when absent.</summary>
    public static decimal? DecimalOf(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => decimal.Parse(v.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
            JsonValueKind.Number => v.GetDecimal(),
            _ => null,
        } : null;

    /// <summary>A string property, or null when absent.</summary>
    public static string? StringOf(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A v20 id (string of digits) as a number; 0 when absent.</summary>
    public static long IdOf(JsonElement e, string name) =>
        StringOf(e, name) is { } s && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;

    /// <summary>Reads a v20 Transaction object.</summary>
    public static BrokerTransaction Transaction(JsonElement t)
    {
        string? clientId = StringOf(t, "clientOrderID");
        if (clientId is null && t.TryGetProperty("clientExtensions", out var ext)) clientId = StringOf(ext, "id");
        return new BrokerTransaction(IdOf(t, "id"), StringOf(t, "type") ?? "", StringOf(t, "time") is { } time ? ParseTime(time) : default,
            StringOf(t, "instrument"), DecimalOf(t, "units") ?? 0, DecimalOf(t, "price"),
            StringOf(t, "orderID") ?? (StringOf(t, "type") is { } type && type.EndsWith("_ORDER", StringComparison.Ordinal) ? StringOf(t, "id") : null),
            clientId, StringOf(t, "reason") ?? StringOf(t, "rejectReason"), DecimalOf(t, "pl") ?? 0);
    }

    /// <summary>Reads a v20 Order object.</summary>
    public static BrokerOrder Order(JsonElement o)
    {
        var state = StringOf(o, "state") switch
        {
            "FILLED" => OrderStatus.Filled,
            "CANCELLED" => OrderStatus.Cancelled,
            _ => OrderStatus.Accepted,
        };
        string? clientId = o.TryGetProperty("clientExtensions", out var ext) ? StringOf(ext, "id") : null;
        return new BrokerOrder(StringOf(o, "id") ?? "", clientId, StringOf(o, "type") ?? "", StringOf(o, "instrument"),
            DecimalOf(o, "units") ?? 0, DecimalOf(o, "price") ?? DecimalOf(o, "distance"), StringOf(o, "tradeID"), state,
            StringOf(o, "createTime") is { } t ? ParseTime(t) : default);
    }

    /// <summary>Reads a v20 Trade object.</summary>
    public static BrokerTrade Trade(JsonElement t) =>
        new(StringOf(t, "id") ?? "", StringOf(t, "instrument") ?? "", DecimalOf(t, "currentUnits") ?? 0, DecimalOf(t, "price") ?? 0,
            StringOf(t, "openTime") is { } time ? ParseTime(time) : default, DecimalOf(t, "unrealizedPL") ?? 0,
            t.TryGetProperty("clientExtensions", out var ext) ? StringOf(ext, "id") : null);

    /// <summary>Reads a v20 Position object.</summary>
    public static BrokerPosition Position(JsonElement p) =>
        new(StringOf(p, "instrument") ?? "", p.TryGetProperty("long", out var l) ? DecimalOf(l, "units") ?? 0 : 0,
            p.TryGetProperty("short", out var s) ? DecimalOf(s, "units") ?? 0 : 0, DecimalOf(p, "unrealizedPL") ?? 0);

    /// <summary>Reads a v20 ClientPrice object (best bid and ask).</summary>
    public static BrokerPrice Price(JsonElement p)
    {
        decimal Best(string side) => p.TryGetProperty(side, out var levels) && levels.GetArrayLength() > 0 ? DecimalOf(levels[0], "price") ?? 0 : DecimalOf(p, side == "bids" ? "closeoutBid" : "closeoutAsk") ?? 0;
        bool tradeable = !p.TryGetProperty("tradeable", out var tr) || tr.ValueKind != JsonValueKind.False;
        if (StringOf(p, "status") == "non-tradeable") tradeable = false;
        return new BrokerPrice(StringOf(p, "instrument") ?? "", StringOf(p, "time") is { } t ? ParseTime(t) : default, Best("bids"), Best("asks"), tradeable);
    }
}
