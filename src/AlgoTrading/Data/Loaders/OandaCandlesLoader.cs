using System.Globalization;
using System.Text.Json;
using AlgoTrading.Domain;

namespace AlgoTrading.Data.Loaders;

/// <summary>
/// Reads an OANDA v20 <c>GET /v3/instruments/{instrument}/candles</c> response:
/// <c>{"instrument":"EUR_USD","granularity":"M1","candles":[{"complete":true,"volume":42,
/// "time":"2016-10-17T15:00:00.000000000Z","bid":{"o":"1.09","h":..,"l":..,"c":..},"ask":{..},"mid":{..}}]}</c>.
/// <para>Prices are strings (exact decimals) and parsed invariantly; times are RFC 3339 with up to
/// nine fractional digits (truncated to .NET's 100 ns) or UNIX seconds. When bid and ask are both
/// present the result is quote bars, otherwise the mid prices as trade bars with the tick volume.
/// Incomplete candles (the still-forming last one) are not bars yet: they are left out and named
/// in <see cref="LoadedMarketData.Notes"/>.</para>
/// </summary>
public static class OandaCandlesLoader
{
    /// <summary>Loads a candles response from <paramref name="path"/>.</summary>
    public static LoadedMarketData Load(string path, string? instrument = null)
    {
        using var stream = File.OpenRead(path);
        return Load(stream, path, instrument);
    }

    /// <summary>Loads a candles response from <paramref name="stream"/>; <paramref name="sourceName"/> is used in messages.</summary>
    public static LoadedMarketData Load(Stream stream, string sourceName, string? instrument = null)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(stream); }
        catch (JsonException e)
        {
            // The parser's message ends with its own 0-based position ("LineNumber: 0 | BytePositionInLine: 48."); the line is already in front.
            var reason = e.Message.Split(" LineNumber:", 2)[0].Split(" Path:", 2)[0].TrimEnd();
            throw new MarketDataFormatException(sourceName, (int)(e.LineNumber ?? 0) + 1, null, $"not valid JSON: {reason}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("candles", out var candles) || candles.ValueKind != JsonValueKind.Array)
                throw new MarketDataFormatException(sourceName, 0, "candles", "an OANDA candles response needs a 'candles' array");
            string symbol = instrument ?? (root.TryGetProperty("instrument", out var ins) ? ins.GetString() ?? "" : "");
            BarPeriod? period = root.TryGetProperty("granularity", out var g) && g.GetString() is { } gs ? FromGranularity(gs) : null;

            int count = candles.GetArrayLength();
            bool quotes = count > 0 && candles[0].TryGetProperty("bid", out _) && candles[0].TryGetProperty("ask", out _);
            var builder = new BarSeriesBuilder(quotes ? BarKind.Quote : BarKind.Trade, count);
            var notes = new List<string>();
            int index = 0;
            foreach (var candle in candles.EnumerateArray())
            {
                string where = $"candles[{index}]";
                index++;
                long time = ParseTime(candle, sourceName, where);
                if (candle.TryGetProperty("complete", out var complete) && complete.ValueKind == JsonValueKind.False)
                {
                    notes.Add($"{where} at {new DateTime(time, DateTimeKind.Utc):yyyy-MM-ddTHH:mm:ssZ} is incomplete (still forming) and was left out");
                    continue;
                }
                if (quotes)
                {
                    var b = Prices(candle, "bid", sourceName, where);
                    var a = Prices(candle, "ask", sourceName, where);
                    builder.AddQuote(time, b.Open, b.High, b.Low, b.Close, a.Open, a.High, a.Low, a.Close); // JSON has no line per candle: validation names rows
                }
                else
                {
                    var m = Prices(candle, "mid", sourceName, where);
                    double volume = candle.TryGetProperty("volume", out var v) && v.TryGetDouble(out var vd) ? vd : 0;
                    builder.AddTrade(time, m.Open, m.High, m.Low, m.Close, volume);
                }
            }
            var series = builder.Build(symbol, period ?? BarPeriod.M1);
            if (period is null) series = series.With(period: ResolutionDetector.Detect(series.TimeTicks));
            return new LoadedMarketData(sourceName, "oanda-json", series, notes);
        }
    }

    /// <summary>Maps OANDA granularities (S5, M1, H4, D, W, M) to periods.</summary>
    public static BarPeriod FromGranularity(string granularity) => granularity switch
    {
        "D" => BarPeriod.D1,
        "W" => BarPeriod.W1,
        "M" => BarPeriod.MN1,
        _ => BarPeriod.Parse(granularity),
    };

    private static Ohlc Prices(JsonElement candle, string side, string source, string where)
    {
        if (!candle.TryGetProperty(side, out var p) || p.ValueKind != JsonValueKind.Object)
            throw new MarketDataFormatException(source, 0, $"{where}.{side}", "is missing");
        return new Ohlc(Price(p, "o", source, where, side), Price(p, "h", source, where, side), Price(p, "l", source, where, side), Price(p, "c", source, where, side));
    }

    private static double Price(JsonElement prices, string key, string source, string where, string side)
    {
        if (!prices.TryGetProperty(key, out var value))
            throw new MarketDataFormatException(source, 0, $"{where}.{side}.{key}", "is missing");
        if (value.ValueKind == JsonValueKind.Number) return value.GetDouble();
        if (value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        throw new MarketDataFormatException(source, 0, $"{where}.{side}.{key}", $"'{value}' is not a price");
    }

    private static long ParseTime(JsonElement candle, string source, string where)
    {
        if (!candle.TryGetProperty("time", out var t) || t.GetString() is not { } text)
            throw new MarketDataFormatException(source, 0, $"{where}.time", "is missing");
        if (!text.Contains('T') && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var unix))
            return DateTime.UnixEpoch.Ticks + (long)(unix * TimeSpan.TicksPerSecond);
        // .NET reads at most 7 fractional digits; OANDA sends 9.
        var trimmed = System.Text.RegularExpressions.Regex.Replace(text, @"\.(\d{7})\d+", ".$1");
        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto))
            return dto.UtcTicks;
        throw new MarketDataFormatException(source, 0, $"{where}.time", $"'{text}' is not an RFC 3339 time");
    }
}
