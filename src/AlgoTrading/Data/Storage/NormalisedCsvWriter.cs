using System.Globalization;
using System.Text;
using AlgoTrading.Domain;

namespace AlgoTrading.Data.Storage;

/// <summary>
/// Writes bars or ticks in the normalised CSV layout that <see cref="Loaders.DelimitedFormats.Normalised"/>
/// reads back: <c>time_utc</c> (bar start, <c>yyyy-MM-dd HH:mm:ss[.fff]</c>) then the price columns.
/// Doubles are written in round-trip form, so a write/read cycle is lossless.
/// </summary>
public static class NormalisedCsvWriter
{
    /// <summary>Writes <paramref name="series"/> to <paramref name="path"/>.</summary>
    public static void Write(IMarketSeries series, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        var inv = CultureInfo.InvariantCulture;
        var times = series.TimeTicks.ToArray();
        switch (series)
        {
            case TickSeries t:
                writer.Write("time_utc,bid,ask\n");
                for (int i = 0; i < t.Count; i++) writer.Write($"{Time(times[i])},{t.Bid[i].ToString("R", inv)},{t.Ask[i].ToString("R", inv)}\n");
                break;
            case BarSeries { Kind: BarKind.Quote } b:
                writer.Write("time_utc,bid_open,bid_high,bid_low,bid_close,ask_open,ask_high,ask_low,ask_close\n");
                for (int i = 0; i < b.Count; i++)
                {
                    writer.Write(Time(times[i]));
                    foreach (var side in new[] { b.Bid!, b.Ask! })
                        writer.Write(string.Create(inv, $",{side.Open[i]:R},{side.High[i]:R},{side.Low[i]:R},{side.Close[i]:R}"));
                    writer.Write('\n');
                }
                break;
            case BarSeries b:
                writer.Write("time_utc,open,high,low,close,volume\n");
                var p = b.Trade!;
                for (int i = 0; i < b.Count; i++)
                    writer.Write(string.Create(inv, $"{Time(times[i])},{p.Open[i]:R},{p.High[i]:R},{p.Low[i]:R},{p.Close[i]:R},{b.Volume[i]:R}\n"));
                break;
        }
    }

    /// <summary>Formats UTC ticks as <c>yyyy-MM-dd HH:mm:ss</c>, with <c>.fff</c> only when there are milliseconds.</summary>
    public static string Time(long ticks)
    {
        var t = new DateTime(ticks);
        return t.Ticks % TimeSpan.TicksPerSecond == 0
            ? t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : t.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
    }
}
