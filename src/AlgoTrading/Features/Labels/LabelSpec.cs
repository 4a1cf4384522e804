using System.Globalization;
using AlgoTrading.Domain;

namespace AlgoTrading.Features.Labels;

/// <summary>
/// A training target written as text, as the command line and model metadata carry it:
/// <c>direction:horizon=12,threshold=0.0005</c> (1 when the log return of the close over the next
/// <c>horizon</c> bars exceeds <c>threshold</c>, else 0), <c>return:horizon=12</c> (that log return,
/// for regression), <c>triple-barrier:tp=2,sl=1,horizon=24[,atr=14]</c> (1 when the take-profit
/// barrier, tp ATRs away, is hit before the stop, sl ATRs away, within horizon bars, else 0).
/// </summary>
public sealed record LabelSpec
{
    /// <summary>direction, return or triple-barrier.</summary>
    public required string Kind { get; init; }
    /// <summary>Bars ahead the label looks (the time barrier for triple-barrier).</summary>
    public int Horizon { get; init; } = 12;
    /// <summary>Minimum log return counted as up (direction).</summary>
    public double Threshold { get; init; }
    /// <summary>Take-profit distance in ATRs (triple-barrier).</summary>
    public double TakeProfitAtr { get; init; } = 2;
    /// <summary>Stop-loss distance in ATRs (triple-barrier).</summary>
    public double StopLossAtr { get; init; } = 1;
    /// <summary>ATR period (triple-barrier).</summary>
    public int AtrPeriod { get; init; } = 14;

    /// <summary>True for direction and triple-barrier (labels 0/1), false for return.</summary>
    public bool IsClassification => Kind != "return";

    /// <summary>The canonical text (every parameter, fixed order), as stored in model metadata.</summary>
    public string Definition => Kind switch
    {
        "direction" => Invariant($"direction:horizon={Horizon},threshold={Threshold:R}"),
        "return" => Invariant($"return:horizon={Horizon}"),
        _ => Invariant($"triple-barrier:tp={TakeProfitAtr:R},sl={StopLossAtr:R},horizon={Horizon},atr={AtrPeriod}"),
    };

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException">Unknown kind or parameter, or a malformed or out-of-range number; the message names it.</exception>
    public static LabelSpec Parse(string text)
    {
        var colon = text.IndexOf(':');
        var kind = (colon < 0 ? text : text[..colon]).Trim().ToLowerInvariant();
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        if (colon >= 0)
            foreach (var part in text[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = part.IndexOf('=');
                if (eq < 0 || !double.TryParse(part[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                    throw new ArgumentException($"label '{text}': '{part}' is not key=number");
                values[part[..eq].Trim()] = v;
            }
        string[] allowed = kind switch
        {
            "direction" => ["horizon", "threshold"],
            "return" => ["horizon"],
            "triple-barrier" => ["tp", "sl", "horizon", "atr"],
            _ => throw new ArgumentException($"label '{text}': unknown kind '{kind}' (direction, return, triple-barrier)"),
        };
        var unknown = values.Keys.FirstOrDefault(k => !allowed.Contains(k));
        if (unknown is not null) throw new ArgumentException($"label '{text}': unknown parameter '{unknown}' (known: {string.Join(", ", allowed)})");
        var spec = new LabelSpec
        {
            Kind = kind,
            Horizon = (int)Get("horizon", kind == "triple-barrier" ? 24 : 12, 1),
            Threshold = Get("threshold", 0, double.MinValue),
            TakeProfitAtr = Get("tp", 2, 1e-9),
            StopLossAtr = Get("sl", 1, 1e-9),
            AtrPeriod = (int)Get("atr", 14, 1),
        };
        return spec;

        double Get(string key, double fallback, double min)
        {
            if (!values.TryGetValue(key, out var v)) return fallback;
            if (v < min) throw new ArgumentException($"label '{text}': {key}={v.ToString(CultureInfo.InvariantCulture)} is below {min.ToString(CultureInfo.InvariantCulture)}");
            return v;
        }
    }

    /// <summary>
    /// The label of every bar of <paramref name="bars"/> on its <paramref name="price"/> closes (0/1 or a
    /// log return; NaN where undefined, e.g. the last bars), with the time each became known.
    /// </summary>
    public LabelSeries Compute(BarSeries bars, PriceSource price)
    {
        var p = bars.Prices(price);
        switch (Kind)
        {
            case "return":
                return ForwardReturnLabels.ForwardReturn(bars.TimeTicks, p.Close, Horizon) with { Name = Definition };
            case "direction":
                var forward = ForwardReturnLabels.ForwardReturn(bars.TimeTicks, p.Close, Horizon);
                var up = forward.Values.Select(r => double.IsNaN(r) ? double.NaN : r > Threshold ? 1.0 : 0.0).ToArray();
                return forward with { Name = Definition, Values = up };
            default:
                var result = TripleBarrierLabels.Compute(bars, new TripleBarrierOptions
                {
                    TakeProfitAtr = TakeProfitAtr, StopLossAtr = StopLossAtr, MaxBars = Horizon, AtrPeriod = AtrPeriod,
                }, price);
                var hit = result.Labels.Values.Select(v => double.IsNaN(v) ? double.NaN : v > 0 ? 1.0 : 0.0).ToArray();
                return result.Labels with { Name = Definition, Values = hit };
        }
    }

    private static string Invariant(FormattableString s) => FormattableString.Invariant(s);
}
