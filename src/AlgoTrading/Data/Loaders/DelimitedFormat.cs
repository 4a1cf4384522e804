using AlgoTrading.Domain;
using AlgoTrading.Time;

namespace AlgoTrading.Data.Loaders;

/// <summary>
/// Describes a delimited text format: separator, header, which column holds which field, the
/// timestamp layout and the zone its times are written in. Every text format the library reads
/// (the normalised CSVs, HistData, MetaTrader, any custom CSV) is one of these, so one parser
/// serves all of them. See <see cref="DelimitedFormats"/> for the built-in ones.
/// </summary>
internal sealed record DelimitedFormat
{
    /// <summary>A short name for messages and reports, e.g. <c>histdata-m1</c>.</summary>
    public required string Name { get; init; }
    /// <summary>The field separator (one ASCII character).</summary>
    public char Separator { get; init; } = ',';
    /// <summary>Whether the first line is a header to skip.</summary>
    public bool HasHeader { get; init; } = true;
    /// <summary>What each record holds.</summary>
    public required RecordLayout Layout { get; init; }
    /// <summary>Zero-based column index of each field. Volume is optional for trade bars.</summary>
    public required IReadOnlyDictionary<CsvField, int> Columns { get; init; }
    /// <summary>Layout of the <see cref="CsvField.Time"/> column (see <see cref="TimestampPattern"/>).</summary>
    public required string TimePattern { get; init; }
    /// <summary>Layout of the <see cref="CsvField.Date"/> column, when the format has one.</summary>
    public string? DatePattern { get; init; }
    /// <summary>The zone the file's times are written in; converted to UTC at load.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
    /// <summary>The bar period, when the format states it; null to detect it from the timestamps.</summary>
    public BarPeriod? Period { get; init; }

    /// <summary>Fields a record of <see cref="Layout"/> must have.</summary>
    public IEnumerable<CsvField> RequiredFields => Layout switch
    {
        RecordLayout.QuoteBars => [CsvField.Time, CsvField.BidOpen, CsvField.BidHigh, CsvField.BidLow, CsvField.BidClose, CsvField.AskOpen, CsvField.AskHigh, CsvField.AskLow, CsvField.AskClose],
        RecordLayout.TradeBars => [CsvField.Time, CsvField.Open, CsvField.High, CsvField.Low, CsvField.Close],
        _ => [CsvField.Time, CsvField.Bid, CsvField.Ask],
    };

    /// <summary>Checks the description is complete and consistent.</summary>
    /// <exception cref="ArgumentException">A required column is missing, or the separator is not ASCII.</exception>
    public void Validate()
    {
        if (Separator > 127) throw new ArgumentException($"format '{Name}': the separator must be one ASCII character");
        foreach (var field in RequiredFields)
            if (!Columns.ContainsKey(field)) throw new ArgumentException($"format '{Name}': no column is mapped to the required field '{field}'");
        if (Columns.ContainsKey(CsvField.Date) != (DatePattern is not null))
            throw new ArgumentException($"format '{Name}': a Date column and a DatePattern go together");
        _ = new TimestampPattern(TimePattern);
        if (DatePattern is not null) _ = new TimestampPattern(DatePattern);
    }

    /// <summary>The same format reading times in another zone.</summary>
    public DelimitedFormat InZone(TimeZoneInfo zone) => this with { TimeZone = zone };
}
